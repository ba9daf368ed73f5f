import type Database from 'better-sqlite3';
import { watch, type FSWatcher } from 'node:fs';

/**
 * Wakes subscriptions when ANOTHER process commits to the same file (e.g. `jejak import` while the
 * service runs). The WAL file changes on every commit; `PRAGMA data_version` changes only for
 * other connections' commits, so our own writes (already announced in-process) are ignored.
 */
export class ForeignCommitWatcher {
  private watcher: FSWatcher | null = null;
  private version: number;
  private checkScheduled = false;

  constructor(
    private readonly db: Database.Database,
    private readonly walFile: string,
    private readonly onForeignCommit: () => void,
  ) {
    this.version = this.dataVersion();
  }

  start(): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.walFile, { persistent: false }, () => this.scheduleCheck());
      this.watcher.on('error', () => this.stop());
    } catch {
      // No WAL file to watch (e.g. read-only media): in-process commits still wake subscribers.
      this.watcher = null;
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** File events come in bursts: check once per turn of the event loop. */
  private scheduleCheck(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      if (!this.db.open) return;
      const version = this.dataVersion();
      if (version === this.version) return;
      this.version = version;
      this.onForeignCommit();
    });
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
