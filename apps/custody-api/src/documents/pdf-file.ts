import type { FastifyReply } from 'fastify';

/** A rendered document and the name it is offered under. */
export interface PdfFile {
  pdf: Buffer;
  filename: string;
}

/** A file name of the safe characters only: it goes into a header, quoted. */
export const safeFileName = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '-');

/** The answer of a PDF route: shown in the browser (inline), saved under its name. */
export function sendPdf(reply: FastifyReply, { pdf, filename }: PdfFile): Buffer {
  void reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `inline; filename="${filename}"`);
  return pdf;
}
