import type Database from 'better-sqlite3';

export type SynchronousMode = 'FULL' | 'NORMAL';

/**
 * Page cache in KiB (negative = KiB for SQLite). Kept small and without mmap on purpose: commands
 * read an item's stream only on a state-cache miss, and mapped pages count in the service's RSS
 * (the 1M-item scale run measured 305 MB of it); the OS page cache still holds the file.
 */
const CACHE_KIB = 16 * 1024;
const MMAP_BYTES = 0;
const BUSY_TIMEOUT_MS = 5000;

export function configureConnection(db: Database.Database, synchronous: SynchronousMode): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
}

/**
 * UNIQUE(stream_id, revision) doubles as the index that makes "current revision of a stream" a
 * single index seek (MAX(revision) WHERE stream_id = ?). AUTOINCREMENT keeps positions from ever
 * being reused, so checkpoints held by projections stay meaningful.
 */
export function createSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      UNIQUE (stream_id, revision)
    );
  `);
}
