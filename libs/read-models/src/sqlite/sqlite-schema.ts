import type Database from 'better-sqlite3';
import { NOT_TERMINAL } from './sqlite-item-filter';

export interface SqliteTableNames {
  items: string;
  itemsFts: string;
  itemYears: string;
  itemDocs: string;
  trail: string;
  lateEntries: string;
  transfers: string;
  transferCouriers: string;
  checkpoints: string;
}

/**
 * The version of the tables below, kept in the file's `user_version`. A file of another version is
 * emptied on open and projected again from the event log: read models are derived data.
 * Version 3: the location and custodian indexes hold only items not in a terminal status.
 * Version 4: `voided` is terminal too (the partial indexes say so); trail lines carry `late`, and
 * `late_entries` lists the late ones.
 * Version 5: the list of transfers (`transfers`, `transfer_couriers`).
 * Version 6: what confidentiality needs in a query (security class, addressee of a letter, depot,
 * destination), the short code, and the letter number among the searched words.
 */
export const SCHEMA_VERSION = 6;

/**
 * Page size of a new read-model file. 16 KiB rather than SQLite's 4 KiB: a rebuild writes
 * ~18 % faster (fewer pages per row, fewer B-tree splits), and a point read still touches 3 pages.
 */
export const PAGE_SIZE_BYTES = 16_384;

export const LIVE_TABLES = tableNames('');
export const REBUILD_TABLES = tableNames('_next');

function tableNames(suffix: string): SqliteTableNames {
  return {
    items: `items${suffix}`,
    itemsFts: `items_fts${suffix}`,
    itemYears: `item_years${suffix}`,
    itemDocs: `item_docs${suffix}`,
    trail: `trail${suffix}`,
    lateEntries: `late_entries${suffix}`,
    transfers: `transfers${suffix}`,
    transferCouriers: `transfer_couriers${suffix}`,
    checkpoints: `checkpoints${suffix}`,
  };
}

export function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/**
 * Creates one set of read-model tables. Index names carry `tag` because a rebuilt table keeps its
 * index names when renamed into place, and the next rebuild must not collide with them.
 * `seq` is the position of the item's registration: the rowid, the FTS rowid and the keyset order
 * of lists. Every index implicitly ends in it, so a filtered list is read in order without a sort.
 * The text index keeps no copy of the titles (contentless): queries take only its rowids, and
 * `items.title_words` has the words; building it for 1M items took 3.4 s instead of 4.5.
 * Watch lists have partial indexes on their instant (null when the item is not on the list).
 * `late_entries` names the trail lines recorded more than an hour after they occurred.
 * `item_years` holds one row per year an item covers (its year, or each year of its period).
 * The item's state lives apart in `item_docs`, keeping `items` rows narrow: a filtered scan reads
 * a few pages, and only the page handed out fetches its documents. The view is not stored: it is
 * the state plus three instants (see toItemView), built on read for microseconds, while storing
 * it too cost a rebuild a quarter of its writing.
 */
export function createSchema(
  db: Database.Database,
  t: SqliteTableNames,
  tag: string,
  options: { indexes: boolean } = { indexes: true },
): void {
  db.exec(`
    CREATE TABLE ${t.items} (
      seq INTEGER PRIMARY KEY NOT NULL,
      item_id TEXT NOT NULL UNIQUE,
      revision INTEGER NOT NULL,
      status TEXT NOT NULL,
      kind TEXT NOT NULL,
      location_id TEXT,
      custodian_id TEXT NOT NULL,
      origin_unit_id TEXT NOT NULL,
      classification_code TEXT NOT NULL,
      year INTEGER,
      period_from INTEGER,
      period_to INTEGER,
      title_words TEXT NOT NULL,
      in_transit_since TEXT,
      handover_pending_since TEXT,
      loan_due_at TEXT,
      retention_ends_at TEXT,
      security_class TEXT NOT NULL,
      letter_addressee_id TEXT,
      depot_id TEXT,
      destination_id TEXT,
      short_code TEXT
    );
    CREATE TABLE ${t.itemDocs} (
      seq INTEGER PRIMARY KEY NOT NULL,
      state TEXT NOT NULL,
      position TEXT NOT NULL,
      registered_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE ${t.itemsFts} USING fts5(
      title, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TABLE ${t.itemYears} (year INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (year, seq)) WITHOUT ROWID;
    CREATE TABLE ${t.trail} (
      item_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      entry TEXT NOT NULL,
      PRIMARY KEY (item_id, revision)
    ) WITHOUT ROWID;
    CREATE TABLE ${t.lateEntries} (
      item_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (item_id, revision)
    ) WITHOUT ROWID;
    CREATE INDEX ix_${tag}_late_recorded ON ${t.lateEntries} (recorded_at);
    CREATE TABLE ${t.transfers} (
      seq INTEGER PRIMARY KEY NOT NULL,
      transfer_id TEXT NOT NULL UNIQUE,
      revision INTEGER NOT NULL,
      status TEXT NOT NULL,
      from_id TEXT NOT NULL,
      to_id TEXT NOT NULL,
      ba_key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      record TEXT NOT NULL
    );
    CREATE TABLE ${t.transferCouriers} (
      courier_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (courier_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE ${t.checkpoints} (projection TEXT PRIMARY KEY, position TEXT NOT NULL);
  `);
  if (options.indexes) for (const statement of secondaryIndexes(t, tag)) db.exec(statement);
}

