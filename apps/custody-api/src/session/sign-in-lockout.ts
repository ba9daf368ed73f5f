import { AttemptCounterStore, MemoryAttemptCounterStore, type AttemptCount } from '@jejak/directory';

export interface LockoutPolicy {
  /** Failures of one id after which each further try waits 1 s, then 2, 4, 8 … */
  slowAfter: number;
  /** Failures of one id after which it is locked for `lockMs`. */
  lockAfter: number;
  lockMs: number;
  /** An address may fail this many times as often as one id (people share an office's address). */
  addressFactor: number;
}

/** One attempt let through: counted as a failure until it succeeds. */
export interface AdmittedAttempt {
  retryAfterSeconds: 0;
  /** The attempt did not go ahead after all (the password checks were too busy): uncount it. */
  takeBack(): Promise<void>;
}

export type AttemptAnswer = AdmittedAttempt | { retryAfterSeconds: number };

/**
 * Counts failed sign-ins per id and per client address. Past `slowAfter` failures a key must
 * wait before its next try (doubling from 1 s); past `lockAfter` it is locked for `lockMs`.
 * Failures are forgotten `lockMs` after the last one. Ids that do not exist are counted exactly
 * like real ones, so the answers tell an attacker nothing. Every attempt counts as a failure
 * until it has succeeded (parallel guesses cannot slip past the count); a success clears the
 * id's count but not the address's other failures, so signing in to one's own account cannot
 * reset a guessing run.
 * The counts live in an AttemptCounterStore: with MONGODB_URL one shared by every replica, so N
 * replicas allow the attempts of one. The clock is passed in (ms) so the rules can be checked
 * without waiting.
 */
export class SignInLockout {
  constructor(
    private readonly policy: LockoutPolicy,
    private readonly store: AttemptCounterStore = new MemoryAttemptCounterStore(),
  ) {}

  /** Seconds before this id (if any) from this address may try again; 0 when it may now. */
  async retryAfterSeconds(id: string | null, address: string, now: number): Promise<number> {
    const keys = this.keys(id, address);
    const counts = await Promise.all(keys.map(([key]) => this.store.get(key, now)));
    return seconds(Math.max(...counts.map((count, i) => this.waitMs(count, keys[i][1], now))));
  }

  async recordFailure(id: string | null, address: string, now: number): Promise<void> {
    const { lockMs } = this.policy;
    await Promise.all(this.keys(id, address).map(([key]) => this.store.increment(key, now, lockMs, true)));
  }

  /**
   * Checks and counts one attempt: each key's count is taken up in one atomic step that answers
   * the count before it, and the attempt is judged on those (of attempts made at once, on this
   * replica or another, each sees another count, so no more than the limit get through). An
   * attempt that must wait is taken back, leaving the counts and times as they were.
   */
  async attempt(id: string | null, address: string, now: number): Promise<AttemptAnswer> {
    const keys = this.keys(id, address);
    const { lockMs } = this.policy;
    const before = await Promise.all(keys.map(([key]) => this.store.increment(key, now, lockMs, true)));
    const takeBack = async () => {
      await Promise.all(keys.map(([key], i) => this.store.undo(key, now, before[i])));
    };
    const wait = seconds(Math.max(...before.map((count, i) => this.waitMs(count, keys[i][1], now))));
    if (wait === 0) return { retryAfterSeconds: 0, takeBack };
    await takeBack();
    return { retryAfterSeconds: wait };
  }

  /**
   * The attempt counted by recordFailure (before its password was checked, so that parallel
   * guesses are counted too) succeeded: the id's failures are cleared, the address's loses only
   * this attempt.
   */
  async recordSuccess(id: string | null, address: string): Promise<void> {
    await Promise.all([
      ...(id !== null ? [this.store.delete(idKey(id))] : []),
      this.store.decrement(addressKey(address)),
    ]);
  }

  private keys(id: string | null, address: string): [string, number][] {
    const keys: [string, number][] = [[addressKey(address), this.policy.addressFactor]];
    if (id !== null) keys.push([idKey(id), 1]);
    return keys;
  }

  private waitMs(entry: AttemptCount | null, factor: number, now: number): number {
    if (!entry) return 0;
    const { slowAfter, lockAfter, lockMs } = this.policy;
    if (entry.count >= lockAfter * factor) return entry.lastAt + lockMs - now;
    if (entry.count >= slowAfter * factor) {
      const delay = 1000 * 2 ** Math.min(entry.count - slowAfter * factor, 20);
      return Math.max(0, entry.lastAt + Math.min(delay, lockMs) - now);
    }
    return 0;
  }
}

const seconds = (ms: number): number => (ms > 0 ? Math.ceil(ms / 1000) : 0);

/** Apart from the failed-token limit's keys in the same store. */
const addressKey = (address: string): string => `sign-in:addr:${address}`;

/** Ids differ only in case for an attacker trying variants: count them as one. */
const idKey = (id: string): string => `sign-in:id:${id.trim().toLowerCase()}`;
