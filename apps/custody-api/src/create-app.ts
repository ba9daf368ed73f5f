import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@jejak/config';
import { TokenStore } from '@jejak/directory';
import { AppModule } from './app.module';
import { requestIdOf } from './common/request-id';
import { requestLogOptions, useRequestLog } from './common/request-log';
import { edgeServerOptions } from './common/http-edge';
import { API_CACHE_CONTROL, useSecurityHeaders } from './common/security-headers';
import { useGuardedJsonParser } from './common/json-body-parser';
import { useImportBodyParser } from './common/import-body-parser';
import { ProblemExceptionFilter } from './common/problem-exception.filter';
import { problemBody } from './common/problem';
import { RouteTable } from './common/route-table';
import { createValidationPipe } from './common/validation';
import { setUpOpenApi } from './openapi';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { saveIdempotentAnswers } from './idempotency/idempotent-answers.hook';
import { CommandMetrics } from './metrics/command-metrics';
import { serveWebApp } from './web/web-app.static';
import { StorageHealth } from './health/storage-health';
import { StoreIntegrity } from './infrastructure/store-integrity';

export interface CreatedApp {
  app: NestFastifyApplication;
  /** Set only when a new store got its first admin token: show it once, never log it. */
  generatedAdminToken: string | null;
}

/** Builds the whole service (used by main.ts and by the end-to-end tests alike). */
export async function createApp(config: AppConfig): Promise<CreatedApp> {
  // The caller's X-Request-Id is kept only when it is safe to log (requestIdOf), else a new UUID.
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    ...edgeServerOptions(config.requestTimeoutMs),
    requestIdHeader: false,
    // Refused below as problem+json instead of Fastify's fixed 503 body.
    return503OnClosing: false,
    genReqId: requestIdOf,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Fastify's own JSON parser (same limit and prototype-poisoning refusal) and nothing else:
    // Nest would add a urlencoded parser, and JSON is the only body this API takes.
    bodyParser: false,
    cors: config.corsOrigins.length > 0 ? { origin: config.corsOrigins } : false,
  });
  app.useLogger(app.get(Logger));
  const routes = new RouteTable();
  const storage = app.get(StorageHealth);
  const integrity = app.get(StoreIntegrity);
  app.useGlobalFilters(
    new ProblemExceptionFilter(
      routes,
      () => storage.reportFull('event log'),
      (cause) => integrity.damageSeen(cause),
    ),
  );
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  // First of this file's hooks: every later hook, guard and handler logs with the request's logger.
  useRequestLog(fastify, requestLogOptions(config.logLevel));
  // JSON in, JSON out: a text/plain body is 415, not a string handed to the validators.
  fastify.removeContentTypeParser('text/plain');
  useGuardedJsonParser(fastify);
  // The imports (POST /api/imports/daftar-arsip) take CSV or XLSX, kept raw for their reader; elsewhere 415.
  useImportBodyParser(fastify, config.importBodyLimitBytes);
  // Routes are registered by app.init() below, so this hook sees every one of them.
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));
  useSecurityHeaders(fastify);

  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    if (request.url.startsWith('/api/')) void reply.header('Cache-Control', API_CACHE_CONTROL);
    if (!closing) return done();
    // Stopping: whatever is in flight finishes; nothing new starts on a kept-alive connection.
    void reply
      .header('Connection', 'close')
      .status(503)
      .header('Content-Type', 'application/problem+json')
      .send(problemBody('shutting-down', 'The service is stopping; send the request again in a moment.'));
  });

  const metrics = app.get(CommandMetrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  // The web app (dist/web) at /, when it has been built.
  await serveWebApp(fastify);

  saveIdempotentAnswers(fastify, app.get(IdempotencyRepository), new NestLogger('Idempotency'));

  setUpOpenApi(app);
  await app.init();

  const tokens = app.get(TokenStore);
  let generatedAdminToken: string | null = null;
  if (!config.adminToken && (await tokens.isEmpty())) {
    generatedAdminToken = (
      await tokens.create(
        { name: 'first admin (generated at start-up)', role: 'admin', unitId: null, principalId: 'admin' },
        'system:start-up',
      )
    ).token;
  }
  return { app, generatedAdminToken };
}
