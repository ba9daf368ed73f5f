const WINDOW_MS = 60_000;
/** Bounds the memory a flood from many addresses can take; expired windows are dropped first. */
const MAX_TRACKED = 10_000;

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
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(private readonly limitPerMinute: number) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  blockedFor(address: string, now = Date.now()): number {
    const window = this.windows.get(address);
    if (!window || now - window.start >= WINDOW_MS || window.failures < this.limitPerMinute) return 0;
    return Math.ceil((window.start + WINDOW_MS - now) / 1000);
  }

  recordFailure(address: string, now = Date.now()): void {
    const window = this.windows.get(address);
    if (window && now - window.start < WINDOW_MS) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= MAX_TRACKED) this.prune(now);
    this.windows.set(address, { start: now, failures: 1 });
  }

  private prune(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.start >= WINDOW_MS) this.windows.delete(address);
    }
    if (this.windows.size >= MAX_TRACKED) this.windows.clear();
  }
}
