import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import { ApiProblem } from '../common/problem';
import { registerProjectionGate } from '../common/reads-projection.decorator';
import { PROJECTOR, type ProjectorHandle } from './projector.provider';

const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/**
 * Read-your-writes: waits for the projections to reach `minPosition`; stamps every answer. Routes
 * use it through @ReadsProjection(), which finds it by the server it registers with.
 */
@Injectable()
export class ReadModelGate implements OnModuleInit {
  constructor(
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const server = this.http.httpAdapter?.getInstance<FastifyInstance>();
    if (server) registerProjectionGate(server, this);
  }

  /** Stamps the answer, refusals included (a 503 says how far the read model has got). */
  async await(minPosition: string | undefined, reply: FastifyReply): Promise<void> {
    const reached =
      minPosition === undefined ||
      (await this.projector.waitForPosition(minPosition, READ_YOUR_WRITES_TIMEOUT_MS));
    await this.stamp(reply);
    if (!reached) {
      throw new ApiProblem(
        'projection-lagging',
        `The read model has not reached position ${minPosition} within ${READ_YOUR_WRITES_TIMEOUT_MS / 1000} s.`,
      );
    }
  }

  /** Sets `X-Projection-Position` to the position the read model has applied now. */
  async stamp(reply: FastifyReply): Promise<void> {
    const position = this.projector.appliedPosition() ?? (await this.readModels.appliedPosition());
    void reply.header('X-Projection-Position', position ?? '0');
  }
}
