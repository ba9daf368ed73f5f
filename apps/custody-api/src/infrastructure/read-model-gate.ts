import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import { ApiProblem } from '../common/problem';
import { PROJECTOR, type ProjectorHandle } from './projector.provider';

const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/** Read-your-writes: waits for the projections to reach `minPosition`; stamps every answer. */
@Injectable()
export class ReadModelGate {
  constructor(
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
  ) {}

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
