import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDirectoryDatabase } from './directory.database';
import { LocationRepository } from './location.repository';

/** A seeded directory database in a temporary folder, for the repositories' specs. */
export function openTestDirectory(): { db: Database.Database; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-directory-'));
  const db = openDirectoryDatabase(dir);
  new LocationRepository(db);
  return {
    db,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A clock the spec moves by hand. */
export function manualClock(start = '2026-12-01T08:00:00.000Z') {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}
