import { ApiError, newKey, post, type Problem } from './api';

/**
 * The courier's outbox (web-app.md "Offline"): an action taken without signal is kept in IndexedDB
 * with its own Idempotency-Key and the time it was taken as `occurredAt`, and sent in order when the
 * phone is online again (on reconnect, at start, and every 30 s). A retry repeats the same key, so
 * however often it is sent it is recorded once; a refusal is kept with the server's reason.
 */
export interface OutboxEntry {
  key: string;
  path: string;
  body: Record<string, unknown>;
  label: string;
  takenAt: string;
}
export interface Refused {
  entry: OutboxEntry;
  problem: Problem;
}

const DB = 'jejak-outbox';
const STORE = 'actions';
let db: Promise<IDBDatabase> | null = null;
const open = (): Promise<IDBDatabase> =>
  (db ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }));

function tx<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (database) =>
      new Promise<T>((resolve, reject) => {
        const transaction = database.transaction(STORE, mode);
        const request = work(transaction.objectStore(STORE));
        // Done only once committed: a page closed right after "saved" must not lose the action.
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      }),
  );
}

type Row = OutboxEntry & { seq: number };
const all = () => tx<Row[]>('readonly', (s) => s.getAll() as IDBRequest<Row[]>);

let waiting = 0;
let lastSync: string | null = null;
const refused: Refused[] = [];
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

export const outboxState = () => ({ waiting, lastSync, refused: [...refused] });
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function recount(): Promise<void> {
  waiting = (await all()).length;
  changed();
}

/** Sends now when it can; keeps the action for later when there is no signal. */
export async function send(
  path: string,
  body: Record<string, unknown>,
  label: string,
): Promise<'sent' | 'queued'> {
  const entry: OutboxEntry = {
    key: newKey(),
    path,
    body: { ...body, occurredAt: new Date().toISOString() },
    label,
    takenAt: new Date().toISOString(),
  };
  if (navigator.onLine && waiting === 0) {
    try {
      await post(entry.path, entry.body, entry.key);
      lastSync = new Date().toISOString();
      changed();
      return 'sent';
    } catch (error) {
      if (!(error instanceof ApiError && error.problem.code === 'network')) throw error;
    }
  }
  await tx('readwrite', (s) => s.add(entry));
  await recount();
  return 'queued';
}

let flushing: Promise<void> | null = null;
/** Sends what waits, oldest first; stops at the first action that still cannot reach the server. */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const row of await all()) {
        try {
          await post(row.path, row.body, row.key);
        } catch (error) {
          if (error instanceof ApiError && error.problem.code === 'network') return;
          refused.push({
            entry: row,
            problem: error instanceof ApiError ? error.problem : { status: 0, code: 'app' },
          });
        }
        await tx('readwrite', (s) => s.delete(row.seq));
        lastSync = new Date().toISOString();
        await recount();
      }
    } finally {
      flushing = null;
      await recount();
    }
  })();
  return flushing;
}

export function startOutbox(): void {
  addEventListener('online', () => void flush());
  setInterval(() => {
    if (navigator.onLine) void flush();
  }, 30_000);
  void recount().then(() => {
    if (navigator.onLine) void flush();
  });
}
