import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reference data (locations, people, tokens, sign-in) in plain tables beside the event store.
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
    CREATE TABLE IF NOT EXISTS people (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      jabatan TEXT,
      nip TEXT,
      unit_id TEXT,
      role TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS person_passwords (
      person_id TEXT PRIMARY KEY,
      password_hash TEXT NOT NULL,
      set_at TEXT NOT NULL,
      set_by TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sign_in_codes (
      code_hash TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT
    );
    CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      secret_hash TEXT NOT NULL UNIQUE,
      person_id TEXT NOT NULL,
      method TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      ended_at TEXT,
      end_reason TEXT
    );
    CREATE INDEX IF NOT EXISTS sessions_by_person ON sessions (person_id) WHERE ended_at IS NULL;
    CREATE TABLE IF NOT EXISTS release_codes (
      id TEXT PRIMARY KEY,
      code_hash TEXT NOT NULL,
      place_id TEXT NOT NULL,
      issued_by TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      courier_id TEXT,
      first_used_at TEXT
    );
    CREATE INDEX IF NOT EXISTS release_codes_by_place ON release_codes (place_id, code_hash);
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
  at: Date = new Date(),
): void {
  db.prepare(
    'INSERT INTO directory_audit (at, actor_id, action, subject_id, details) VALUES (?, ?, ?, ?, ?)',
  ).run(at.toISOString(), entry.actorId, entry.action, entry.subjectId, JSON.stringify(entry.details));
}

export interface AuditEntry {
  at: string;
  actorId: string;
  action: string;
  subjectId: string;
  details: Record<string, unknown>;
}

/** The recorded changes of one subject (a person, a token, a place), oldest first. */
export function auditOf(db: Database.Database, subjectId: string): AuditEntry[] {
  const rows = db
    .prepare(
      'SELECT at, actor_id, action, subject_id, details FROM directory_audit WHERE subject_id = ? ORDER BY seq',
    )
    .all(subjectId) as {
    at: string;
    actor_id: string;
    action: string;
    subject_id: string;
    details: string;
  }[];
  return rows.map((r) => ({
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    subjectId: r.subject_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

const authGenerations = new WeakMap<Database.Database, number>();

/**
 * Bumped by every write on this connection that may end a credential (a deactivation, a revoked
 * token): SQLite's data_version sees only other connections' writes, so caches check both.
 */
export function bumpAuthGeneration(db: Database.Database): void {
  authGenerations.set(db, (authGenerations.get(db) ?? 0) + 1);
}

export const authGeneration = (db: Database.Database): number => authGenerations.get(db) ?? 0;
