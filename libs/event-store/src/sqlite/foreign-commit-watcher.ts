import type Database from 'better-sqlite3';
import { watch, type FSWatcher } from 'node:fs';

/**
 * After a WAL write, when to look again if no commit is visible yet (ms): the other process writes
 * the WAL frames first and publishes the commit in the shared-memory index a moment later, which
 * raises no file event of its own.
 */
const RECHECK_DELAYS_MS = [2, 10, 50, 250];
/** A last resort should a file event never come (e.g. a file system without them). */
const POLL_MS = 1000;

/**
 * Wakes subscriptions when ANOTHER process commits to the same file (e.g. `jejak import` while the
 * service runs, or the service while `jejak project` runs). The WAL file changes on every commit;
 * `PRAGMA data_version` changes only for other connections' commits, so our own writes (already
 * announced in-process) are ignored.
 */
export class ForeignCommitWatcher {
  private watcher: FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private readonly rechecks = new Set<NodeJS.Timeout>();
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
    if (this.poll) return;
    // Neither the poll nor the watcher keeps the process alive: closing the store ends them.
    this.poll = setInterval(() => this.check(), POLL_MS).unref();
    try {
      this.watcher = watch(this.walFile, { persistent: false }, () => this.onWalWrite());
      this.watcher.on('error', () => this.closeWatcher());
    } catch {
      // No WAL file to watch (e.g. read-only media): the poll still finds foreign commits.
      this.watcher = null;
    }
  }

  stop(): void {
    this.closeWatcher();
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    for (const timer of this.rechecks) clearTimeout(timer);
    this.rechecks.clear();
  }

  private closeWatcher(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** File events come in bursts: check once per turn of the event loop, then again a little later. */
  private onWalWrite(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      this.check();
      // A commit of the same burst may be published after this look: the rechecks still see it.
      if (this.rechecks.size > 0) return;
      for (const delay of RECHECK_DELAYS_MS) {
        const timer = setTimeout(() => {
          this.rechecks.delete(timer);
          this.check();
        }, delay).unref();
        this.rechecks.add(timer);
      }
    });
  }

  /** True when another connection committed since the last look (and subscribers were woken). */
  private check(): boolean {
    if (!this.db.open) return false;
    const version = this.dataVersion();
    if (version === this.version) return false;
    this.version = version;
    this.onForeignCommit();
    return true;
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
