import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_ID_LENGTH } from '@jejak/http-contract';
import { problemBody, type ProblemBody } from './problem';

/** Headers must have arrived by then (or the request timeout, when that is shorter). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** How often Node looks for requests past their timeout: a slow request is cut at most this late. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;
/** After an answer to a broken request, the socket is given this long to flush before it is destroyed. */
const FLUSH_BEFORE_DESTROY_MS = 1000;

/**
 * Fastify options that bound what one connection may cost before any route, guard or validator
 * runs: the time to send the headers and the whole request, and the length of a path parameter
 * (the longest id, so an id the API accepts is always reachable on its routes).
 */
export function edgeServerOptions(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    routerOptions: { maxParamLength: MAX_ID_LENGTH },
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  };
}

/** Errors Node's HTTP parser raises before Fastify sees a request, answered as problem+json. */
export function clientErrorProblem(code: string | undefined): ProblemBody {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return problemBody('request-timeout', 'The headers and body did not arrive in time.');
  if (code === 'HPE_HEADER_OVERFLOW')
    return problemBody('headers-too-large', 'The request headers are larger than 16 KiB.');
  return problemBody('validation-failed', 'The request is not valid HTTP.');
}

function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = JSON.stringify(clientErrorProblem(error.code));
  const status = (JSON.parse(body) as ProblemBody).status;
  if (socket.writable) {
    // end(), then destroy a little later: destroying at once resets the connection before the
    // client has read the answer (seen with a 20 KB header).
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  setTimeout(() => socket.destroy(), FLUSH_BEFORE_DESTROY_MS).unref();
}

/** Fastify's router refusals (a path parameter past MAX_ID_LENGTH, a malformed URL). */
function answerFrameworkError(
  error: Error & { code?: string },
  _request: FastifyRequest,
  reply: FastifyReply,
) {
  const body =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? problemBody('validation-failed', `An id in the path is longer than ${MAX_ID_LENGTH} characters.`, {
          errors: [{ field: 'id', message: `at most ${MAX_ID_LENGTH} characters` }],
        })
      : problemBody('validation-failed', 'The URL is not valid.');
  void reply.status(body.status).header('Content-Type', 'application/problem+json').send(body);
}
