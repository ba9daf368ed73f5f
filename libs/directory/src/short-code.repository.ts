import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatShortCode, registrationYear, shortCodePrefix, type ShortCodeAssigner } from '@jejak/custody';

export const SHORT_CODE_FILE = 'short-codes.sqlite';

/**
 * The counters' own file beside the event log (synchronous=FULL). Apart from the directory so that
 * `jejak backup` can copy it after the log: a restored store's counters are then never behind a
 * code its log holds.
 */
export function openShortCodeDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SHORT_CODE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The counters behind short item codes, one per prefix and year: a number is taken in one
 * statement, so registrations at the same moment (in this process, the CLI's import beside it, or
 * after a restart) never get the same one. A number taken for a registration that then fails is
 * not handed out again: codes may skip, never repeat.
 */
export class ShortCodeRepository implements ShortCodeAssigner {
  private readonly take: Database.Statement<[string, number], { last: number }>;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS short_code_counters (
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (prefix, year)
      ) WITHOUT ROWID;
    `);
    this.take = db.prepare(
      `INSERT INTO short_code_counters (prefix, year, last) VALUES (?, ?, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`,
    );
  }

  assign(originUnitId: string, occurredAt: string): string {
    const prefix = shortCodePrefix(originUnitId);
    const year = registrationYear(occurredAt);
    return formatShortCode(prefix, year, this.take.get(prefix, year)!.last);
  }

  close(): void {
    this.db.close();
  }
}
