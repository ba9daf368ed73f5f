import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/**
 * First answers to keyed requests. synchronous=NORMAL on purpose: should the last records be lost
 * in a power cut, the deterministic event ids still make a retried command find what it recorded.
 */
export class IdempotencyRepository {
  private readonly db: Database.Database;
  private readonly findStatement: Database.Statement;
  private readonly saveStatement: Database.Statement;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'idempotency.sqlite'));
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

  find(tokenId: string, key: string): StoredResponse | null {
    const row = this.findStatement.get(tokenId, key) as
      { request_hash: string; status: number; body: string } | undefined;
    return row ? { requestHash: row.request_hash, status: row.status, body: JSON.parse(row.body) } : null;
  }

  save(tokenId: string, key: string, response: StoredResponse): void {
    this.saveStatement.run(
      tokenId,
      key,
      response.requestHash,
      response.status,
      JSON.stringify(response.body ?? null),
      new Date().toISOString(),
    );
  }

  close(): void {
    this.db.close();
  }
}
