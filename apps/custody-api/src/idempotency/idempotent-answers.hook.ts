import type { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestScopedLogger } from '../common/request-log';
import { idempotencyOf, type PendingIdempotentAnswer } from './idempotency.guard';
import type { IdempotencyRepository } from './idempotency.repository';

/**
 * Stores the first answer to a keyed request (see IdempotencyGuard) before it is sent, so a retry
 * that follows the answer finds it: a success or a refusal (4xx) comes back the same, as the
 * contract says. A 5xx (a failure, or 503 while stopping or lagging) is not kept: a retry runs again.
 */
export function saveIdempotentAnswers(
  fastify: FastifyInstance,
  repository: IdempotencyRepository,
  logger: Pick<Logger, 'error'>,
): void {
  const keep = async (
    request: FastifyRequest,
    status: number,
    pending: PendingIdempotentAnswer,
    payload: string,
  ) => {
    try {
      await repository.save(pending.sealing, {
        requestHash: pending.request.requestHash,
        status,
        body: JSON.parse(payload),
      });
    } catch (error) {
      // The answer is right; a retry finds the recorded events by their deterministic ids, so the
      // answer still goes out.
      requestScopedLogger(request, 'Idempotency', logger).error(
        `could not store the answer to Idempotency-Key: ${(error as Error).message}`,
      );
    }
  };
  // A callback hook, not an async one: every answer of the service passes here, and an async hook
  // costs each a promise and a turn of the microtask queue, though most have nothing to store.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const pending = idempotencyOf(request);
    if (!pending || reply.statusCode < 200 || reply.statusCode >= 500 || typeof payload !== 'string') {
      done(null, payload);
      return;
    }
    void keep(request, reply.statusCode, pending, payload).then(() => done(null, payload));
  });
}
