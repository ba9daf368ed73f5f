import type Database from 'better-sqlite3';
import {
  consistencyProof,
  eventLeafHash,
  Frontier,
  inclusionProof,
  rootAt,
  type StreamHead,
  type SubtreeNode,
  type SubtreeSource,
} from '@jejak/verifiable-log';
import type { LogSnapshot, StoredCheckpoint, VerifiableLogStorage } from '../log/verifiable-log-storage';

/** One committed event as the tree needs it. */
export interface LeafToAppend {
  position: number;
  streamId: string;
  revision: number;
  leafHash: Buffer;
}

/** Events indexed per transaction when catching up an existing store (bounds one transaction). */
const CATCH_UP_CHUNK = 5000;

export function createLogSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS log_leaves (
      leaf_index INTEGER PRIMARY KEY,
      position INTEGER NOT NULL UNIQUE,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS log_nodes (
      level INTEGER NOT NULL,
      idx INTEGER NOT NULL,
      hash BLOB NOT NULL,
      PRIMARY KEY (level, idx)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS log_heads (
      stream_id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL,
      leaf_index INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS log_checkpoints (
      size INTEGER PRIMARY KEY,
      note TEXT NOT NULL,
      signed_at TEXT NOT NULL
    );
  `);
}

type HeadRow = { stream_id: string; revision: number; leaf_index: number };
const toHead = (row: HeadRow): StreamHead => ({
  stream: row.stream_id,
  revision: row.revision,
  index: row.leaf_index,
});

/**
 * The tree in the embedded store's own file, appended inside the same transaction as the events
 * (so an acknowledged event always has its leaf). The frontier in memory is re-read whenever
 * another process (e.g. `jejak import`) has appended since, which the write lock makes safe.
 */
export class SqliteMerkleLog implements VerifiableLogStorage, SubtreeSource {
  private frontier: Frontier;
  private readonly statements: ReturnType<typeof prepare>;

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
          const next = this.appendUnindexed(CATCH_UP_CHUNK);
          return next;
        })
        .immediate();
      if (added.count === 0) break;
      this.frontier = added.frontier;
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
    this.syncWithDisk();
    const caught = this.appendUnindexed(Number.MAX_SAFE_INTEGER, leaves[0]?.position);
    const frontier = caught.frontier;
    for (const leaf of leaves) this.writeLeaf(frontier, leaf);
    return frontier;
  }

  /** Adopts the frontier of a committed transaction. */
  committed(frontier: Frontier): void {
    this.frontier = frontier;
  }

  size(): number {
    return this.statements.leafCount.get()?.count ?? 0;
  }

  subtreeHash(level: number, index: number): Buffer {
    const row = this.statements.node.get(level, index);
    if (!row) throw new RangeError(`the log has no complete subtree at level ${level}, index ${index}`);
    return row.hash;
  }

  root(size: number): Buffer {
    this.checkSize(size);
    return rootAt(this, size);
  }

  latest(): LogSnapshot {
    return this.db.transaction(() => {
      const size = this.size();
      return {
        size,
        root: rootAt(this, size),
        heads: this.statements.heads.all().map(toHead),
      };
    })();
  }

  headsAt(size: number): StreamHead[] {
    this.checkSize(size);
    return this.db.transaction(() =>
      size === this.size()
        ? this.statements.heads.all().map(toHead)
        : this.statements.headsBefore.all(size).map(toHead),
    )();
  }

  leafHash(index: number): Buffer {
    return this.subtreeHash(0, index);
  }

  inclusionProof(index: number, size: number): Buffer[] {
    this.checkSize(size);
    return inclusionProof(this, index, size);
  }

  consistencyProof(from: number, to: number): Buffer[] {
    this.checkSize(to);
    return consistencyProof(this, from, to);
  }

  leafIndexOf(position: string): number | null {
    return this.statements.leafOfPosition.get(Number(position))?.leaf_index ?? null;
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
    for (const row of rows) {
      this.writeLeaf(frontier, {
        position: row.position,
        streamId: row.stream_id,
        revision: row.revision,
        leafHash: eventLeafHash(JSON.parse(row.data)),
      });
    }
    return { frontier, count: rows.length };
  }

  private writeLeaf(frontier: Frontier, leaf: LeafToAppend): void {
    const index = frontier.size;
    this.statements.insertLeaf.run(index, leaf.position, leaf.streamId, leaf.revision);
    this.statements.upsertHead.run(leaf.streamId, leaf.revision, index);
    frontier.append(leaf.leafHash).forEach((node: SubtreeNode) => {
      this.statements.insertNode.run(node.level, node.index, node.hash);
    });
  }
}

const fromCheckpointRow = (
  row: { size: number; note: string; signed_at: string } | undefined,
): StoredCheckpoint | null => (row ? { size: row.size, note: row.note, signedAt: row.signed_at } : null);

function prepare(db: Database.Database) {
  return {
    leafCount: db.prepare<[], { count: number }>(
      'SELECT COALESCE(MAX(leaf_index) + 1, 0) AS count FROM log_leaves',
    ),
    lastPosition: db.prepare<[], { position: number }>(
      'SELECT position FROM log_leaves ORDER BY leaf_index DESC LIMIT 1',
    ),
    unindexedCount: db.prepare<[number], { count: number }>(
      'SELECT COUNT(*) AS count FROM events WHERE position > ?',
    ),
    unindexed: db.prepare<
      [number, number, number],
      { position: number; stream_id: string; revision: number; data: string }
    >(
      `SELECT position, stream_id, revision, data FROM events
       WHERE position > ? AND position < ? ORDER BY position LIMIT ?`,
    ),
    node: db.prepare<[number, number], { hash: Buffer }>(
      'SELECT hash FROM log_nodes WHERE level = ? AND idx = ?',
    ),
    insertLeaf: db.prepare<[number, number, string, number]>(
      'INSERT INTO log_leaves (leaf_index, position, stream_id, revision) VALUES (?, ?, ?, ?)',
    ),
    insertNode: db.prepare<[number, number, Buffer]>(
      'INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)',
    ),
    upsertHead: db.prepare<[string, number, number]>(
      `INSERT INTO log_heads (stream_id, revision, leaf_index) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, leaf_index = excluded.leaf_index`,
    ),
    heads: db.prepare<[], HeadRow>(
      'SELECT stream_id, revision, leaf_index FROM log_heads ORDER BY stream_id',
    ),
    headsBefore: db.prepare<[number], HeadRow>(
      `SELECT stream_id, revision, MAX(leaf_index) AS leaf_index FROM log_leaves
       WHERE leaf_index < ? GROUP BY stream_id ORDER BY stream_id`,
    ),
    leafOfPosition: db.prepare<[number], { leaf_index: number }>(
      'SELECT leaf_index FROM log_leaves WHERE position = ?',
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
