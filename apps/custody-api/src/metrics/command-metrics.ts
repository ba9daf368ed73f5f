import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ApiProblem } from '../common/problem';

/** Every Prometheus metric the service exports, on its own registry (no global state). */
@Injectable()
export class CommandMetrics {
  readonly registry = new Registry();

  private readonly commands = new Counter({
    name: 'jejak_commands_total',
    help: 'Commands by event type and outcome (accepted or the refusal code)',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'jejak_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'jejak_event_store_append_duration_seconds',
    help: 'Event store commit latency (one group commit)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  readonly groupCommitSize = new Histogram({
    name: 'jejak_event_store_group_commit_appends',
    help: 'Appends committed together in one transaction and fsync',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
    registers: [this.registry],
  });

  readonly projectionLag = new Histogram({
    name: 'jejak_projection_lag_seconds',
    help: 'Time from an event being recorded to its projection being applied',
    labelNames: ['projection'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'jejak_' });
  }

  commandRecorded(type: string, outcome: string): void {
    this.commands.inc({ type, outcome });
  }

  /** Runs a command and counts it by its answer: accepted, or the problem's code. */
  async counted<T>(type: string, run: () => Promise<T>): Promise<T> {
    try {
      const outcome = await run();
      this.commandRecorded(type, 'accepted');
      return outcome;
    } catch (error) {
      this.commandRecorded(type, error instanceof ApiProblem ? error.body.code : 'error');
      throw error;
    }
  }
}
