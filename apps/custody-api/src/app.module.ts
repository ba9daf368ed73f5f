import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { AuditController, TransferAuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { TokenGuard } from './auth/token.guard';
import { requestLogOptions } from './common/request-log';
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
import { RouteMetadataReflector } from './common/route-metadata.reflector';
import { TokensController } from './tokens/tokens.controller';
import { TransfersModule } from './transfers/transfers.module';
import { DisposalsModule } from './disposals/disposals.module';
import { WatchController } from './watch/watch.controller';

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
        // The request log is applied by a Fastify hook (common/request-log.ts), not as Nest middleware.
        LoggerModule.forRoot({ pinoHttp: requestLogOptions(config.logLevel), forRoutes: [] }),
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
        RouteMetadataReflector,
        { provide: APP_GUARD, useClass: TokenGuard },
        // After the TokenGuard (guards run in this order): the limit is per token.
        { provide: APP_GUARD, useClass: TokenThrottlerGuard },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
