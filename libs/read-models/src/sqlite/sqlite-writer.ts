import type Database from 'better-sqlite3';
import { comparePositions } from '@jejak/event-store';
import { coveredYears } from '../projections/covered-years';
import { searchableText, searchWords } from '../projections/search-text';
import { toIsoInstant, watchInstants } from '../projections/watch-lists';
import type { ItemState } from '@jejak/custody';
import type {
  ItemRecord,
  ItemTrailEntry,
  ItemView,
  ProjectionBatch,
  ReadModelWriter,
  TransferRecord,
} from '../read-model.port';
import { SqliteTransferTable } from './sqlite-transfers';
import type { SqliteTableNames } from './sqlite-schema';
import { ITEM_DOC_COLUMNS, stateJson, storedState, viewOf, type ItemDocRow } from './sqlite-item-docs';

interface StoredItemRow {
  revision: number;
  title_words: string;
  year: number | null;
  period_from: number | null;
  period_to: number | null;
}

const COLUMNS = [
  'seq',
  'item_id',
  'revision',
  'status',
  'kind',
  'location_id',
  'custodian_id',
  'origin_unit_id',
  'classification_code',
  'year',
  'period_from',
  'period_to',
  'title_words',
  'in_transit_since',
  'handover_pending_since',
  'loan_due_at',
  'retention_ends_at',
  'security_class',
  'letter_addressee_id',
  'depot_id',
  'destination_id',
  'short_code',
];

/** Trail rows per multi-row INSERT (3 parameters each, far below SQLite's limit of 32766). */
const TRAIL_ROWS_PER_INSERT = 50;

/** Writes batches into one set of tables (the live ones, or a rebuild's). */
export class SqliteReadModelWriter implements ReadModelWriter {
  private readonly selectItems: Database.Statement<[string], ItemDocRow & { seq: string }>;
  private readonly selectStored: Database.Statement<[string], StoredItemRow>;
  private readonly insertItem: Database.Statement<unknown[]>;
  private readonly updateItem: Database.Statement<unknown[]>;
  private readonly insertFts: Database.Statement<[bigint, string]>;
  private readonly updateFts: Database.Statement<[string, bigint]>;
  private readonly deleteYears: Database.Statement<[bigint]>;
  private readonly insertYear: Database.Statement<[number, bigint]>;
  private readonly upsertDocs: Database.Statement<[bigint, string, string, string, string]>;
  private readonly insertTrail: Database.Statement<[string, number, string]>;
  private readonly insertTrailRun: Database.Statement<unknown[]>;
  private readonly insertLate: Database.Statement<[string, number, string]>;
  private readonly selectCheckpoint: Database.Statement<[string], { position: string }>;
  private readonly upsertCheckpoint: Database.Statement<[string, string]>;
  private readonly applyInTransaction: Database.Transaction<(batch: ProjectionBatch) => void>;
  protected readonly transfers: SqliteTransferTable;
  /** False during a rebuild's bulk load: the text index is filled from `items` at its end. */
  protected indexingText: boolean;

