import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sealResponse, unsealResponse, type SealingContext } from './response-sealing';

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/**
 * First answers to keyed requests, sealed (see response-sealing). synchronous=NORMAL on purpose:
 * should the last records be lost in a power cut, the deterministic event ids still make a retried
 * command find what it recorded.
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

  find(context: SealingContext): StoredResponse | null {
    const row = this.findStatement.get(context.tokenId, context.idempotencyKey) as
      { request_hash: string; status: number; body: string } | undefined;
    if (!row) return null;
    return {
      requestHash: row.request_hash,
      status: row.status,
      body: JSON.parse(unsealed(row.body, context)),
    };
  }

  save(context: SealingContext, response: StoredResponse): void {
    this.saveStatement.run(
      context.tokenId,
      context.idempotencyKey,
      response.requestHash,
      response.status,
      sealResponse(JSON.stringify(response.body ?? null), context),
      new Date().toISOString(),
    );
  }

  close(): void {
    this.db.close();
  }
}

/** Answers stored before they were sealed are JSON as they are. */
const unsealed = (body: string, context: SealingContext): string =>
  /^[[{"ntf\d-]/.test(body) ? body : unsealResponse(body, context);
