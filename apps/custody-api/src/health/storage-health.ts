import { Logger } from '@nestjs/common';

/** Where a write failed for want of space: the event log (commands) or the read models (projector). */
export type StorageSource = 'event log' | 'read models';

/**
 * Whether the disk under the data files is full, per writer. Set by a SQLITE_FULL, cleared by the
 * next write of the same writer that succeeds; logged once per change of state, never per request
 * or per health poll.
 */
export class StorageHealth {
  private readonly logger = new Logger('Storage');
  private readonly fullSince = new Map<StorageSource, string>();

  constructor(
    private readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  reportFull(source: StorageSource): void {
    if (this.fullSince.has(source)) return;
    this.fullSince.set(source, this.now().toISOString());
    this.logger.error(
      `the disk under ${this.dataDir} is full: the ${source} cannot be written; ` +
        (source === 'event log'
          ? 'commands answer 503 storage-full (nothing is recorded) until space is freed'
          : 'the read models fall behind until space is freed'),
    );
  }

  reportWritten(source: StorageSource): void {
    const since = this.fullSince.get(source);
    if (since === undefined) return;
    this.fullSince.delete(source);
    this.logger.log(`the ${source} is written again (full since ${since})`);
  }

  /** The cause for /health/ready, or null while every writer has room. */
  problem(): string | null {
    if (this.fullSince.size === 0) return null;
    return [...this.fullSince]
      .map(
        ([source, since]) =>
          `storage-full: the disk under ${this.dataDir} is full; the ${source} cannot be written since ${since}`,
      )
      .join('; ');
  }
}
