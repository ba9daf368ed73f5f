import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { AuditController, TransferAuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { TokenGuard } from './auth/token.guard';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { StoresModule } from './infrastructure/stores.module';
import { CustodyCommandHandler } from './items/custody-command.handler';
import { TransferMembership } from './transfers/transfer-membership';
import { ItemsService } from './items/items.service';
import { ItemsController } from './items/items.controller';
import { SignatureImageController } from './items/signature-image.controller';
import { LocationsController } from './locations/locations.controller';
import { LogModule } from './log/log.module';
import { MetricsController } from './metrics/metrics.controller';
import { PeopleModule } from './people/people.module';
import { DisposalListController } from './reports/disposal-list.controller';
import { DocumentsModule } from './documents/documents.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { TokenThrottlerGuard } from './rate-limit/token-throttler.guard';
import { TokensController } from './tokens/tokens.controller';
import { TransfersModule } from './transfers/transfers.module';
import { DisposalsModule } from './disposals/disposals.module';
import { WatchController } from './watch/watch.controller';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's X-Request-Id when it is a safe token to log, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: ConfigHolder,
          global: true,
          providers: [{ provide: APP_CONFIG, useValue: config }],
          exports: [APP_CONFIG],
        },
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Tokens and bodies never reach the logs: only method, route, status and timing.
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
          },
        }),
        StoresModule,
        RateLimitModule,
        TransfersModule,
        DisposalsModule,
        DocumentsModule,
        LogModule,
        PeopleModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        TokensController,
        LocationsController,
        ItemsController,
        SignatureImageController,
        WatchController,
        AuditController,
        TransferAuditController,
        ImportsController,
        DisposalListController,
      ],
      providers: [
        CustodyCommandHandler,
        TransferMembership,
        ItemsService,
        AuditService,
        { provide: APP_GUARD, useClass: TokenGuard },
        // After the TokenGuard (guards run in this order): the limit is per token.
        { provide: APP_GUARD, useClass: TokenThrottlerGuard },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
