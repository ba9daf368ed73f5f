import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from './person';
import { SignatureImageStore } from './port/directory.port';

/** A signature drawn on a courier's phone, as the service keeps it beside the event that names it. */
export interface SignatureImage {
  /** SHA-256 of `png`, hex: what the event's acknowledgement.signatureHash says. */
  hash: string;
  png: Buffer;
}

export const signatureHashOf = (png: Buffer): string => createHash('sha256').update(png).digest('hex');

/** The SQLite store, in the directory database (its own table, created on first use). */
export class SqliteSignatureImageStore extends SignatureImageStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock = systemClock,
  ) {
    super();
    db.exec(`CREATE TABLE IF NOT EXISTS signature_images (
      hash TEXT PRIMARY KEY,
      png BLOB NOT NULL,
      kept_at TEXT NOT NULL,
      kept_by TEXT NOT NULL
    )`);
  }

  async keep(image: SignatureImage, keptBy: string): Promise<void> {
    // The hash is the key: a mismatch would make the event name another image.
    if (signatureHashOf(image.png) !== image.hash) throw new Error('signature image does not match its hash');
    this.db
      .prepare('INSERT OR IGNORE INTO signature_images (hash, png, kept_at, kept_by) VALUES (?, ?, ?, ?)')
      .run(image.hash, image.png, this.clock().toISOString(), keptBy);
  }

  async get(hash: string): Promise<Buffer | undefined> {
    const row = this.db.prepare('SELECT png FROM signature_images WHERE hash = ?').get(hash) as
      { png: Buffer } | undefined;
    return row?.png;
  }
}