  constructor(
    db: Database.Database,
    t: SqliteTableNames,
    options: { indexText: boolean } = { indexText: true },
  ) {
    this.indexingText = options.indexText;
    const columns = COLUMNS.join(', ');
    const params = COLUMNS.map(() => '?').join(', ');
    this.selectItems = db.prepare(
      `SELECT ${ITEM_DOC_COLUMNS}, CAST(i.seq AS TEXT) AS seq FROM ${t.items} i JOIN ${t.itemDocs} d ON d.seq = i.seq
       WHERE i.item_id IN (SELECT value FROM json_each(?))`,
    );
    this.selectStored = db.prepare(
      `SELECT revision, title_words, year, period_from, period_to FROM ${t.items} WHERE item_id = ?`,
    );
    this.insertItem = db.prepare(
      `INSERT INTO ${t.items} (${columns}) VALUES (${params}) ON CONFLICT DO NOTHING`,
    );
    this.updateItem = db.prepare(
      `UPDATE ${t.items} SET (${columns}) = (${params}) WHERE item_id = ? AND revision < ?`,
    );
    this.insertFts = db.prepare(`INSERT INTO ${t.itemsFts} (rowid, title) VALUES (?, ?)`);
    this.updateFts = db.prepare(`UPDATE ${t.itemsFts} SET title = ? WHERE rowid = ?`);
    this.deleteYears = db.prepare(`DELETE FROM ${t.itemYears} WHERE seq = ?`);
    this.insertYear = db.prepare(`INSERT OR IGNORE INTO ${t.itemYears} (year, seq) VALUES (?, ?)`);
    this.upsertDocs = db.prepare(
      `INSERT INTO ${t.itemDocs} (seq, state, position, registered_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (seq) DO UPDATE SET state = excluded.state, position = excluded.position,
         registered_at = excluded.registered_at, updated_at = excluded.updated_at`,
    );
    this.insertTrail = db.prepare(
      `INSERT INTO ${t.trail} (item_id, revision, entry) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.insertTrailRun = db.prepare(
      `INSERT INTO ${t.trail} (item_id, revision, entry)
       VALUES ${Array.from({ length: TRAIL_ROWS_PER_INSERT }, () => '(?, ?, ?)').join(', ')}
       ON CONFLICT DO NOTHING`,
    );
    this.insertLate = db.prepare(
      `INSERT INTO ${t.lateEntries} (item_id, revision, recorded_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.selectCheckpoint = db.prepare(`SELECT position FROM ${t.checkpoints} WHERE projection = ?`);
    this.upsertCheckpoint = db.prepare(
      `INSERT INTO ${t.checkpoints} (projection, position) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
    );
    this.applyInTransaction = db.transaction((batch: ProjectionBatch) => this.write(batch));
    this.transfers = new SqliteTransferTable(db, t);
  }

  async loadTransfers(transferIds: readonly string[]): Promise<Map<string, TransferRecord>> {
    return this.transfers.load(transferIds);
  }

  /** The queries' side of the same table (the live writer's tables are the live ones). */
  listTransfers(query: Parameters<SqliteTransferTable['list']>[0]) {
    return this.transfers.list(query);
  }

  async loadItems(itemIds: readonly string[]): Promise<Map<string, ItemRecord>> {
    const rows = this.selectItems.all(JSON.stringify(itemIds));
    const records = rows.map((row): ItemRecord => {
      const state = storedState(row);
      return { state, view: viewOf(state, row), registeredPosition: row.seq };
    });
    return new Map(records.map((record) => [record.state.itemId, record]));
  }

  async applyBatch(batch: ProjectionBatch): Promise<void> {
    this.applyInTransaction.immediate(batch);
  }

  async checkpoint(projection: string): Promise<string | null> {
    return this.checkpointNow(projection);
  }

  checkpointNow(projection: string): string | null {
    return this.selectCheckpoint.get(projection)?.position ?? null;
  }

  private write(batch: ProjectionBatch): void {
    for (const record of batch.items) this.writeItem(record);
    this.writeTrail(batch.trail);
    for (const record of batch.transfers ?? []) this.transfers.write(record);
    const current = this.checkpointNow(batch.projection);
    if (current === null || comparePositions(batch.position, current) > 0) {
      this.upsertCheckpoint.run(batch.projection, batch.position);
    }
  }

  private writeDocs(seq: bigint, state: ItemState, view: ItemView): void {
    this.upsertDocs.run(seq, stateJson(state), view.position, view.registeredAt, view.updatedAt);
  }

  /** Many rows per INSERT: a statement per row cost more than the rows themselves. */
  private writeTrail(trail: readonly ItemTrailEntry[]): void {
    let next = 0;
    for (; next + TRAIL_ROWS_PER_INSERT <= trail.length; next += TRAIL_ROWS_PER_INSERT) {
      const values: unknown[] = [];
      for (let i = next; i < next + TRAIL_ROWS_PER_INSERT; i += 1) {
        const { itemId, entry } = trail[i];
        values.push(itemId, entry.revision, JSON.stringify(entry));
      }
      this.insertTrailRun.run(values);
    }
    for (; next < trail.length; next += 1) {
      const { itemId, entry } = trail[next];
      this.insertTrail.run(itemId, entry.revision, JSON.stringify(entry));
    }
    for (const { itemId, entry } of trail) {
      if (entry.late)
        this.insertLate.run(itemId, entry.revision, toIsoInstant(entry.recordedAt) ?? entry.recordedAt);
    }
  }

  /**
   * Inserts first: during a rebuild nearly every record is a new item, and the insert that finds
   * one already there costs what the lookup it replaces did.
   */
  private writeItem({ state, view, registeredPosition }: ItemRecord): void {
    const watch = watchInstants(view);
    const seq = BigInt(registeredPosition);
    const titleWords = searchWords(searchableText(view)).join(' ');
    const year = view.year ?? null;
    const periodFrom = view.period?.from ?? null;
    const periodTo = view.period?.to ?? null;
    // In the order of COLUMNS.
    const row: unknown[] = [
      seq,
      view.itemId,
      view.revision,
      view.status,
      view.kind,
      view.locationId,
      view.custodianId,
      view.originUnitId,
      view.classificationCode,
      year,
      periodFrom,
      periodTo,
      titleWords,
      watch.inTransitSince,
      watch.handoverPendingSince,
      watch.loanDueAt,
      watch.retentionEndsAt,
      view.securityClass,
      view.kind === 'letter' ? (view.addresseeUnitId ?? null) : null,
      view.depotId,
      view.destinationId,
      view.shortCode ?? null,
    ];
    if (this.insertItem.run(row).changes === 1) {
      this.writeDocs(seq, state, view);
      if (this.indexingText) this.insertFts.run(seq, titleWords);
      for (const covered of coveredYears(view)) this.insertYear.run(covered, seq);
      return;
    }
    const stored = this.selectStored.get(view.itemId);
    if (stored === undefined) {
      throw new Error(`item ${view.itemId}: registration position ${registeredPosition} holds another item`);
    }
    if (stored.revision >= view.revision) return;
    row.push(view.itemId, view.revision);
    this.updateItem.run(row);
    this.writeDocs(seq, state, view);
    if (this.indexingText && stored.title_words !== titleWords) this.updateFts.run(titleWords, seq);
    if (stored.year !== year || stored.period_from !== periodFrom || stored.period_to !== periodTo) {
      this.deleteYears.run(seq);
      for (const covered of coveredYears(view)) this.insertYear.run(covered, seq);
    }
  }
}
