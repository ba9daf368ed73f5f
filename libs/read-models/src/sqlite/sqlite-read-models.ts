import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { comparePositions, openCheckedDatabase } from '@jejak/event-store';
import { hoursBefore } from '../projections/watch-lists';
import {
  clampLimit,
  DEFAULT_LIST_LIMIT,
  DEFAULT_TRAIL_LIMIT,
  DEFAULT_WATCH_LIMIT,
  encodeItemCursor,
  MAX_LIST_LIMIT,
  MAX_TRAIL_LIMIT,
  trailCursor,
} from '../paging';
import type {
  ItemQuery,
  ItemRecord,
  ItemTrailEntry,
  ItemView,
  Page,
  ProjectionBatch,
  ReadModelRebuild,
  ReadModelStore,
  TrailEntry,
  TransferQuery,
  TransferRecord,
  TransferSummary,
} from '../read-model.port';
import {
  candidateCount,
  FEW_CANDIDATES,
  hasFilters,
  itemListQuery,
  textTerms,
  type TextPlan,
} from './sqlite-item-filter';
import {
  createSchema,
  dropSchema,
  LIVE_TABLES,
  moveSchema,
  PAGE_SIZE_BYTES,
  REBUILD_TABLES,
  SCHEMA_VERSION,
  secondaryIndexes,
  tableExists,
  type SqliteTableNames,
} from './sqlite-schema';
import { ITEM_DOC_COLUMNS, rowView, type ItemDocRow } from './sqlite-item-docs';
import { SqliteReadModelWriter } from './sqlite-writer';

const MAX_CACHED_STATEMENTS = 500;

const newTag = (): string => randomBytes(4).toString('hex');

