const WINDOW_MS = 60_000;
/** Bounds the memory a flood from many addresses can take; expired windows are dropped first. */
const MAX_TRACKED = 10_000;

/**
 * Counts failed authentications per client address in one-minute windows. Past the limit, the
 * address gets 429 before any token is looked at, so tokens cannot be guessed at speed.
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
