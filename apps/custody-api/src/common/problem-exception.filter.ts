import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { isDamagedFileError } from '@jejak/event-store';
import { InvalidCursorError } from '@jejak/read-models';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblem, ProblemBody, ProblemCode, problemBody } from './problem';
import { requestScopedLogger } from './request-log';
import type { RouteTable } from './route-table';

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'validation-failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'concurrency-conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'projection-lagging',
};

/** Fastify's own errors (body parsing, limits) carry a statusCode and an FST_ code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** A problem lists at most this many field errors: a body of many wrong fields is not answered in megabytes. */
export const MAX_FIELD_ERRORS = 50;
const MAX_DETAIL_LENGTH = 2000;
/** What a client is told to wait when the disk is full: an operator has to free space first. */
export const STORAGE_FULL_RETRY_AFTER_S = 60;

/** SQLite's SQLITE_FULL (by shape: the native module's errors may come from another realm). */
export const isStorageFull = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_FULL' ||
    code === 'ENOSPC' ||
    (typeof message === 'string' && message.includes('database or disk is full'))
  );
};

export function toProblem(error: unknown): ProblemBody {
  if (error instanceof ApiProblem) return error.body;
  if (isStorageFull(error)) {
    return problemBody(
      'storage-full',
      'The disk holding the data is full; nothing was recorded. Retry later.',
    );
  }
  if (isDamagedFileError(error)) {
    return problemBody(
      'data-damaged',
      'A data file of the service is damaged; the operator has been told (log, /health/ready).',
    );
  }
  if (error instanceof InvalidCursorError) {
    return problemBody(
      'validation-failed',
      'The cursor is not one this list gave out; start again without it.',
      {
        errors: [{ field: 'cursor', message: 'unknown cursor' }],
      },
    );
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status];
    if (code) return { ...problemBody(code, describe(error)), status };
    if (status < 500) return { ...problemBody('validation-failed', describe(error)), status };
    return problemBody('internal-error', 'The service failed to answer; the failure has been logged.');
  }
  const fastifyError = error as FastifyLikeError;
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return problemBody('payload-too-large', 'The request body is larger than the limit.');
    }
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
      return problemBody('unsupported-media-type', 'Send the body as application/json.');
    }
    const code = CODE_BY_STATUS[status] ?? 'validation-failed';
    const detail =
      fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'The body is empty but the content type is application/json.'
        : fastifyError.code?.startsWith('FST_ERR_CTP')
          ? 'The body is not valid JSON.'
          : 'The request could not be read.';
    return { ...problemBody(code, detail), status };
  }
  return problemBody('internal-error', 'The service failed to answer; the failure has been logged.');
}

function describe(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return error.message;
}

/** Renders every error as application/problem+json (RFC 9457); a 5xx never leaks its cause. */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  /**
   * With the served routes, an unmatched request whose path exists under another method is 405.
   * `onStorageFull` is told of every storage-full answer (logged once per change of state there).
   */
  constructor(
    private readonly routes?: RouteTable,
    private readonly onStorageFull?: () => void,
    private readonly onDamaged?: (cause: unknown) => void,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const allowed = this.unmatchedMethod(exception, request);
    if (allowed) {
      void reply.header('Allow', allowed.join(', '));
      const detail = `${request.method} is not served here; use ${allowed.join(', ')}.`;
      sendProblem(
        reply,
        problemBody('method-not-allowed', detail),
        exception,
        request,
        this.loggerFor(request),
      );
      return;
    }
    const problem = toProblem(exception);
    if (problem.code === 'storage-full') this.onStorageFull?.();
    if (problem.code === 'data-damaged') this.onDamaged?.(exception);
    sendProblem(reply, problem, exception, request, this.loggerFor(request));
  }

  /** The request's own logger, so a failure's line carries its request id (see request-log.ts). */
  private loggerFor(request: FastifyRequest | undefined) {
    return requestScopedLogger(request, 'Problem', this.logger);
  }

  /** Nest's not-found handler throws a plain NotFoundException when no route matched at all. */
  private unmatchedMethod(exception: unknown, request: FastifyRequest | undefined): string[] | null {
    if (
      !this.routes ||
      !request ||
      exception instanceof ApiProblem ||
      !(exception instanceof NotFoundException)
    )
      return null;
    if (request.routeOptions?.url) return null;
    const methods = this.routes.methodsAt(request.url);
    return methods.length > 0 && !methods.includes(request.method) ? methods : null;
  }
}

export function sendProblem(
  reply: FastifyReply,
  body: ProblemBody,
  cause: unknown,
  request: FastifyRequest | undefined,
  logger: { error(message: unknown, ...rest: unknown[]): void },
): void {
  // A full disk and a damaged file are logged once (StorageHealth, StoreIntegrity), not per request.
  if (body.status >= 500 && body.code !== 'storage-full' && body.code !== 'data-damaged') {
    const stack = cause instanceof Error ? cause.stack : String(cause);
    logger.error(`${request?.method ?? ''} ${request?.routeOptions?.url ?? ''} failed: ${stack}`);
  }
  if (body.status === 429 && !reply.hasHeader('Retry-After')) reply.header('Retry-After', '60');
  if (body.code === 'storage-full') reply.header('Retry-After', String(STORAGE_FULL_RETRY_AFTER_S));
  if (body.errors && body.errors.length > MAX_FIELD_ERRORS) {
    const shown = body.errors.length;
    body = {
      ...body,
      errors: body.errors.slice(0, MAX_FIELD_ERRORS),
      detail: `${body.detail} (the first ${MAX_FIELD_ERRORS} of ${shown} errors are listed)`,
    };
  }
  if (body.detail.length > MAX_DETAIL_LENGTH) {
    body = { ...body, detail: `${body.detail.slice(0, MAX_DETAIL_LENGTH)}…` };
  }
  void reply.status(body.status).header('Content-Type', 'application/problem+json').send(body);
}