/** The embedded read models: one SQLite file, written by the projector, read by the HTTP side. */
export class SqliteReadModels implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly writer: SqliteReadModelWriter;

  private readonly fewCandidates: number;
  /**
   * Set when the file held read models of another schema version, dropped on open: the projector
   * starts again from the beginning of the log (the caller may say so).
   */
  replacedSchemaVersion: number | null = null;
  /** Prepared once per SQL text: compiling took longer than answering a where-is. */
  private readonly statements = new Map<string, Database.Statement>();

  /** `fewCandidates`: tuning of the text plan, see TextPlan; tests set 0 to force the FTS walk. */
  /**
   * `check`: run quick_check first (after an unclean stop). A damaged file throws DamagedFileError
   * naming it; openSqliteReadModels moves such a file aside and starts an empty one instead.
   */
  constructor(options: { filename: string; fewCandidates?: number; check?: boolean }) {
    this.fewCandidates = options.fewCandidates ?? FEW_CANDIDATES;
    this.db = openCheckedDatabase(options.filename, (db) => this.configure(db), {
      check: options.check ?? false,
      advice: 'Read models are derived from the event log: the file can be moved aside and rebuilt.',
    });
    this.writer = new SqliteReadModelWriter(this.db, LIVE_TABLES);
  }

  private configure(db: Database.Database): void {
    // Takes effect only on a new file (before WAL is on); an older file keeps its page size.
    db.pragma(`page_size = ${PAGE_SIZE_BYTES}`);
    db.pragma('journal_mode = WAL');
    // NORMAL can lose the last transactions on a power cut, never corrupt the file. Acceptable
    // here: read models are rebuilt from the event log and the checkpoint is lost with the data.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // 32 MiB of page cache and no mmap: mapped pages count in the service's RSS (target < 400 MB
    // at 1M items); a where-is costs microseconds either way next to the HTTP pipeline.
    db.pragma('cache_size = -32768');
    db.pragma('mmap_size = 0');
    // Checkpoint every 4 MiB of WAL (SQLite's 1,000 pages are 16 MiB at this page size) and cut
    // the WAL file back to that after a checkpoint: it reached 14 MB after ~150 events otherwise.
    db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    // IMMEDIATE everywhere we write: the API's projector and a CLI rebuild may share the file, and
    // a deferred transaction that read first cannot take the write lock once the other committed.
    db.transaction(() => this.openSchema(db)).immediate();
  }

  /**
   * Empties the read models (their checkpoint too), so the projector projects the log again from
   * its beginning: for read models found ahead of their event log.
   */
  reset(): void {
    this.db
      .transaction(() => {
        dropSchema(this.db, REBUILD_TABLES);
        dropSchema(this.db, LIVE_TABLES);
        createSchema(this.db, LIVE_TABLES, newTag());
      })
      .immediate();
    this.statements.clear();
  }

  /** Creates the tables of a new file; those of another schema version are dropped and made anew. */
  private openSchema(db: Database.Database): void {
    const version = db.pragma('user_version', { simple: true }) as number;
    const exists = tableExists(db, LIVE_TABLES.items);
    if (exists && version === SCHEMA_VERSION) return;
    if (exists) {
      this.replacedSchemaVersion = version;
      dropSchema(db, REBUILD_TABLES);
      dropSchema(db, LIVE_TABLES);
    }
    createSchema(db, LIVE_TABLES, newTag());
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  loadItems(itemIds: readonly string[]): Promise<Map<string, ItemRecord>> {
    return this.writer.loadItems(itemIds);
  }

  applyBatch(batch: ProjectionBatch): Promise<void> {
    return this.writer.applyBatch(batch);
  }

  checkpoint(projection: string): Promise<string | null> {
    return this.writer.checkpoint(projection);
  }

  loadTransfers(transferIds: readonly string[]): Promise<Map<string, TransferRecord>> {
    return this.writer.loadTransfers(transferIds);
  }

  async listTransfers(query: TransferQuery): Promise<Page<TransferSummary>> {
    return this.writer.listTransfers(query);
  }

  async getItem(itemId: string): Promise<ItemView | null> {
    const row = this.statement(
      `SELECT ${ITEM_DOC_COLUMNS} FROM ${LIVE_TABLES.items} i JOIN ${LIVE_TABLES.itemDocs} d ON d.seq = i.seq WHERE i.item_id = ?`,
    ).get(itemId) as ItemDocRow | undefined;
    return row ? rowView(row) : null;
  }

  async getTrail(
    itemId: string,
    options: { afterRevision?: number; limit?: number } = {},
  ): Promise<Page<TrailEntry>> {
    const limit = clampLimit(options.limit, DEFAULT_TRAIL_LIMIT, MAX_TRAIL_LIMIT);
    const rows = this.statement(
      `SELECT entry FROM ${LIVE_TABLES.trail} WHERE item_id = ? AND revision > ? ORDER BY revision LIMIT ?`,
    ).all(itemId, options.afterRevision ?? -1, limit + 1) as { entry: string }[];
    const items = rows.slice(0, limit).map((row) => JSON.parse(row.entry) as TrailEntry);
    return { items, nextCursor: rows.length > limit ? trailCursor(items[items.length - 1].revision) : null };
  }

  async listItems(query: ItemQuery): Promise<Page<ItemView>> {
    const limit = clampLimit(query.limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
    const { sql, params } = itemListQuery(query, LIVE_TABLES, limit + 1, this.textPlan(query));
    const rows = this.statement(sql).all(...params) as (ItemDocRow & { seq: string })[];
    const page = rows.slice(0, limit);
    return {
      items: page.map(rowView),
      nextCursor: rows.length > limit ? encodeItemCursor(page[page.length - 1].seq) : null,
    };
  }

  /** Text with selective filters is read through the filters, else through the text index. */
  private textPlan(query: ItemQuery): TextPlan {
    if (textTerms(query).length === 0 || !hasFilters(query)) return 'fts';
    const { sql, params } = candidateCount(query, LIVE_TABLES, this.fewCandidates);
    const { n } = this.statement(sql).get(...params) as { n: number };
    return n < this.fewCandidates ? 'filter' : 'fts';
  }

  inTransitLongerThan(hours: number, now: string, limit?: number): Promise<ItemView[]> {
    return this.watchList('in_transit_since', '<', hoursBefore(now, hours), limit);
  }

  /** Lapsed offers are not pending: they can no longer be accepted (offers without expiresAt never lapse). */
  pendingHandoversOlderThan(hours: number, now: string, limit?: number): Promise<ItemView[]> {
    return this.watchList('handover_pending_since', '<', hoursBefore(now, hours), limit, {
      sql: `coalesce(json_extract(d.state, '$.pendingHandover.expiresAt') > ?, 1)`,
      param: new Date(now).toISOString(),
    });
  }

  overdueLoans(now: string, limit?: number, filter: { borrowerUnitId?: string } = {}): Promise<ItemView[]> {
    if (filter.borrowerUnitId === undefined) {
      return this.watchList('loan_due_at', '<', new Date(now).toISOString(), limit);
    }
    // Overdue loans are few: the borrower is read from the stored state of each.
    return this.watchList('loan_due_at', '<', new Date(now).toISOString(), limit, {
      sql: `json_extract(d.state, '$.loan.borrowerUnitId') = ?`,
      param: filter.borrowerUnitId,
    });
  }

  async lateEntries(options: { since?: string; limit?: number } = {}): Promise<ItemTrailEntry[]> {
    const since = options.since !== undefined ? new Date(options.since).toISOString() : '';
    const rows = this.statement(
      `SELECT l.item_id AS itemId, t.entry AS entry FROM ${LIVE_TABLES.lateEntries} l
         JOIN ${LIVE_TABLES.trail} t ON t.item_id = l.item_id AND t.revision = l.revision
         WHERE l.recorded_at >= ? ORDER BY l.recorded_at DESC, l.item_id, l.revision LIMIT ?`,
    ).all(since, clampLimit(options.limit, DEFAULT_WATCH_LIMIT, MAX_LIST_LIMIT)) as {
      itemId: string;
      entry: string;
    }[];
    return rows.map((row) => ({ itemId: row.itemId, entry: JSON.parse(row.entry) as TrailEntry }));
  }

  retentionEnded(now: string, limit?: number): Promise<ItemView[]> {
    return this.watchList('retention_ends_at', '<=', new Date(now).toISOString(), limit);
  }

  async appliedPosition(): Promise<string | null> {
    const rows = this.statement(`SELECT position FROM ${LIVE_TABLES.checkpoints}`).all() as {
      position: string;
    }[];
    if (rows.length === 0) return null;
    return rows.map((row) => row.position).reduce((low, p) => (comparePositions(p, low) < 0 ? p : low));
  }

  async beginRebuild(): Promise<ReadModelRebuild> {
    const tag = newTag();
    this.db
      .transaction(() => {
        dropSchema(this.db, REBUILD_TABLES);
        createSchema(this.db, REBUILD_TABLES, tag, { indexes: false });
      })
      .immediate();
    // Fewer, larger checkpoints while bulk loading: each one writes back and syncs the same hot
    // pages again. Back to SQLite's default once the load is done.
    this.db.pragma(`wal_autocheckpoint = ${BULK_LOAD_AUTOCHECKPOINT_PAGES}`);
    return new SqliteRebuild(this.db, REBUILD_TABLES, tag);
  }

  async ping(): Promise<void> {
    this.statement('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * The prepared statement of `sql`. The texts are a bounded set (table names are fixed, values
   * are bound), about one per combination of list filters. After a swap renames tables into
   * place, SQLite compiles a statement again by itself.
   */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private async watchList(
    column: string,
    op: '<' | '<=',
    bound: string,
    limit?: number,
    also?: { sql: string; param: unknown },
  ): Promise<ItemView[]> {
    const rows = this.statement(
      `SELECT ${ITEM_DOC_COLUMNS} FROM ${LIVE_TABLES.items} i JOIN ${LIVE_TABLES.itemDocs} d ON d.seq = i.seq
         WHERE i.${column} ${op} ?${also ? ` AND ${also.sql}` : ''} ORDER BY i.${column}, i.seq LIMIT ?`,
    ).all(
      bound,
      ...(also ? [also.param] : []),
      clampLimit(limit, DEFAULT_WATCH_LIMIT, MAX_LIST_LIMIT),
    ) as ItemDocRow[];
    return rows.map(rowView);
  }
}

const BULK_LOAD_AUTOCHECKPOINT_PAGES = 25_000;
/** 4 MiB of 16 KiB pages. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 256;
const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** Rows of `items` copied into the text index per transaction when a bulk load ends. */
const TEXT_INDEX_CHUNK = 50_000;

/**
 * A rebuild loads its tables without the secondary indexes and the text index, and builds them
 * once the load is done (at the first swap): a sort per index instead of an index update per
 * row. From then on it writes them as the live writer does, should it have to catch up.
 */
class SqliteRebuild extends SqliteReadModelWriter implements ReadModelRebuild {
  private bulkLoading = true;
  /** The text index holds the items up to this seq: a swap failing halfway resumes from there. */
  private textIndexedUpTo = -1n;

  constructor(
    private readonly database: Database.Database,
    private readonly tables: SqliteTableNames,
    private readonly tag: string,
  ) {
    super(database, tables, { indexText: false });
  }

  /**
   * One transaction per index and per chunk of the text index, so a projector on another
   * connection waits for the write lock only briefly (its busy timeout is seconds).
   */
  private finishBulkLoad(): void {
    if (!this.bulkLoading) return;
    // Helper threads for the sorts of CREATE INDEX: 1M rows, 0.93 → 0.74 s per index.
    this.database.pragma('threads = 2');
    for (const statement of secondaryIndexes(this.tables, this.tag)) {
      this.database.transaction(() => this.database.exec(statement)).immediate();
    }
    const chunkEnd = this.database
      .prepare(`SELECT seq FROM ${this.tables.items} WHERE seq > ? ORDER BY seq LIMIT 1 OFFSET ?`)
      .pluck()
      .safeIntegers();
    const copy = this.database.prepare(
      `INSERT INTO ${this.tables.itemsFts} (rowid, title)
       SELECT seq, title_words FROM ${this.tables.items} WHERE seq > ? AND seq <= ?`,
    );
    const LAST_SEQ = 9223372036854775807n;
    while (this.textIndexedUpTo < LAST_SEQ) {
      const from = this.textIndexedUpTo;
      // The last chunk runs to the end of the table.
      const to = (chunkEnd.get(from, TEXT_INDEX_CHUNK - 1) as bigint | undefined) ?? LAST_SEQ;
      this.database.transaction(() => copy.run(from, to)).immediate();
      this.textIndexedUpTo = to;
    }
    this.database.pragma('threads = 0');
    this.bulkLoading = false;
    this.indexingText = true;
    this.database.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }

  async swap(): Promise<boolean> {
    this.finishBulkLoad();
    // One IMMEDIATE transaction: no projector batch, of this process or another, lands between the
    // catch-up check and the renames.
    return this.database
      .transaction(() => {
        const live = this.database
          .prepare(`SELECT projection, position FROM ${LIVE_TABLES.checkpoints}`)
          .all() as {
          projection: string;
          position: string;
        }[];
        const behind = live.some(({ projection, position }) => {
          const rebuilt = this.checkpointNow(projection);
          return rebuilt === null || comparePositions(rebuilt, position) < 0;
        });
        if (behind) return false;
        moveSchema(this.database, this.tables, LIVE_TABLES);
        return true;
      })
      .immediate();
  }

  async abort(): Promise<void> {
    this.database.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    this.database.transaction(() => dropSchema(this.database, this.tables)).immediate();
  }
}
