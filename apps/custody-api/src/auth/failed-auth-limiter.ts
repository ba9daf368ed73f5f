import { AttemptCounterStore, MemoryAttemptCounterStore } from '@jejak/directory';

const WINDOW_MS = 60_000;

/**
 * Tokens at least this long are looked up even from a blocked address. A generated token is 47
 * characters of 256 random bits: guessing one is hopeless at any rate, so the limit would protect
 * nothing and only lock its honest holder out with the guesser (one office behind one NAT, or every
 * client behind a proxy). A short JEJAK_ADMIN_TOKEN, which could be guessed, stays behind the limit.
 */
export const UNGUESSABLE_TOKEN_LENGTH = 32;

export const mayTryWhileBlocked = (token: string): boolean => token.length >= UNGUESSABLE_TOKEN_LENGTH;

/**
 * Counts failed authentications per client address in one-minute windows. Past the limit, the
 * address gets 429 for every token that could be guessed (and for every wrong one), so tokens
 * cannot be guessed at speed; the address is the client's (JEJAK_TRUST_PROXY behind a proxy).
 * The windows live in an AttemptCounterStore: with MONGODB_URL one shared by every replica.
 */
export class FailedAuthLimiter {
  constructor(
    private readonly limitPerMinute: number,
    private readonly store: AttemptCounterStore = new MemoryAttemptCounterStore(),
  ) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  async blockedFor(address: string, now = Date.now()): Promise<number> {
    const window = await this.store.get(keyOf(address), now);
    if (!window || window.count < this.limitPerMinute) return 0;
    return Math.ceil((window.expiresAt - now) / 1000);
  }

  async recordFailure(address: string, now = Date.now()): Promise<void> {
    await this.store.increment(keyOf(address), now, WINDOW_MS, false);
  }
}

/** Apart from the sign-in lock-out's keys in the same store. */
const keyOf = (address: string): string => `auth:addr:${address}`;
