import type Database from 'better-sqlite3';
import {
  consistencyProof,
  eventLeafHash,
  Frontier,
  HASH_SIZE,
  inclusionProof,
  inclusionProofSubtrees,
  PackedTree,
  rootAt,
  streamHeadLeafHash,
  type StreamHead,
  type SubtreePosition,
  type SubtreeSource,
} from '@jejak/verifiable-log';
import { UpperSubtrees } from './upper-subtrees';
import type {
  LogSnapshot,
  StoredCheckpoint,
  StreamHeadProof,
  VerifiableLogStorage,
} from '../log/verifiable-log-storage';

/** One committed event as the tree needs it. */
export interface LeafToAppend {
  position: number;
  leafHash: Buffer;
}

/** Events indexed per transaction when catching up an existing store (bounds one transaction). */
const CATCH_UP_CHUNK = 5000;

export function createLogSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS log_leaves (
      leaf_index INTEGER PRIMARY KEY,
      position INTEGER NOT NULL,
      hash BLOB NOT NULL,
      nodes BLOB
    );
    CREATE TABLE IF NOT EXISTS log_nodes (
      node_key INTEGER PRIMARY KEY,
      hash BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS log_heads (
      stream_id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL,
      leaf_index INTEGER NOT NULL,
      hash BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS log_heads_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      size INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS log_checkpoints (
      size INTEGER PRIMARY KEY,
      note TEXT NOT NULL,
      signed_at TEXT NOT NULL
    );
  `);
  // Files made before the nodes moved into the leaf rows: their nodes stay in log_nodes.
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('log_leaves')").all();
  if (!columns.some((column) => column.name === 'nodes'))
    db.exec('ALTER TABLE log_leaves ADD COLUMN nodes BLOB');
}

/**
 * The key of the complete subtree (level >= 1, index) in log_nodes, where files made before the
 * nodes moved into the leaf rows keep them: ordered by the leaf that completed it.
 */
const nodeKey = (level: number, index: number): number => ((index + 1) * 2 ** level - 1) * 64 + level;

/** The leaf whose append completed the subtree (level, index): its last leaf. */
const completingLeaf = (level: number, index: number): number => (index + 1) * 2 ** level - 1;

/**
 * Complete subtrees from this level up (1 in 16 leaves) are kept in memory once read: a proof
 * then reads from the file only the rows of the 32-leaf block around its leaf (~5 rows, one query).
 */
const CACHED_FROM_LEVEL = 5;

/** Rows of one INSERT (4 parameters each; SQLite allows 32766). */
const INSERT_ROWS = 64;

type LeafRow = { leaf_index: number; hash: Buffer; nodes: Buffer | null };

/** The node (level >= 1, index) from the row of the leaf that completed it. */
function nodeFromRow(
  row: { nodes: Buffer | null },
  level: number,
  index: number,
  statements: { node: Database.Statement<[number], { hash: Buffer }> },
): Buffer | undefined {
  // Files made before the nodes moved into the leaf rows keep them in log_nodes.
  if (row.nodes === null) return statements.node.get(nodeKey(level, index))?.hash;
  const at = (level - 1) * HASH_SIZE;
  return at + HASH_SIZE <= row.nodes.length ? row.nodes.subarray(at, at + HASH_SIZE) : undefined;
}

type HeadRow = { stream_id: string; revision: number; leaf_index: number };
const toHead = (row: HeadRow): StreamHead => ({
  stream: row.stream_id,
  revision: row.revision,
  index: row.leaf_index,
});

/**
 * The tree in the embedded store's own file, appended inside the same transaction as the events
 * (so an acknowledged event always has its leaf). Each leaf row also holds the hashes of the
 * subtrees its append completed (levels 1, 2, … concatenated): one row per event and one table's
 * last page per commit, so the tree adds as few WAL pages to the group commit's fsync as it can. The frontier in memory is re-read whenever
 * another process (e.g. `jejak import`) has appended since, which the write lock makes safe.
 * Only appends happen in the group commit (leaf rows and completed nodes, all on the tables' last
 * pages); the stream heads, keyed by stream id (a write anywhere in the table), are brought up to
 * date when a checkpoint is signed, from the leaves appended since.
 */
export class SqliteMerkleLog implements VerifiableLogStorage, SubtreeSource {
  private frontier: Frontier;
  /** PRAGMA data_version after our last commit; another process's commit changes it. */
  private ownVersion: number | undefined;
  /** PRAGMA data_version as read in the open append transaction, under the write lock. */
  private versionInTransaction: number | undefined;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly inserts = new Map<number, Database.Statement<unknown[]>>();
  private readonly leafRowReads = new Map<number, Database.Statement<number[], LeafRow>>();
  /** Upper subtrees (level >= CACHED_FROM_LEVEL) already read. */
  private readonly upper = new UpperSubtrees(CACHED_FROM_LEVEL);
  /** Leaves of the open transaction that completed upper subtrees, with their nodes. */
  private madeUpper: { index: number; nodes: Buffer }[] = [];

  constructor(private readonly db: Database.Database) {
    createLogSchema(db);
    this.statements = prepare(db);
    this.frontier = this.loadFrontier();
  }

  /**
   * Gives a leaf to every event that has none yet (a store older than the log, or events of a
   * process without it), in position order, in bounded transactions. Returns how many were added.
   */
  catchUp(onProgress?: (done: number, total: number) => void): number {
    const total = this.statements.unindexedCount.get(this.lastIndexedPosition())?.count ?? 0;
    let done = 0;
    while (done < total) {
      const added = this.db
        .transaction(() => {
          this.syncWithDisk();
          this.madeUpper = [];
          const next = this.appendUnindexed(CATCH_UP_CHUNK);
          return next;
        })
        .immediate();
      if (added.count === 0) break;
      this.frontier = added.frontier;
      this.keepMadeUpper();
      done += added.count;
      onProgress?.(done, total);
    }
    return done;
  }

  /**
   * Called inside the append transaction, before its COMMIT: indexes any event another writer
   * left without a leaf, then these. Returns the frontier to adopt once the COMMIT succeeded.
   */
  appendInTransaction(leaves: readonly LeafToAppend[]): Frontier {
    this.madeUpper = [];
    // data_version changes only when another connection committed: then look at what it wrote.
    // Our own COMMIT leaves it as it is, so the value read here holds after it (one read a commit).
    let frontier: Frontier;
    this.versionInTransaction = this.statements.dataVersion.get()?.data_version;
    if (this.versionInTransaction !== this.ownVersion) {
      this.syncWithDisk();
      frontier = this.appendUnindexed(Number.MAX_SAFE_INTEGER, leaves[0]?.position).frontier;
    } else {
      frontier = this.frontier.clone();
    }
    this.writeLeaves(frontier, leaves);
    return frontier;
  }

  /** Adopts the frontier of a committed transaction. */
  committed(frontier: Frontier): void {
    this.frontier = frontier;
    this.keepMadeUpper();
    this.ownVersion = this.versionInTransaction;
  }

  size(): number {
    return this.statements.leafCount.get()?.count ?? 0;
  }

  subtreeHash(level: number, index: number): Buffer {
    const cached = this.upper.get(level, index);
    if (cached) return cached;
    const hash = level === 0 ? this.statements.leafHash.get(index)?.hash : this.nodeHash(level, index);
    if (!hash) throw new RangeError(`the log has no complete subtree at level ${level}, index ${index}`);
    this.remember(level, index, hash);
    return hash;
  }

  /** Puts the upper subtrees a committed transaction completed into the cache. */
  private keepMadeUpper(): void {
    for (const { index, nodes } of this.madeUpper) {
      for (let level = CACHED_FROM_LEVEL; level * HASH_SIZE <= nodes.length; level++) {
        const at = (level - 1) * HASH_SIZE;
        this.upper.set(level, (index + 1) / 2 ** level - 1, nodes.subarray(at, at + HASH_SIZE));
      }
    }
    this.madeUpper = [];
  }

  /** Keeps an upper subtree read from committed rows (never one our open transaction may undo). */
  private remember(level: number, index: number, hash: Buffer): void {
    if (!this.db.inTransaction) this.upper.set(level, index, hash);
  }

  /**
   * The hashes of these complete subtrees, from the cache or, all the others, from one query over
   * the leaf rows that completed them (a proof at 1M leaves reads ~10 rows in one statement).
   */
  private subtreeHashes(positions: readonly SubtreePosition[]): Map<number, Buffer> {
    const found = new Map<number, Buffer>();
    const missing: SubtreePosition[] = [];
    for (const { level, index } of positions) {
      const cached = this.upper.get(level, index);
      if (cached) found.set(nodeKey(level, index), cached);
      else missing.push({ level, index });
    }
    if (missing.length === 0) return found;
    const leaves = [...new Set(missing.map(({ level, index }) => completingLeaf(level, index)))];
    const rows = new Map(
      this.leafRows(leaves.length)
        .all(...leaves)
        .map((row) => [row.leaf_index, row]),
    );
    for (const { level, index } of missing) {
      const row = rows.get(completingLeaf(level, index));
      const hash = !row
        ? undefined
        : level === 0
          ? row.hash
          : nodeFromRow(row, level, index, this.statements);
      if (!hash) throw new RangeError(`the log has no complete subtree at level ${level}, index ${index}`);
      found.set(nodeKey(level, index), hash);
      this.remember(level, index, hash);
    }
    return found;
  }

  private leafRows(count: number): Database.Statement<number[], LeafRow> {
    let statement = this.leafRowReads.get(count);
    if (!statement) {
      const list = Array.from({ length: count }, () => '?').join(', ');
      statement = this.db.prepare<number[], LeafRow>(
        `SELECT leaf_index, hash, nodes FROM log_leaves WHERE leaf_index IN (${list})`,
      );
      this.leafRowReads.set(count, statement);
    }
    return statement;
  }

  private nodeHash(level: number, index: number): Buffer | undefined {
    const row = this.statements.leafNodes.get(completingLeaf(level, index));
    return row ? nodeFromRow(row, level, index, this.statements) : undefined;
  }

  root(size: number): Buffer {
    this.checkSize(size);
    return rootAt(this, size);
  }

  /** The tree now and its stream heads, brought up to date in one write transaction. */
  latest(): LogSnapshot {
    return this.db
      .transaction(() => {
        const size = this.size();
        this.updateHeads(size);
        const heads = this.headsTree();
        return { size, root: rootAt(this, size), headsCount: heads.size, headsRoot: heads.root() };
      })
      .immediate();
  }

  headsAt(size: number): StreamHead[] {
    this.checkSize(size);
    return this.db
      .transaction(() => {
        if (size !== this.size()) return this.statements.headsBefore.all(size).map(toHead);
        this.updateHeads(size);
        return this.statements.heads.all().map(toHead);
      })
      .immediate();
  }

  leafHash(index: number): Buffer {
    return this.subtreeHash(0, index);
  }

  streamHeadProof(stream: string, size: number): StreamHeadProof | null {
    this.checkSize(size);
    return this.db
      .transaction((): StreamHeadProof | null => {
        if (size !== this.size()) {
          const heads = this.statements.headsBefore.all(size).map(toHead);
          const headIndex = heads.findIndex((h) => h.stream === stream);
          if (headIndex < 0) return null;
          const tree = new PackedTree(Buffer.concat(heads.map(streamHeadLeafHash)));
          return { head: heads[headIndex], headIndex, proof: tree.inclusionProofOf(headIndex) };
        }
        this.updateHeads(size);
        const row = this.statements.head.get(stream);
        if (!row) return null;
        const headIndex = this.statements.headsBelow.get(stream)?.count ?? 0;
        const tree = this.headsTree();
        return { head: toHead(row), headIndex, proof: tree.inclusionProofOf(headIndex) };
      })
      .immediate();
  }

  inclusionProof(index: number, size: number): Buffer[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) return inclusionProof(this, index, size);
    const hashes = this.subtreeHashes(inclusionProofSubtrees(index, size));
    const source: SubtreeSource = {
      subtreeHash: (level, i) => hashes.get(nodeKey(level, i)) ?? this.subtreeHash(level, i),
    };
    return inclusionProof(source, index, size);
  }

  consistencyProof(from: number, to: number): Buffer[] {
    this.checkSize(to);
    return consistencyProof(this, from, to);
  }

  /** Positions grow with leaf indexes, so a binary search over the leaves needs no index of its own. */
  leafIndexOf(position: string): number | null {
    const wanted = Number(position);
    let low = 0;
    let high = this.size() - 1;
    while (low <= high) {
      const middle = Math.floor((low + high) / 2);
      const at = this.statements.positionOfLeaf.get(middle)?.position ?? Number.MAX_SAFE_INTEGER;
      if (at === wanted) return middle;
      if (at < wanted) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  }

  saveCheckpoint({ size, note, signedAt }: StoredCheckpoint): void {
    this.statements.saveCheckpoint.run(size, note, signedAt);
  }

  latestCheckpoint(): StoredCheckpoint | null {
    return fromCheckpointRow(this.statements.latestCheckpoint.get());
  }

  checkpointAt(size: number): StoredCheckpoint | null {
    return fromCheckpointRow(this.statements.checkpointAt.get(size));
  }

  /** The tree over every stream head as log_heads holds them now (a read of the whole table). */
  private headsTree(): PackedTree {
    return new PackedTree(Buffer.from(this.statements.headHashesHex.all().join(''), 'hex'));
  }

  /** Folds the leaves appended since the heads were last brought up to date into log_heads. */
  private updateHeads(size: number): void {
    const from = this.statements.headsState.get()?.size ?? 0;
    if (from >= size) return;
    for (const leaf of this.statements.leavesBetween.all(from, size)) {
      const hash = streamHeadLeafHash(toHead(leaf));
      this.statements.upsertHead.run(leaf.stream_id, leaf.revision, leaf.leaf_index, hash);
    }
    this.statements.setHeadsState.run(size);
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size()) {
      throw new RangeError(`the log has no tree of size ${size} (it has ${this.size()} leaves)`);
    }
  }

  private loadFrontier(): Frontier {
    const size = this.size();
    const roots = Frontier.rootPositions(size).map(({ level, index }) => this.subtreeHash(level, index));
    return Frontier.fromRoots(size, roots);
  }

  /** Another process appended since our last look: take its tree as the starting point. */
  private syncWithDisk(): void {
    if (this.size() !== this.frontier.size) this.frontier = this.loadFrontier();
  }

  private lastIndexedPosition(): number {
    return this.statements.lastPosition.get()?.position ?? 0;
  }

  /** Leaves for events without one, before `beforePosition` (exclusive), at most `limit`. */
  private appendUnindexed(limit: number, beforePosition?: number): { frontier: Frontier; count: number } {
    const frontier = this.frontier.clone();
    const rows = this.statements.unindexed.all(
      this.lastIndexedPosition(),
      beforePosition ?? Number.MAX_SAFE_INTEGER,
      limit,
    );
    this.writeLeaves(
      frontier,
      rows.map((row) => ({ position: row.position, leafHash: eventLeafHash(JSON.parse(row.data)) })),
    );
    return { frontier, count: rows.length };
  }

  /** Appends the leaves to the frontier and inserts their rows, up to INSERT_ROWS per statement. */
  private writeLeaves(frontier: Frontier, leaves: readonly LeafToAppend[]): void {
    for (let start = 0; start < leaves.length; start += INSERT_ROWS) {
      const chunk = leaves.slice(start, start + INSERT_ROWS);
      const values: (number | Buffer)[] = [];
      for (const leaf of chunk) {
        const index = frontier.size;
        const nodes = frontier.appendPacked(leaf.leafHash);
        values.push(index, leaf.position, leaf.leafHash, nodes);
        // 1 leaf in 32 completes a subtree of level >= 5: kept for the cache once committed.
        if (nodes.length >= CACHED_FROM_LEVEL * HASH_SIZE) this.madeUpper.push({ index, nodes });
      }
      this.insertRows(chunk.length).run(values);
    }
  }

  /** One prepared INSERT per row count: a group commit's leaves go in with one call, not one each. */
  private insertRows(count: number): Database.Statement<unknown[]> {
    let statement = this.inserts.get(count);
    if (!statement) {
      const rows = Array.from({ length: count }, () => '(?, ?, ?, ?)').join(', ');
      statement = this.db.prepare(
        `INSERT INTO log_leaves (leaf_index, position, hash, nodes) VALUES ${rows}`,
      );
      this.inserts.set(count, statement);
    }
    return statement;
  }
}

const fromCheckpointRow = (
  row: { size: number; note: string; signed_at: string } | undefined,
): StoredCheckpoint | null => (row ? { size: row.size, note: row.note, signedAt: row.signed_at } : null);

function prepare(db: Database.Database) {
  return {
    dataVersion: db.prepare<[], { data_version: number }>('PRAGMA data_version'),
    leafCount: db.prepare<[], { count: number }>(
      'SELECT COALESCE(MAX(leaf_index) + 1, 0) AS count FROM log_leaves',
    ),
    lastPosition: db.prepare<[], { position: number }>(
      'SELECT position FROM log_leaves ORDER BY leaf_index DESC LIMIT 1',
    ),
    unindexedCount: db.prepare<[number], { count: number }>(
      'SELECT COUNT(*) AS count FROM events WHERE position > ?',
    ),
    unindexed: db.prepare<[number, number, number], { position: number; data: string }>(
      `SELECT position, data FROM events
       WHERE position > ? AND position < ? ORDER BY position LIMIT ?`,
    ),
    node: db.prepare<[number], { hash: Buffer }>('SELECT hash FROM log_nodes WHERE node_key = ?'),
    leafHash: db.prepare<[number], { hash: Buffer }>('SELECT hash FROM log_leaves WHERE leaf_index = ?'),
    leafNodes: db.prepare<[number], { nodes: Buffer | null }>(
      'SELECT nodes FROM log_leaves WHERE leaf_index = ?',
    ),
    headsState: db.prepare<[], { size: number }>('SELECT size FROM log_heads_state WHERE id = 1'),
    setHeadsState: db.prepare<[number]>(
      'INSERT INTO log_heads_state (id, size) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET size = excluded.size',
    ),
    leavesBetween: db.prepare<[number, number], HeadRow>(
      `SELECT e.stream_id, e.revision, l.leaf_index FROM log_leaves l JOIN events e ON e.position = l.position
       WHERE l.leaf_index >= ? AND l.leaf_index < ? ORDER BY l.leaf_index`,
    ),
    upsertHead: db.prepare<[string, number, number, Buffer]>(
      `INSERT INTO log_heads (stream_id, revision, leaf_index, hash) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE
       SET revision = excluded.revision, leaf_index = excluded.leaf_index, hash = excluded.hash`,
    ),
    heads: db.prepare<[], HeadRow>(
      'SELECT stream_id, revision, leaf_index FROM log_heads ORDER BY stream_id',
    ),
    // Hex text, not a Buffer, per row: at 1M streams ~0.9 s against ~2.2 s for the whole read.
    headHashesHex: db.prepare<[], string>('SELECT hex(hash) FROM log_heads ORDER BY stream_id').pluck(),
    head: db.prepare<[string], HeadRow>(
      'SELECT stream_id, revision, leaf_index FROM log_heads WHERE stream_id = ?',
    ),
    headsBelow: db.prepare<[string], { count: number }>(
      'SELECT COUNT(*) AS count FROM log_heads WHERE stream_id < ?',
    ),
    headsBefore: db.prepare<[number], HeadRow>(
      `SELECT e.stream_id, e.revision, MAX(l.leaf_index) AS leaf_index
       FROM log_leaves l JOIN events e ON e.position = l.position
       WHERE l.leaf_index < ? GROUP BY e.stream_id ORDER BY e.stream_id`,
    ),
    positionOfLeaf: db.prepare<[number], { position: number }>(
      'SELECT position FROM log_leaves WHERE leaf_index = ?',
    ),
    saveCheckpoint: db.prepare<[number, string, string]>(
      'INSERT OR IGNORE INTO log_checkpoints (size, note, signed_at) VALUES (?, ?, ?)',
    ),
    latestCheckpoint: db.prepare<[], { size: number; note: string; signed_at: string }>(
      'SELECT size, note, signed_at FROM log_checkpoints ORDER BY size DESC LIMIT 1',
    ),
    checkpointAt: db.prepare<[number], { size: number; note: string; signed_at: string }>(
      'SELECT size, note, signed_at FROM log_checkpoints WHERE size = ?',
    ),
  };
}
