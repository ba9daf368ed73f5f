import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { requestIdOf } from './request-id';

/**
 * The request log's options: one JSON line per request (pino-http), and the request's logger for
 * every Nest `Logger` call made while it is handled (nestjs-pino). Tokens and bodies never reach
 * the logs: only method, route, status and timing.
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

type LoggedRequest = IncomingMessage & { id?: string; allLogs?: Logger[] };

/**
 * What nestjs-pino's two middlewares do (pino-http, then the request's logger put in its
 * AsyncLocalStorage for the rest of the request), in one Fastify `onRequest` hook: as Nest
 * middleware they ran through @fastify/middie and Nest's middleware proxy, which cost more than
 * the logging itself (bench/README.md). Same log lines; LoggerModule is imported with
 * `forRoutes: []`, so it applies neither itself. Added first, where middie's hook ran.
 */
export function useRequestLog(fastify: FastifyInstance, options: Options): void {
  const logRequest = pinoHttp(options);
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw as LoggedRequest;
    raw.id = request.id;
    logRequest(raw, reply.raw);
    const logs = raw.allLogs;
    storage.run(new Store(logs[logs.length - 1]), done);
  });
}
