/**
 * At most `concurrent` password checks at once, and at most `waiting` queued behind them; past
 * that a sign-in is turned away at once. scrypt runs on libuv's thread pool (4 threads, shared
 * with file reads): a flood of sign-ins from many addresses, each under its own lock-out limit,
 * must not take the whole pool nor both cores.
 */
export class PasswordCheckGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly concurrent: number,
    private readonly waiting: number,
  ) {}

  /** Whether a check asked for now would run or wait, rather than be turned away. */
  hasRoom(): boolean {
    return this.running < this.concurrent || this.queue.length < this.waiting;
  }

  /** Runs `check` when a slot is free; null (without running it) when too many already wait. */
  async run<T>(check: () => Promise<T>): Promise<T | null> {
    if (this.running >= this.concurrent) {
      if (this.queue.length >= this.waiting) return null;
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await check();
    } finally {
      const next = this.queue.shift();
      // The slot passes straight to the next in line, or is freed.
      if (next) next();
      else this.running -= 1;
    }
  }
}
