import Database from 'better-sqlite3';
import { eventLeafHash } from '@jejak/verifiable-log';
import type { EventStore, RecordedEvent, Subscription } from '../event-store.port';
import { SqliteMerkleLog, type LeafToAppend } from '../sqlite/sqlite-merkle-log';
import { configureConnection, createSchema } from '../sqlite/sqlite-schema';
import { hasVerifiableLog, type WithVerifiableLog } from './verifiable-log-storage';

/**
 * The verifiable log of a store that cannot keep it in its own append transaction (KurrentDB):
 * a local SQLite file fed by a subscription to every committed event, in commit order, each batch
 * durable (synchronous=FULL) right after the events' own commit. The file keeps a mirror of each
 * event's place (position, stream, revision; not its data) so stream heads can be derived.
 * A restart resumes after the last mirrored position; nothing is skipped or taken twice.
 */
export class SubscribedMerkleLog {
  readonly storage: SqliteMerkleLog;
  private readonly db: Database.Database;
  private readonly mirror: Database.Statement<[number, string, number, string, string, string]>;
  private subscription: Subscription | null = null;
  private pending: RecordedEvent[] = [];
  private flushScheduled = false;

  constructor(
    private readonly source: EventStore,
    filename: string,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.db = new Database(filename);
    configureConnection(this.db, 'FULL');
    createSchema(this.db);
    this.storage = new SqliteMerkleLog(this.db);
    this.mirror = this.db.prepare(
      `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, '{}', '{}', ?)`,
    );
  }

  start(): void {
    const last = this.db
      .prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events')
      .get();
    this.subscription = this.source.subscribeToAll({
      after: last?.position ? String(last.position) : null,
      onEvent: (event) => {
        this.pending.push(event);
        this.scheduleFlush();
      },
      onError: this.onError,
    });
  }

  /** Stops the subscription, writes what it delivered, closes the file. */
  async close(): Promise<void> {
    await this.subscription?.stop();
    this.flush();
    this.db.close();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0 || !this.db.open) return;
    try {
      const frontier = this.db
        .transaction(() => {
          const leaves: LeafToAppend[] = batch.map((event) => {
            const position = Number(event.position);
            this.mirror.run(
              position,
              event.streamId,
              event.revision,
              event.eventId,
              event.type,
              event.recordedAt,
            );
            return { position, leafHash: eventLeafHash(event.data) };
          });
          return this.storage.appendInTransaction(leaves);
        })
        .immediate();
      this.storage.committed(frontier);
    } catch (error) {
      this.onError(error as Error);
    }
  }
}

/**
 * Gives a store without a log of its own (KurrentDB) a subscribed one in `filename`: the store
 * gains `verifiableLog`, and its close() closes the log first. Only one process may feed a file
 * (the service; not the CLI), so this is called by the service's composition root.
 */
export function withSubscribedLog(
  store: EventStore,
  filename: string,
  onError?: (error: Error) => void,
): EventStore & WithVerifiableLog {
  if (hasVerifiableLog(store)) return store;
  const log = new SubscribedMerkleLog(store, filename, onError);
  const closeStore = store.close.bind(store);
  log.start();
  return Object.assign(store, {
    verifiableLog: log.storage,
    close: async (): Promise<void> => {
      await log.close();
      await closeStore();
    },
  });
}
