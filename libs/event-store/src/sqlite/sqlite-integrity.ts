import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** SQLite's words for a damaged file (by shape: the native module's errors may come from another realm). */
export const isDamagedFileError = (error: unknown): boolean => {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_INDEX';
};

/** A data file SQLite found damaged, named, with what the operator can do. */
export class DamagedFileError extends Error {
  constructor(
    readonly filename: string,
    readonly problems: string[],
    advice: string,
  ) {
    super(`${filename} is damaged (${problems.slice(0, 3).join('; ')}). ${advice}`);
    this.name = 'DamagedFileError';
  }
}

export const RESTORE_ADVICE =
  'The service does not start on a damaged data file: stop it, restore the data directory from the ' +
  'last backup (README, "Backup and restore"), and start again; `jejak verify` shows the damage in full.';

/**
 * SQLite's quick_check (structure, pages, NOT NULL and UNIQUE of the rows; not index contents):
 * the problems found, [] when the file is sound. Reads every page: about 0.7 s per 200k events.
 */
export function quickCheck(db: Database.Database, maxProblems = 10): string[] {
  const rows = db.pragma(`quick_check(${maxProblems})`) as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check);
  return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
}

/** The full integrity_check (index contents too), for `jejak verify`. */
export function integrityCheck(db: Database.Database, maxProblems = 100): string[] {
  const rows = db.pragma(`integrity_check(${maxProblems})`) as { integrity_check: string }[];
  const problems = rows.map((row) => row.integrity_check);
  return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
}

/**
 * Checks a file on its own connection (read-write, so its WAL is recovered first): quick_check,
 * or the full integrity_check. The problems found, [] when sound.
 */
export function checkFile(filename: string, full = false): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(filename, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return full ? integrityCheck(db) : quickCheck(db);
  } catch (error) {
    if (isDamagedFileError(error)) return [(error as Error).message];
    throw error;
  } finally {
    db?.close();
  }
}

const MARKER = '.jejak-open';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Whether the process that last opened this data directory stopped without closing it (killed,
 * crashed, the machine lost power): then the files are checked before use. A marker holding the
 * pid is written at open and removed at a clean close; a marker of a live other process (a second
 * service, `jejak project`) is not a crash.
 */
export class UncleanStopMarker {
  private readonly path: string;
  readonly previousStopWasUnclean: boolean;

  constructor(dataDir: string) {
    this.path = join(dataDir, MARKER);
    this.previousStopWasUnclean = this.readUnclean();
    writeFileSync(this.path, String(process.pid));
  }

  private readUnclean(): boolean {
    if (!existsSync(this.path)) return false;
    const pid = Number(readFileSync(this.path, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return true;
    return pid === process.pid || !isAlive(pid);
  }

  /** At a clean stop; another process still using the directory keeps its own marker alive. */
  release(): void {
    try {
      if (readFileSync(this.path, 'utf8').trim() === String(process.pid)) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

/**
 * Opens a data file with `configure`, naming the file when SQLite finds it damaged (its own
 * message, "database disk image is malformed", names none); `check` runs quick_check first.
 */
export function openCheckedDatabase(
  filename: string,
  configure: (db: Database.Database) => void,
  options: { check: boolean; advice: string },
): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(filename);
    configure(db);
    const problems = options.check ? quickCheck(db) : [];
    if (problems.length > 0) throw new DamagedFileError(filename, problems, options.advice);
    return db;
  } catch (error) {
    if (db?.open) db.close();
    if (isDamagedFileError(error))
      throw new DamagedFileError(filename, [(error as Error).message], options.advice);
    throw error;
  }
}
