import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { IdempotencyStore, type IdempotencyRecord } from '../port/directory.port';

export const IDEMPOTENCY_FILE = 'idempotency.sqlite';

/**
 * First answers to keyed requests in `<dataDir>/idempotency.sqlite`. synchronous=NORMAL on
 * purpose: should the last records be lost in a power cut, the deterministic event ids still make
 * a retried command find what it recorded. The primary key keeps the first answer (INSERT OR IGNORE).
 */
export class SqliteIdempotencyStore extends IdempotencyStore {
  private readonly db: Database.Database;
  private readonly findStatement: Database.Statement;
  private readonly saveStatement: Database.Statement;

  constructor(
    dataDir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, IDEMPOTENCY_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      token_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
      status INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (token_id, key))`);
    this.findStatement = this.db.prepare(
      'SELECT request_hash, status, body FROM idempotency WHERE token_id = ? AND key = ?',
    );
    this.saveStatement = this.db.prepare(
      'INSERT OR IGNORE INTO idempotency (token_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  async find(tokenId: string, key: string): Promise<IdempotencyRecord | null> {
    const row = this.findStatement.get(tokenId, key) as
      { request_hash: string; status: number; body: string } | undefined;
    return row ? { tokenId, key, requestHash: row.request_hash, status: row.status, body: row.body } : null;
  }

  async save(record: IdempotencyRecord): Promise<void> {
    this.saveStatement.run(
      record.tokenId,
      record.key,
      record.requestHash,
      record.status,
      record.body,
      this.clock().toISOString(),
    );
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
