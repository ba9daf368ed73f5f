import type { Refusal } from '@jejak/custody';

/** The domain said no: nothing was recorded. */
export class CommandRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'CommandRefusedError';
  }
}

/** The stream moved: the caller pinned another revision, or retries ran out against other writers. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly streamId: string,
    /** The revision the caller pinned, or the one this attempt read. */
    readonly expected: number,
    readonly actual: number,
    readonly pinned: boolean,
  ) {
    super(`stream ${streamId} is at revision ${actual}, not ${expected}`);
    this.name = 'ConcurrencyConflictError';
  }
}

/** An Idempotency-Key already recorded another request. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('This Idempotency-Key was used for another request.');
    this.name = 'IdempotencyKeyReusedError';
  }
}
