import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  checkFile,
  comparePositions,
  DamagedFileError,
  RESTORE_ADVICE,
  UncleanStopMarker,
  type EventStore,
} from '@jejak/event-store';
import {
  CUSTODY_PROJECTION,
  SqliteReadModels,
  type ReadModelRecovery,
  type ReadModelStore,
} from '@jejak/read-models';

/** Something found wrong with the data files at start-up, kept for /health/ready. */
export interface IntegrityNotice {
  file: string;
  problem: string;
  action: string;
}

/**
 * The start-up checks of the data files: SQLite's quick_check after an unclean stop (a garbled
 * page is refused, named, before anything is served), a damaged read-model file moved aside and
 * rebuilt, and the read models' checkpoint compared with the log's head. What was found is logged
 * as an error and shown by /health/ready until the next start.
 */
export class StoreIntegrity {
  private readonly logger = new Logger('Integrity');
  private readonly marker: UncleanStopMarker;
  readonly notices: IntegrityNotice[] = [];
  /** A damaged file met while running (SQLITE_CORRUPT): the next start checks every file. */
  damagedWhileRunning: string | null = null;

  constructor(private readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.marker = new UncleanStopMarker(dataDir);
  }

  /** quick_check reads every page (about 0.7 s per 200k events): only after an unclean stop. */
  get checkFiles(): boolean {
    return this.marker.previousStopWasUnclean;
  }

  /**
   * After an unclean stop, quick_check of a file the service cannot rebuild (the directory of
   * tokens and locations, the idempotent answers) before it is opened: a damaged one is refused,
   * named, with the restore advice.
   */
  checkBeforeOpen(name: string): void {
    const file = join(this.dataDir, name);
    if (!this.checkFiles || !existsSync(file)) return;
    const problems = checkFile(file);
    if (problems.length > 0) throw new DamagedFileError(file, problems, RESTORE_ADVICE);
  }

  readModelRecovered(recovery: ReadModelRecovery): void {
    this.report({
      file: recovery.filename,
      problem: `damaged: ${recovery.problems.slice(0, 3).join('; ')}`,
      action: `moved aside to ${recovery.movedTo}; the read models are projected again from the event log`,
    });
  }

  /**
   * Read models that have applied a position the log does not hold mean acknowledged events are
   * gone from the log (a truncated or deleted events.sqlite-wal after a crash): the loss is
   * reported with its positions, and the read models are emptied so nothing the log does not hold
   * stays readable and new positions are served as the log numbers them.
   */
  async compareCheckpointWithHead(
    eventStore: EventStore,
    readModels: ReadModelStore,
    options: { mayReset: boolean },
  ): Promise<void> {
    const checkpoint = await readModels.checkpoint(CUSTODY_PROJECTION);
    if (checkpoint === null) return;
    const head = await eventStore.headPosition();
    if (head !== null && comparePositions(checkpoint, head) <= 0) return;
    const eventsFile = join(this.dataDir, 'events.sqlite');
    const lost = head === null ? `1 to ${checkpoint}` : `after ${head} up to ${checkpoint}`;
    // Only where the projector runs: a replica's reset would not reach `jejak project`'s position.
    const reset = options.mayReset && readModels instanceof SqliteReadModels;
    if (reset) readModels.reset();
    this.report({
      file: eventsFile,
      problem:
        `the event log ends at position ${head ?? 'none'} but the read models had applied up to ${checkpoint}: ` +
        `events at positions ${lost} were acknowledged and are missing from the log (a truncated, garbled or deleted events.sqlite-wal?)`,
      action:
        (reset
          ? `read-models.sqlite emptied and projected again from the log. `
          : 'the read models were not reset here: run `jejak projections rebuild`. ') +
        'To get the missing events back, stop the service and restore the data directory from a backup (README, "Backup and restore").',
    });
  }

  /**
   * SQLite said a file is damaged while serving: logged once, /health/ready goes down, and the
   * marker is kept at the stop so the next start checks (and repairs or refuses) every file.
   */
  damageSeen(cause: unknown): void {
    if (this.damagedWhileRunning !== null) return;
    this.damagedWhileRunning = cause instanceof Error ? cause.message : String(cause);
    this.logger.error(
      `a data file in ${this.dataDir} is damaged (${this.damagedWhileRunning}): restart the service, ` +
        'which checks every file (a damaged read-model file is then rebuilt from the log; a damaged ' +
        'event log is refused: restore from a backup); `jejak verify` names the file',
    );
  }

  /** At a clean stop: the next start need not check the files, unless damage was seen. */
  release(): void {
    if (this.damagedWhileRunning === null) this.marker.release();
  }

  private report(notice: IntegrityNotice): void {
    this.notices.push(notice);
    this.logger.error(`${notice.file}: ${notice.problem}; ${notice.action}`);
  }
}
