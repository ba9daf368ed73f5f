import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from './person';

/** A signature drawn on a courier's phone, as the service keeps it beside the event that names it. */
export interface SignatureImage {
  /** SHA-256 of `png`, hex: what the event's acknowledgement.signatureHash says. */
  hash: string;
  png: Buffer;
}

/**
 * Where drawn signatures are kept (domain.md "Two-party custody": stored as an image, its hash
 * in the event). Content-addressed, so keeping the same image twice keeps one; nothing is ever
 * removed, since an event names it for good.
 */
export interface SignatureImageStore {
  keep(image: SignatureImage, keptBy: string): void;
  get(hash: string): Buffer | undefined;
}

export const signatureHashOf = (png: Buffer): string => createHash('sha256').update(png).digest('hex');

/** The SQLite store, in the directory database (its own table, created on first use). */
export class SqliteSignatureImageStore implements SignatureImageStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock = systemClock,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS signature_images (
      hash TEXT PRIMARY KEY,
      png BLOB NOT NULL,
      kept_at TEXT NOT NULL,
      kept_by TEXT NOT NULL
    )`);
  }

  keep(image: SignatureImage, keptBy: string): void {
    // The hash is the key: a mismatch would make the event name another image.
    if (signatureHashOf(image.png) !== image.hash) throw new Error('signature image does not match its hash');
    this.db
      .prepare('INSERT OR IGNORE INTO signature_images (hash, png, kept_at, kept_by) VALUES (?, ?, ?, ?)')
      .run(image.hash, image.png, this.clock().toISOString(), keptBy);
  }

  get(hash: string): Buffer | undefined {
    const row = this.db.prepare('SELECT png FROM signature_images WHERE hash = ?').get(hash) as
      { png: Buffer } | undefined;
    return row?.png;
  }
}
