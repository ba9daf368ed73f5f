import type { Refusal } from '@jejak/custody';
import { CommandRefusedError, ConcurrencyConflictError, IdempotencyKeyReusedError } from '@jejak/event-store';
import { ApiProblem } from './problem';

export const refusalToProblem = (refusal: Refusal): ApiProblem =>
  new ApiProblem(refusal.code, refusal.message, refusal.errors ? { errors: refusal.errors } : {});

/** The command pipeline's refusals as the HTTP contract words them; a conflict by its stream's kind. */
export function pipelineProblem(
  error: unknown,
  conflict: (error: ConcurrencyConflictError) => ApiProblem,
): unknown {
  if (error instanceof CommandRefusedError) return refusalToProblem(error.refusal);
  if (error instanceof IdempotencyKeyReusedError) {
    return new ApiProblem('idempotency-key-reused', error.message);
  }
  if (error instanceof ConcurrencyConflictError) return conflict(error);
  return error;
}