/**
 * The indexes of `items` the queries use and the writes need not. A rebuild's bulk load creates
 * them afterwards, from sorted data, instead of updating each of them on every insert.
 */
export function secondaryIndexes(t: SqliteTableNames, tag: string): string[] {
  return [
    `CREATE INDEX IF NOT EXISTS ix_${tag}_status ON ${t.items} (status)`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_kind ON ${t.items} (kind)`,
    // Inventories leave out terminal items (a depot's destroyed files would pile up in its scan);
    // a list of terminal items at a place goes through ix_status instead.
    `CREATE INDEX IF NOT EXISTS ix_${tag}_location ON ${t.items} (location_id) WHERE ${NOT_TERMINAL}`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_custodian ON ${t.items} (custodian_id) WHERE ${NOT_TERMINAL}`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_origin ON ${t.items} (origin_unit_id)`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_classification ON ${t.items} (classification_code)`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_short_code ON ${t.items} (short_code) WHERE short_code IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_in_transit ON ${t.items} (in_transit_since) WHERE in_transit_since IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_handover ON ${t.items} (handover_pending_since) WHERE handover_pending_since IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_loan_due ON ${t.items} (loan_due_at) WHERE loan_due_at IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_retention ON ${t.items} (retention_ends_at) WHERE retention_ends_at IS NOT NULL`,
    // Transfers are few next to items: an index per filter, each ending in seq implicitly.
    `CREATE INDEX IF NOT EXISTS ix_${tag}_transfer_status ON ${t.transfers} (status)`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_transfer_from ON ${t.transfers} (from_id)`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_transfer_to ON ${t.transfers} (to_id)`,
    `CREATE INDEX IF NOT EXISTS ix_${tag}_transfer_ba ON ${t.transfers} (ba_key)`,
  ];
}

export function dropSchema(db: Database.Database, t: SqliteTableNames): void {
  for (const table of [
    t.items,
    t.itemsFts,
    t.itemYears,
    t.itemDocs,
    t.trail,
    t.lateEntries,
    t.transfers,
    t.transferCouriers,
    t.checkpoints,
  ]) {
    db.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** Renames one set of tables onto another, dropping the target first. */
export function moveSchema(db: Database.Database, from: SqliteTableNames, to: SqliteTableNames): void {
  dropSchema(db, to);
  db.exec(`
    ALTER TABLE ${from.items} RENAME TO ${to.items};
    ALTER TABLE ${from.itemsFts} RENAME TO ${to.itemsFts};
    ALTER TABLE ${from.itemYears} RENAME TO ${to.itemYears};
    ALTER TABLE ${from.itemDocs} RENAME TO ${to.itemDocs};
    ALTER TABLE ${from.trail} RENAME TO ${to.trail};
    ALTER TABLE ${from.lateEntries} RENAME TO ${to.lateEntries};
    ALTER TABLE ${from.transfers} RENAME TO ${to.transfers};
    ALTER TABLE ${from.transferCouriers} RENAME TO ${to.transferCouriers};
    ALTER TABLE ${from.checkpoints} RENAME TO ${to.checkpoints};
  `);
}
