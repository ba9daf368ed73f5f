import { comparePositions } from '@jejak/event-store';
import type { ReadModelQueries } from '@jejak/read-models';

/** What the HTTP side needs of the projector, whether it runs here or in `jejak project`. */
export interface ProjectorHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
  waitForPosition(position: string, timeoutMs: number): Promise<boolean>;
  appliedPosition(): string | null;
  isRunning(): boolean;
  /** Why the projector is stuck (last error, no progress since), or null. */
  problem?(): string | null;
  /** With shared MongoDB read models: whether this replica holds the projector's lease. */
  lease?(): { holdsLease: boolean; holderId: string };
}

export const PROJECTOR = Symbol('PROJECTOR');

const POLL_MS = 25;

/** For API replicas without a projector: follows the shared read model's checkpoint. */
export class RemoteProjectorHandle implements ProjectorHandle {
  private last: string | null = null;

  constructor(private readonly readModels: ReadModelQueries) {}

  async start(): Promise<void> {
    this.last = await this.readModels.appliedPosition();
  }

  async stop(): Promise<void> {}

  async waitForPosition(position: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.last = await this.readModels.appliedPosition();
      if (this.last !== null && comparePositions(this.last, position) >= 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  appliedPosition(): string | null {
    return this.last;
  }

  isRunning(): boolean {
    return true;
  }
}
