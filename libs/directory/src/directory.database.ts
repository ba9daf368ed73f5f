import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reference data (locations, tokens) in plain tables beside the event store.
 * Every change is written to `directory_audit` with its actor, so it stays attributable.
 * synchronous=FULL: a created token or location is acknowledged only once it is on disk.
 */
export function openDirectoryDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'directory.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS locations (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      parent_id TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS tokens (
      id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      principal_id TEXT NOT NULL,
      role TEXT NOT NULL,
      unit_id TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      last_used_at TEXT,
      revoked_at TEXT,
      revoked_by TEXT
    );
    CREATE TABLE IF NOT EXISTS directory_audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      action TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      details TEXT NOT NULL
    );
  `);
  return db;
}

export function recordAudit(
  db: Database.Database,
  entry: { actorId: string; action: string; subjectId: string; details: Record<string, unknown> },
): void {
  db.prepare(
    'INSERT INTO directory_audit (at, actor_id, action, subject_id, details) VALUES (?, ?, ?, ?, ?)',
  ).run(
    new Date().toISOString(),
    entry.actorId,
    entry.action,
    entry.subjectId,
    JSON.stringify(entry.details),
  );
}
