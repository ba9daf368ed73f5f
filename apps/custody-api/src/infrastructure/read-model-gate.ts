import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import { ApiProblem } from '../common/problem';
import { PROJECTOR, type ProjectorHandle } from './projector.provider';

const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/** Read-your-writes: waits for the projections to reach `minPosition` and stamps the answer. */
@Injectable()
export class ReadModelGate {
  constructor(
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
  ) {}

  async await(minPosition: string | undefined, reply: FastifyReply): Promise<void> {
    if (minPosition !== undefined) {
      const reached = await this.projector.waitForPosition(minPosition, READ_YOUR_WRITES_TIMEOUT_MS);
      if (!reached) {
        throw new ApiProblem(
          'projection-lagging',
          `The read model has not reached position ${minPosition} within ${READ_YOUR_WRITES_TIMEOUT_MS / 1000} s.`,
        );
      }
    }
    const position = this.projector.appliedPosition() ?? (await this.readModels.appliedPosition());
    void reply.header('X-Projection-Position', position ?? '0');
  }
}
