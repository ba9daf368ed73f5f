import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@jejak/read-models';
import { Public } from '../auth/public.decorator';
import { PROJECTOR, type ProjectorHandle } from '../infrastructure/projector.provider';
import { StoreIntegrity } from '../infrastructure/store-integrity';
import { StorageHealth } from './storage-health';
import { LiveDto, ReadyDto } from '../openapi/response.dto';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(StoreIntegrity) private readonly integrity: StoreIntegrity,
    @Inject(StorageHealth) private readonly storage: StorageHealth,
  ) {}

  /** 200 while the process runs. */
  @Get('live')
  @ApiOkResponse({ type: LiveDto })
  live() {
    return { status: 'ok' };
  }

  /** 200 only when both stores answer and the projections are running; else 503. */
  @Get('ready')
  @ApiOkResponse({ type: ReadyDto })
  @ApiServiceUnavailableResponse({ type: ReadyDto, description: 'A store or the projections are down' })
  @HealthCheck({ swaggerDocumentation: false })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.checkReady();
    } catch (error) {
      // Terminus's 503 carries which check failed and why: answered as is, not as a problem whose
      // detail would read "Service Unavailable Exception", and not logged at every poll.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse();
    }
  }

  private checkReady() {
    return this.health.check([
      () =>
        this.probe('storage', async () => {
          const problem = this.storage.problem();
          if (problem) throw new Error(problem);
        }),
      () => this.probe('eventStore', () => this.eventStore.ping()),
      () => this.probe('readModels', () => this.readModels.ping()),
      () =>
        this.probe(
          'projections',
          async () => {
            if (!this.projector.isRunning()) throw new Error('projections are not running');
            const problem = this.projector.problem?.();
            if (problem) throw new Error(`projections are stuck: ${problem}`);
          },
          // With shared read models: does this replica project (holds the lease) or stand by? A
          // standby is ready all the same: it serves reads of what the holder projects.
          () => this.projector.lease?.() ?? {},
        ),
      // Up after start-up repairs (the service works on what the log holds), but what they found
      // stays visible; down once SQLite reported a damaged file while serving.
      () => {
        const indicator = this.indicators.check('dataFiles');
        const notices: Record<string, unknown> =
          this.integrity.notices.length > 0 ? { notices: this.integrity.notices } : {};
        const damaged = this.integrity.damagedWhileRunning;
        return damaged === null
          ? indicator.up(notices)
          : indicator.down({
              ...notices,
              message: `a data file is damaged (${damaged}): restart the service`,
            });
      },
    ]);
  }

  private async probe(
    key: string,
    check: () => Promise<void>,
    details: () => Record<string, unknown> = () => ({}),
  ) {
    const indicator = this.indicators.check(key);
    try {
      await check();
      return indicator.up(details());
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
