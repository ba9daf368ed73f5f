import type Database from 'better-sqlite3';
import { baNumberKey } from '@jejak/custody';
import {
  clampLimit,
  decodeItemCursor,
  DEFAULT_LIST_LIMIT,
  encodeItemCursor,
  MAX_LIST_LIMIT,
} from '../paging';
import type { Page, TransferQuery, TransferRecord, TransferSummary } from '../read-model.port';
import type { SqliteTableNames } from './sqlite-schema';

/**
 * The list of transfers in one set of tables: a row per transfer (its record as JSON, the columns
 * the filters use) and a row per courier who carried it. `seq` is the position of its creation.
 */
export class SqliteTransferTable {
  private readonly select: Database.Statement<[string], { record: string; seq: string }>;
  private readonly upsert: Database.Statement<unknown[]>;
  private readonly insertCourier: Database.Statement<[string, bigint]>;

  constructor(
    private readonly db: Database.Database,
    private readonly t: SqliteTableNames,
  ) {
    this.select = db.prepare(
      `SELECT record, CAST(seq AS TEXT) AS seq FROM ${t.transfers} WHERE transfer_id IN (SELECT value FROM json_each(?))`,
    );
    this.upsert = db.prepare(
      `INSERT INTO ${t.transfers} (seq, transfer_id, revision, status, from_id, to_id, ba_key, created_at, record)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET revision = excluded.revision, status = excluded.status,
         record = excluded.record WHERE excluded.revision > ${t.transfers}.revision`,
    );
    this.insertCourier = db.prepare(
      `INSERT OR IGNORE INTO ${t.transferCouriers} (courier_id, seq) VALUES (?, ?)`,
    );
  }

  load(transferIds: readonly string[]): Map<string, TransferRecord> {
    const rows = this.select.all(JSON.stringify(transferIds));
    return new Map(
      rows.map((row) => {
        const record = JSON.parse(row.record) as TransferRecord;
        return [record.state.transferId, record];
      }),
    );
  }

  /** Idempotent: an older revision than the stored one changes nothing. */
  write(record: TransferRecord): void {
    const { summary, createdPosition } = record;
    const seq = BigInt(createdPosition);
    this.upsert.run(
      seq,
      summary.transferId,
      summary.revision,
      summary.status,
      summary.fromId,
      summary.toId,
      baNumberKey(summary.baNumber),
      summary.createdAt,
      JSON.stringify(record),
    );
    for (const courierId of summary.courierIds) this.insertCourier.run(courierId, seq);
  }

  list(query: TransferQuery): Page<TransferSummary> {
    const limit = clampLimit(query.limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.cursor !== undefined) add('t.seq > ?', BigInt(decodeItemCursor(query.cursor)));
    if (query.status) add('t.status = ?', query.status);
    if (query.fromId) add('t.from_id = ?', query.fromId);
    if (query.toId) add('t.to_id = ?', query.toId);
    if (query.baNumber) add('t.ba_key = ?', baNumberKey(query.baNumber));
    if (query.from) add('t.created_at >= ?', new Date(query.from).toISOString());
    if (query.to) add('t.created_at <= ?', new Date(query.to).toISOString());
    if (query.courierId) {
      add(`t.seq IN (SELECT seq FROM ${this.t.transferCouriers} WHERE courier_id = ?)`, query.courierId);
    }
    const rows = this.db
      .prepare(
        `SELECT record, CAST(t.seq AS TEXT) AS seq FROM ${this.t.transfers} t
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.seq LIMIT ?`,
      )
      .all(...params, limit + 1) as { record: string; seq: string }[];
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => (JSON.parse(row.record) as TransferRecord).summary),
      nextCursor: rows.length > limit ? encodeItemCursor(page[page.length - 1].seq) : null,
    };
  }
}
