import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { fastCanonicalJson, leafHashOfCanonicalText } from '@jejak/verifiable-log';
import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { ForeignCommitWatcher } from './foreign-commit-watcher';
import { openCheckedDatabase, RESTORE_ADVICE } from './sqlite-integrity';
import { configureConnection, createSchema, SynchronousMode } from './sqlite-schema';
import { subscribeToCommits } from './sqlite-subscription';
import { SqliteMerkleLog, type LeafToAppend } from './sqlite-merkle-log';

export interface SqliteEventStoreOptions {
  filename: string;
  /** FULL (default) fsyncs the WAL on every commit: an acknowledged append survives a power cut. */
  synchronous?: SynchronousMode;
  /** Most appends flushed in one transaction; bounds the latency of one group commit. */
  maxBatchSize?: number;
  /** Keep the verifiable log (a Merkle tree leaf per event, in the append transaction). Default on. */
  verifiableLog?: boolean;
  /** Progress of giving leaves to events recorded before the log existed (first start only). */
  onLogCatchUp?: (done: number, total: number) => void;
  /** Run SQLite's quick_check before use (after an unclean stop); a damaged file is refused, named. */
  check?: boolean;
}

export interface GroupCommitStats {
  commits: number;
  appends: number;
  lastBatchSize: number;
  maxBatchSize: number;
}

export interface CommitInfo {
  /** Appends (single or multi-stream) that shared this transaction. */
  batchSize: number;
  durationMs: number;
}

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

interface PendingAppend {
  appends: StreamAppend[];
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

const DEFAULT_MAX_BATCH = 1000;
const DEFAULT_PAGE_SIZE = 1000;
const COMMIT = 'commit';
/** A commit by another process on the same file: wakes subscriptions, not the metrics. */
const FOREIGN_COMMIT = 'foreign-commit';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    revision: row.revision,
    position: String(row.position),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
  };
}

/** The columns of a page read, in this order: rows come as arrays (no per-row object to build). */
const PAGE_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';
type PageRow = [number, string, number, string, string, string, string, string];

function fromPageRow(row: PageRow): RecordedEvent {
  return {
    eventId: row[3],
    type: row[4],
    streamId: row[1],
    revision: row[2],
    position: String(row[0]),
    data: JSON.parse(row[5]),
    metadata: JSON.parse(row[6]),
    recordedAt: row[7],
  };
}

/** By shape, not `instanceof`: the native module's errors may come from another JS realm (Jest). */
const isUniqueEventIdViolation = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id')
  );
};

/**
 * Whether a stored row holds this data: rows keep JSON.stringify's text (log off, or written
 * before the log kept the canonical text) or the canonical text (log on).
 */
const sameData = (stored: string, data: unknown): boolean => {
  if (stored === JSON.stringify(data)) return true;
  try {
    return stored === fastCanonicalJson(data);
  } catch {
    return false;
  }
};

const satisfies = (expected: ExpectedRevision, actual: number): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === -1;
  if (expected === 'stream_exists') return actual >= 0;
  return expected === actual;
};

/**
 * The embedded event store. Appends arriving in the same event-loop turn are group-committed: one
 * transaction and one fsync for all of them, each append isolated by its own SAVEPOINT so a
 * conflict fails only that append.
 */
export class SqliteEventStore implements EventStore {
  readonly supportsAtomicMultiStream = true;
  /** The verifiable log kept in the same file; undefined when switched off. */
  readonly verifiableLog: SqliteMerkleLog | undefined;

  private readonly db: Database.Database;
  private readonly commits = new EventEmitter();
  private readonly maxBatch: number;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private drained: (() => void)[] = [];
  private readonly subscriptions = new Set<Subscription>();
  private readonly counters: GroupCommitStats = { commits: 0, appends: 0, lastBatchSize: 0, maxBatchSize: 0 };
  private readonly foreignCommits: ForeignCommitWatcher;

  private readonly statements: {
    currentRevision: Database.Statement<[string], { revision: number | null }>;
    insert: Database.Statement<[string, number, string, string, string, string, string]>;
    byEventId: Database.Statement<[string], EventRow>;
    head: Database.Statement<[], { position: number | null }>;
  };
  private readonly pageStatements = new Map<number, Database.Statement<unknown[], PageRow>>();
  /** At most 8 shapes (three optional filters), prepared once. */
  private readonly streamStatements = new Map<string, Database.Statement<unknown[], EventRow>>();

