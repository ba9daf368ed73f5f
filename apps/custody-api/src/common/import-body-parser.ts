import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** The content types of a daftar arsip upload: CSV (any charset) and XLSX. */
export const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

/**
 * An uploaded file as the import reads it: its raw bytes (not enumerable) and, as the body's
 * visible fields, its digest and the request's query, which the Idempotency-Key's request hash
 * covers (the same file with other options is another request).
 */
export class UploadedFile {
  readonly sha256: string;
  readonly query: unknown;
  declare readonly bytes: Buffer;
  declare readonly contentType: string;

  constructor(bytes: Buffer, contentType: string, query: unknown) {
    this.sha256 = createHash('sha256').update(bytes).digest('hex');
    this.query = query;
    Object.defineProperty(this, 'bytes', { value: bytes, enumerable: false });
    Object.defineProperty(this, 'contentType', { value: contentType, enumerable: false });
  }
}

/**
 * CSV and XLSX bodies of /api/imports/ as raw bytes, decoded by the import itself: Fastify's
 * `parseAs: 'string'` reads UTF-8 and compares the decoded length with Content-Length, so a
 * Windows-1252 file (one byte per "é", three once replaced) failed with "Request body size did not
 * match Content-Length". Elsewhere these types are 415.
 */
export function useImportBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addContentTypeParser(
    [...IMPORT_CONTENT_TYPES],
    { parseAs: 'buffer', bodyLimit },
    (request, body, done) =>
      request.url.startsWith('/api/imports/')
        ? done(null, new UploadedFile(body as Buffer, request.headers['content-type'] ?? '', request.query))
        : done(
            Object.assign(new Error('CSV and XLSX are taken by the imports only'), { statusCode: 415 }),
            undefined,
          ),
  );
}
