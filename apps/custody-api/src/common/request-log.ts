import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { requestIdOf } from './request-id';

/**
 * The request log's options: one JSON line per request (pino-http), and the request's logger for
 * the lines written about it (requestScopedLogger). Tokens and bodies never reach the logs: only
 * method, route, status and timing.
 */
export const requestLogOptions = (level: string): Options => ({
  level,
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'],
    remove: true,
  },
  serializers: {
    req: (req: { id: string; method: string; url: string }) => ({
      id: req.id,
      method: req.method,
      url: req.url,
    }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
  // Fastify's id (create-app.ts), so the log line and the X-Request-Id header agree.
  genReqId: (req: IncomingMessage & { id?: unknown }) =>
    typeof req.id === 'string' ? req.id : requestIdOf(req),
});

/** Where useRequestLog leaves the log's root logger when it makes a request's logger only on demand. */
const ROOT_LOGGER = Symbol('request-log root');

type LoggedRequest = IncomingMessage & { id?: string; allLogs?: Logger[]; [ROOT_LOGGER]?: Logger };

/**
 * What nestjs-pino's request-logging middleware did (pino-http), in one Fastify `onRequest` hook:
 * as Nest middleware it ran through @fastify/middie and Nest's middleware proxy, which cost more
 * than the logging itself (bench/README.md). Same log lines; LoggerModule is imported with
 * `forRoutes: []`, so it applies nothing itself. Added first, where middie's hook ran.
 *
 * The request's logger is not put in nestjs-pino's AsyncLocalStorage: once any store is entered,
 * Node runs every promise of the process through async hooks (~6 % of a where-is read's CPU).
 * The lines about a request are written where the request is at hand (requestScopedLogger).
 *
 * pino-http writes its lines (request completed, request errored) at `info` (its `useLevel`): at a
 * higher level (`warn`, `error`) it would only build each request's child logger for nothing, so
 * the hook then leaves that to the first line written about the request (requestLoggerOf).
 */
export function useRequestLog(fastify: FastifyInstance, options: Options): void {
  const logRequest = pinoHttp(options);
  const root = logRequest.logger;
  // pino-http's level for its lines: `useLevel` ('info' unless set); per answer if customLogLevel is.
  const writesRequestLines =
    options.customLogLevel !== undefined || root.isLevelEnabled(options.useLevel ?? 'info');
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw as LoggedRequest;
    raw.id = request.id;
    if (writesRequestLines) logRequest(raw, reply.raw);
    else raw[ROOT_LOGGER] = root;
    done();
  });
}

/** The logger of this request (its lines carry `req`), if it went through useRequestLog. */
export function requestLoggerOf(request: FastifyRequest | undefined): Logger | undefined {
  const raw = request?.raw as LoggedRequest | undefined;
  const logs = raw?.allLogs;
  if (logs) return logs[logs.length - 1];
  const root = raw?.[ROOT_LOGGER];
  if (!raw || !root) return undefined;
  // The child pino-http would have made: the same bindings, so the same lines.
  const logger = root.child({ req: raw });
  raw.allLogs = [logger];
  return logger;
}

export interface ErrorLogger {
  error(message: string): void;
}

/**
 * A logger for lines about one request: written through the request's own logger, with the same
 * fields a Nest `new Logger(context).error(message)` writes through nestjs-pino inside the
 * request (`context`, `req`, `msg`), or through `fallback` when the request has no logger.
 */
export function requestScopedLogger(
  request: FastifyRequest | undefined,
  context: string,
  fallback: ErrorLogger,
): ErrorLogger {
  const logger = requestLoggerOf(request);
  return logger ? { error: (message) => logger.error({ context }, message) } : fallback;
}
