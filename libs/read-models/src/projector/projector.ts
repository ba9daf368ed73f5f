import { comparePositions, type EventStore, type RecordedEvent, type Subscription } from '@jejak/event-store';
import type { ReadModelStore } from '../read-model.port';
import { CUSTODY_PROJECTION, PROJECTED_STREAM_PREFIXES, projectEvents } from './project-events';

export interface ProjectorOptions {
  /** Most events applied in one transaction. */
  batchSize?: number;
  /** Milliseconds between an event's commit and its projection, reported per batch. */
  onLag?: (ms: number) => void;
  /** A failed batch; the projector restarts from its checkpoint after `retryMs`. */
  onError?: (error: Error) => void;
  retryMs?: number;
}

interface Waiter {
  position: string;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_RETRY_MS = 1000;

/**
 * Keeps the read models up to date: subscribes to the log from the stored checkpoint and applies
 * what is already available as one batch (up to `batchSize`, or whatever arrived before the
 * subscription went idle), data and checkpoint in one write.
 */
export class Projector {
  private readonly batchSize: number;
  private running = false;
  private subscription: Subscription | null = null;
  /** Bumped on every (re)subscription so events of an abandoned one are ignored. */
  private generation = 0;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private flushChain: Promise<void> = Promise.resolve();
  private applied: string | null = null;
  private waiters: Waiter[] = [];
  private retryTimer: NodeJS.Timeout | null = null;
  /** The last failure, until the projector catches up or applies a batch again. */
  private lastProblem: string | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly store: ReadModelStore,
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.subscribe();
  }

  /** Stops reading, applies what was already received, and fails pending waiters. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
    await this.flush(this.generation);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(this.reached(waiter.position));
    }
  }

  /** Resolves true once `position` is applied, false after `timeoutMs` or on stop. */
  waitForPosition(position: string, timeoutMs: number): Promise<boolean> {
    if (!/^\d{1,20}$/.test(position))
      return Promise.reject(new RangeError(`not a global position: ${position}`));
    if (this.reached(position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(this.reached(position));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  appliedPosition(): string | null {
    return this.applied;
  }

  /** True while subscribed; false when stopped or waiting to retry after a failure. */
  isRunning(): boolean {
    return this.running && this.subscription !== null;
  }

  /**
   * Why the projector is stuck: the last error (a subscription refused, a batch that failed) while
   * it has neither caught up nor applied anything since. Null when it is making progress. A
   * permanent error (access denied) fails every resubscription, so this stays set.
   */
  problem(): string | null {
    return this.running ? this.lastProblem : null;
  }

  private async subscribe(): Promise<void> {
    const generation = ++this.generation;
    this.buffer = [];
    // Resume where the stored read models stand, never from zero (a rebuild is a separate job).
    this.applied = await this.store.checkpoint(CUSTODY_PROJECTION);
    if (!this.running || generation !== this.generation) return;
    this.subscription = this.eventStore.subscribeToAll({
      after: this.applied,
      streamPrefixes: PROJECTED_STREAM_PREFIXES,
      batchSize: this.batchSize,
      onEvent: (event) => this.receive(event, generation),
      onCaughtUp: () => {
        if (generation === this.generation) this.lastProblem = null;
        void this.flush(generation);
      },
      onError: (error) => this.fail(error, generation),
    });
  }

  private receive(event: RecordedEvent, generation: number): Promise<void> | void {
    if (generation !== this.generation) return;
    this.buffer.push(event);
    if (this.buffer.length >= this.batchSize) return this.flush(generation);
    // Flush once the subscription stops handing over events it already has.
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        // The current generation, not the captured one: after a restart this timer may be the
        // only one scheduled for the new subscription's buffer.
        void this.flush(this.generation);
      });
    }
  }

  /** Applies the buffer; runs one at a time, in order. Never rejects: failures restart. */
  private flush(generation: number): Promise<void> {
    this.flushChain = this.flushChain.then(async () => {
      if (generation !== this.generation || this.buffer.length === 0) return;
      const events = this.buffer.splice(0, this.buffer.length);
      try {
        const batch = await projectEvents(events, this.store);
        if (!batch) return;
        await this.store.applyBatch(batch);
        this.advance(batch.position, events[events.length - 1]);
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)), generation);
      }
    });
    return this.flushChain;
  }

  private advance(position: string, last: RecordedEvent): void {
    this.lastProblem = null;
    if (this.applied === null || comparePositions(position, this.applied) > 0) this.applied = position;
    this.options.onLag?.(Math.max(0, Date.now() - Date.parse(last.recordedAt)));
    this.waiters = this.waiters.filter((waiter) => {
      if (!this.reached(waiter.position)) return true;
      clearTimeout(waiter.timer);
      waiter.resolve(true);
      return false;
    });
  }

  private reached(position: string): boolean {
    return this.applied !== null && comparePositions(this.applied, position) >= 0;
  }

  /** Drops the subscription and what it buffered, and resubscribes from the checkpoint later. */
  private fail(error: Error, generation: number): void {
    if (generation !== this.generation) return;
    this.lastProblem = error.message;
    this.options.onError?.(error);
    this.generation += 1;
    this.buffer = [];
    const subscription = this.subscription;
    this.subscription = null;
    // Not awaited here: stop() waits for the running handler, which may be the caller.
    void subscription?.stop().catch(() => undefined);
    if (!this.running) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.running) void this.subscribe().catch((e: unknown) => this.fail(e as Error, this.generation));
    }, this.options.retryMs ?? DEFAULT_RETRY_MS);
  }
}
