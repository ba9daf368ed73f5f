/** A count of attempts under one key, times in ms since the epoch. */
export interface AttemptCount {
  count: number;
  /** When the first attempt of this count was made. */
  firstAt: number;
  /** When the latest attempt that changed the time was made (see `increment`). */
  lastAt: number;
  /** When the count is forgotten. */
  expiresAt: number;
}

/**
 * Counters of failed attempts (sign-in lock-out, failed-token limit), shared by every replica on
 * MongoDB so that N replicas allow the attempts of one, not N times as many. Every change is one
 * atomic step on one key: of parallel increments each sees another count.
 */
export abstract class AttemptCounterStore {
  /** The key's live count (null when there is none or it expired). */
  abstract get(key: string, now: number): Promise<AttemptCount | null>;
  /**
   * Adds one attempt and answers the count as it was before it (null: none, or expired and now
   * started afresh at `now`, to be forgotten `ttlMs` later). `slide`: the attempt's time becomes
   * the latest and the count is forgotten `ttlMs` after it; else the first attempt's window stays.
   */
  abstract increment(key: string, now: number, ttlMs: number, slide: boolean): Promise<AttemptCount | null>;
  /**
   * Takes back one attempt counted by `increment` at `at`, whose answer was `before`: the count goes
   * down by one, and its times are as before unless a later attempt changed them meanwhile. A count
   * at zero is forgotten.
   */
  abstract undo(key: string, at: number, before: AttemptCount | null): Promise<void>;
  /** Down by one (forgotten at zero) without touching the times. */
  abstract decrement(key: string): Promise<void>;
  abstract delete(key: string): Promise<void>;
}
