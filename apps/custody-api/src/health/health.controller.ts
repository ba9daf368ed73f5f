import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@jejak/read-models';
import { Public } from '../auth/public.decorator';
import { PROJECTOR, type ProjectorHandle } from '../infrastructure/projector.provider';
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
  ready() {
    return this.health.check([
      () => this.probe('eventStore', () => this.eventStore.ping()),
      () => this.probe('readModels', () => this.readModels.ping()),
      () =>
        this.probe('projections', async () => {
          if (!this.projector.isRunning()) throw new Error('projections are not running');
          const problem = this.projector.problem?.();
          if (problem) throw new Error(`projections are stuck: ${problem}`);
        }),
    ]);
  }

  private async probe(key: string, check: () => Promise<void>) {
    const indicator = this.indicators.check(key);
    try {
      await check();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
