import { comparePositions } from '@jejak/event-store';
import type { ProjectorLease } from './projector-lease';

/** What the leased projector drives: the Projector, started and stopped as the lease comes and goes. */
export interface LeasableProjector {
  start(): Promise<void>;
  stop(): Promise<void>;
  waitForPosition(position: string, timeoutMs: number): Promise<boolean>;
  appliedPosition(): string | null;
  isRunning(): boolean;
  problem(): string | null;
}

export interface LeasedProjectorOptions {
  /** How often the lease is renewed (or, on a standby, tried): a third of its TTL by default. */
  renewMs?: number;
  /** How often a standby's wait for a position reads the shared checkpoint. */
  pollMs?: number;
  /** A failed renewal (the server unreachable): the projector stops until the lease is back. */
  onError?: (error: Error) => void;
}

export type LeaseRole = 'active' | 'standby';

/**
 * One active projector among N replicas sharing MongoDB read models. Every replica runs one of
 * these; the one holding the lease projects, the others stand by and serve reads from the shared
 * read models, following their checkpoint. When the holder dies its lease lapses after the TTL and
 * a standby takes it at its next try; its Projector resumes from the read models' checkpoint (it
 * always does: `Projector.start` reads it), so nothing is skipped and nothing applied twice in a
 * way the read models would notice (a batch and its checkpoint are one write; items are written
 * guarded by revision).
 * A holder that cannot renew stops projecting at once, before its lease can lapse; a holder
 * frozen for longer than the TTL (a paused VM) may write one more batch after a successor began:
 * the same events, applied idempotently.
 */
export class LeasedProjector {
  private active = false;
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private transition: Promise<void> = Promise.resolve();

  constructor(
    private readonly leaseOfReplicas: ProjectorLease,
    private readonly projector: LeasableProjector,
    private readonly readModels: { appliedPosition(): Promise<string | null> },
    private readonly options: LeasedProjectorOptions = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.renewNow();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.transition;
    if (this.active) {
      this.active = false;
      await this.projector.stop();
    }
    await this.leaseOfReplicas.release().catch((error: unknown) => this.options.onError?.(error as Error));
  }

  /** One round: take or renew the lease, and start or stop projecting to match. */
  renewNow(): Promise<void> {
    this.transition = this.transition.then(async () => {
      let held = false;
      try {
        held = await this.leaseOfReplicas.acquire();
      } catch (error) {
        this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
      }
      if (this.stopped) return;
      if (held && !this.active) {
        this.active = true;
        await this.projector.start();
      } else if (!held && this.active) {
        this.active = false;
        await this.projector.stop();
      }
    });
    return this.transition;
  }

  role(): LeaseRole {
    return this.active && this.leaseOfReplicas.holds() ? 'active' : 'standby';
  }

  /** For `/health/ready`: whether this replica holds the lease (projects) or stands by. */
  lease(): { holdsLease: boolean; holderId: string } {
    return { holdsLease: this.role() === 'active', holderId: this.leaseOfReplicas.holderId };
  }

  async waitForPosition(position: string, timeoutMs: number): Promise<boolean> {
    if (this.active) return this.projector.waitForPosition(position, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const applied = await this.readModels.appliedPosition();
      if (applied !== null && comparePositions(applied, position) >= 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 25));
    }
  }

  /** On a standby, null: the caller reads the shared checkpoint as it is now (the holder moves it). */
  appliedPosition(): string | null {
    return this.active ? this.projector.appliedPosition() : null;
  }

  /** A standby is running: it serves reads of what the holder projects. */
  isRunning(): boolean {
    return this.active ? this.projector.isRunning() : !this.stopped;
  }

  problem(): string | null {
    return this.active ? this.projector.problem() : null;
  }

  private schedule(): void {
    if (this.stopped) return;
    const every = this.options.renewMs ?? Math.floor(this.leaseOfReplicas.ttlMs / 3);
    this.timer = setTimeout(() => {
      void this.renewNow().finally(() => this.schedule());
    }, every);
    this.timer.unref();
  }
}