  constructor(options: SqliteEventStoreOptions) {
    this.db = openCheckedDatabase(
      options.filename,
      (db) => {
        configureConnection(db, options.synchronous ?? 'FULL');
        createSchema(db);
      },
      { check: options.check ?? false, advice: RESTORE_ADVICE },
    );
    if (options.verifiableLog ?? true) {
      this.verifiableLog = new SqliteMerkleLog(this.db);
      this.verifiableLog.catchUp(options.onLogCatchUp);
    }
    this.maxBatch = options.maxBatchSize ?? DEFAULT_MAX_BATCH;
    this.commits.setMaxListeners(0);
    this.foreignCommits = new ForeignCommitWatcher(this.db, `${options.filename}-wal`, () =>
      this.commits.emit(FOREIGN_COMMIT),
    );
    this.statements = {
      currentRevision: this.db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      byEventId: this.db.prepare('SELECT * FROM events WHERE event_id = ?'),
      head: this.db.prepare('SELECT MAX(position) AS position FROM events'),
    };
  }

  append(
    streamId: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.enqueue([{ streamId, events, expectedRevision }]).then((results) => results[0]);
  }

  appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return Promise.resolve([]);
    return this.enqueue(appends);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const clauses = ['stream_id = ?'];
    const params: unknown[] = [streamId];
    if (options.fromRevision !== undefined) {
      clauses.push('revision >= ?');
      params.push(options.fromRevision);
    }
    if (options.toRevision !== undefined) {
      clauses.push('revision <= ?');
      params.push(options.toRevision);
    }
    if (options.recordedUntil !== undefined) {
      clauses.push('recorded_at <= ?');
      params.push(new Date(options.recordedUntil).toISOString());
    }
    const sql = `SELECT * FROM events WHERE ${clauses.join(' AND ')} ORDER BY revision`;
    let statement = this.streamStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], EventRow>(sql);
      this.streamStatements.set(sql, statement);
    }
    return statement.all(...params).map(toRecordedEvent);
  }

  /**
   * Hand-written iterator rather than an async generator: each page is read synchronously, then its
   * events are handed out from memory, which costs a fraction of a generator's per-yield ticks.
   */
  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = options.batchSize ?? DEFAULT_PAGE_SIZE;
    const prefixes = options.streamPrefixes;
    return {
      [Symbol.asyncIterator]: () => {
        let after = options.after ? Number(options.after) : 0;
        let page: RecordedEvent[] = [];
        let index = 0;
        let exhausted = false;
        return {
          next: async (): Promise<IteratorResult<RecordedEvent>> => {
            if (index === page.length && !exhausted) {
              page = this.readPage(after, pageSize, prefixes);
              index = 0;
              exhausted = page.length < pageSize;
              if (page.length > 0) after = Number(page[page.length - 1].position);
            }
            if (index < page.length) return { value: page[index++], done: false };
            return { value: undefined, done: true };
          },
        };
      },
    };
  }

  /** One page of events strictly after `after`, in global order (synchronous: a consistent snapshot). */
  readPage(after: number, limit: number, streamPrefixes?: string[]): RecordedEvent[] {
    const prefixes = streamPrefixes ?? [];
    const params: unknown[] = [after];
    for (const prefix of prefixes) params.push(prefix.length, prefix);
    params.push(limit);
    return this.pageStatement(prefixes.length)
      .all(...params)
      .map(fromPageRow);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('event store is closed');
    const subscription = subscribeToCommits(options, {
      readPage: (after, limit) => this.readPage(after, limit, options.streamPrefixes),
      onCommit: (listener) => {
        this.commits.on(COMMIT, listener);
        this.commits.on(FOREIGN_COMMIT, listener);
        return () => {
          this.commits.off(COMMIT, listener);
          this.commits.off(FOREIGN_COMMIT, listener);
        };
      },
    });
    this.foreignCommits.start();
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async headPosition(): Promise<string | null> {
    const { position } = this.statements.head.get() ?? { position: null };
    return position === null ? null : String(position);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('event store is closed');
    this.db.prepare('SELECT 1').get();
  }

  /** Flushes pending appends, stops subscriptions, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.queue.length > 0 || this.flushScheduled) await new Promise<void>((r) => this.drained.push(r));
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    this.foreignCommits.stop();
    this.db.close();
  }

  stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /** Called after every COMMIT; returns an unsubscribe function. For the batch-size metric. */
  onCommit(listener: (info: CommitInfo) => void): () => void {
    this.commits.on(COMMIT, listener);
    return () => this.commits.off(COMMIT, listener);
  }

  private enqueue(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    for (const { streamId, events } of appends) {
      if (events.length === 0) return Promise.reject(new Error(`append to ${streamId} has no events`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ appends, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** One transaction per turn; a long queue continues on the next turn so replies go out in between. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length > 0) this.commitBatch(batch);
    if (this.queue.length > 0) return this.scheduleFlush();
    for (const resolve of this.drained.splice(0)) resolve();
  }

  private commitBatch(batch: PendingAppend[]): void {
    const started = performance.now();
    const recordedAt = new Date().toISOString();
    const outcomes: ({ ok: AppendResult[] } | { error: unknown })[] = [];
    const leaves: LeafToAppend[] = [];
    let frontier: ReturnType<SqliteMerkleLog['appendInTransaction']> | undefined;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const pending of batch) {
        this.db.exec('SAVEPOINT append');
        const mark = leaves.length;
        try {
          outcomes.push({
            ok: pending.appends.map((a) => this.appendInTransaction(a, recordedAt, leaves)),
          });
          this.db.exec('RELEASE append');
        } catch (error) {
          this.db.exec('ROLLBACK TO append');
          this.db.exec('RELEASE append');
          leaves.length = mark; // the leaves of the rolled-back append go with it
          outcomes.push({ error });
        }
      }
      frontier = this.verifiableLog?.appendInTransaction(leaves);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const pending of batch) pending.reject(error);
      return;
    }
    if (frontier) this.verifiableLog?.committed(frontier);
    this.counters.commits += 1;
    this.counters.appends += batch.length;
    this.counters.lastBatchSize = batch.length;
    this.counters.maxBatchSize = Math.max(this.counters.maxBatchSize, batch.length);
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) pending.resolve(outcome.ok);
      else pending.reject(outcome.error);
    });
    const info: CommitInfo = { batchSize: batch.length, durationMs: performance.now() - started };
    this.commits.emit(COMMIT, info);
  }

  /** Sees the effect of earlier appends of the same transaction, so a batch behaves as if serial. */
  private appendInTransaction(
    { streamId, events, expectedRevision }: StreamAppend,
    recordedAt: string,
    leaves: LeafToAppend[],
  ): AppendResult {
    const current = this.statements.currentRevision.get(streamId)?.revision ?? -1;
    if (!satisfies(expectedRevision, current)) {
      // A retry after a lost reply must succeed, so the earlier write wins over the revision check.
      const earlier = this.findEarlierAppend(streamId, events);
      if (earlier) return earlier;
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    }
    let revision = current;
    let position = 0;
    for (const event of events) {
      revision += 1;
      // With the log on, the row keeps the canonical text the leaf is hashed from: one
      // serialisation per event, not two, and none when the domain's sealing handed it over (then
      // with the log off too: it is as good a text as JSON.stringify's). Inside the append's
      // savepoint: data with no canonical form fails this append only. Every text parses to the
      // same value (`jejak verify` checks).
      const data =
        event.canonicalData ??
        (this.verifiableLog ? fastCanonicalJson(event.data) : JSON.stringify(event.data));
      try {
        position = Number(
          this.statements.insert.run(
            streamId,
            revision,
            event.eventId,
            event.type,
            data,
            JSON.stringify(event.metadata ?? {}),
            recordedAt,
          ).lastInsertRowid,
        );
      } catch (error) {
        if (!isUniqueEventIdViolation(error)) throw error;
        // Only the first event can be a retry: anything written before it belongs to this append.
        const earlier = revision === current + 1 ? this.findEarlierAppend(streamId, events) : null;
        if (earlier) return earlier;
        throw new DuplicateEventIdError(event.eventId);
      }
      if (this.verifiableLog) leaves.push({ position, leafHash: leafHashOfCanonicalText(data) });
    }
    return { revision, position: String(position) };
  }

  /**
   * The original result when these exact events (ids, type, data) were already appended to this
   * stream; null when the first id is unknown; DuplicateEventIdError when ids clash otherwise.
   */
  private findEarlierAppend(streamId: string, events: EventToAppend[]): AppendResult | null {
    const first = this.statements.byEventId.get(events[0].eventId);
    if (!first) return null;
    let last = first;
    events.forEach((event, i) => {
      const row = i === 0 ? first : this.statements.byEventId.get(event.eventId);
      const same =
        row !== undefined &&
        row.stream_id === streamId &&
        row.revision === first.revision + i &&
        row.type === event.type &&
        sameData(row.data, event.data);
      if (!same) throw new DuplicateEventIdError(event.eventId);
      last = row;
    });
    return { revision: last.revision, position: String(last.position) };
  }

  private pageStatement(prefixCount: number): Database.Statement<unknown[], PageRow> {
    let statement = this.pageStatements.get(prefixCount);
    if (!statement) {
      const filter =
        prefixCount === 0
          ? ''
          : ` AND (${Array.from({ length: prefixCount }, () => 'substr(stream_id, 1, ?) = ?').join(' OR ')})`;
      statement = this.db
        .prepare<unknown[], PageRow>(
          `SELECT ${PAGE_COLUMNS} FROM events WHERE position > ?${filter} ORDER BY position LIMIT ?`,
        )
        .raw(true);
      this.pageStatements.set(prefixCount, statement);
    }
    return statement;
  }
}
