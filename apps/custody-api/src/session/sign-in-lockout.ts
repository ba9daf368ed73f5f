export interface LockoutPolicy {
  /** Failures of one id after which each further try waits 1 s, then 2, 4, 8 … */
  slowAfter: number;
  /** Failures of one id after which it is locked for `lockMs`. */
  lockAfter: number;
  lockMs: number;
  /** An address may fail this many times as often as one id (people share an office's address). */
  addressFactor: number;
}

interface Failures {
  count: number;
  lastAt: number;
}

/** Bounds the memory a flood of made-up ids can take; quiet entries are dropped first. */
const MAX_TRACKED = 20_000;

/**
 * Counts failed sign-ins per id and per client address. Past `slowAfter` failures a key must
 * wait before its next try (doubling from 1 s); past `lockAfter` it is locked for `lockMs`.
 * Failures are forgotten `lockMs` after the last one. Ids that do not exist are counted exactly
 * like real ones, so the answers tell an attacker nothing. Every attempt counts as a failure
 * until it has succeeded (parallel guesses cannot slip past the count); a success clears the
 * id's count but not the address's other failures, so signing in to one's own account cannot
 * reset a guessing run.
 * The clock is passed in (ms) so the rules can be checked without waiting.
 */
export class SignInLockout {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly policy: LockoutPolicy) {}

  /** Seconds before this id (if any) from this address may try again; 0 when it may now. */
  retryAfterSeconds(id: string | null, address: string, now: number): number {
    const waits = [this.waitMs(`addr:${address}`, this.policy.addressFactor, now)];
    if (id !== null) waits.push(this.waitMs(idKey(id), 1, now));
    const ms = Math.max(...waits);
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }

  recordFailure(id: string | null, address: string, now: number): void {
    if (this.failures.size >= MAX_TRACKED) this.prune(now);
    this.bump(`addr:${address}`, now);
    if (id !== null) this.bump(idKey(id), now);
  }

  /**
   * The attempt counted by recordFailure (before its password was checked, so that parallel
   * guesses are counted too) succeeded: the id's failures are cleared, the address's loses only
   * this attempt.
   */
  recordSuccess(id: string | null, address: string): void {
    if (id !== null) this.failures.delete(idKey(id));
    const entry = this.failures.get(`addr:${address}`);
    if (entry && entry.count > 1) entry.count -= 1;
    else this.failures.delete(`addr:${address}`);
  }

  private waitMs(key: string, factor: number, now: number): number {
    const entry = this.live(key, now);
    if (!entry) return 0;
    const { slowAfter, lockAfter, lockMs } = this.policy;
    if (entry.count >= lockAfter * factor) return entry.lastAt + lockMs - now;
    if (entry.count >= slowAfter * factor) {
      const delay = 1000 * 2 ** Math.min(entry.count - slowAfter * factor, 20);
      return Math.max(0, entry.lastAt + Math.min(delay, lockMs) - now);
    }
    return 0;
  }

  private bump(key: string, now: number): void {
    const entry = this.live(key, now);
    this.failures.set(key, { count: (entry?.count ?? 0) + 1, lastAt: now });
  }

  private live(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.lastAt >= this.policy.lockMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures)
      if (now - entry.lastAt >= this.policy.lockMs) this.failures.delete(key);
    if (this.failures.size >= MAX_TRACKED) this.failures.clear();
  }
}

/** Ids differ only in case for an attacker trying variants: count them as one. */
const idKey = (id: string): string => `id:${id.trim().toLowerCase()}`;
