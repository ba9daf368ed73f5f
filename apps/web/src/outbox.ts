import { ApiError, newKey, post, type Problem } from './api';

/**
 * The courier's outbox (web-app.md "Offline"): every action is first kept in IndexedDB with its own
 * Idempotency-Key and the time it was taken (the scan's time) as `occurredAt`, then sent in order:
 * at once when there is signal, else on reconnect, at start and every 30 s. A retry repeats the same
 * key, so however often it is sent it is recorded once. A refusal is kept, with the server's reason,
 * until the courier dismisses it (it survives a reload too).
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
const REFUSED = 'refused';
/** domain.md: recorded more than an hour after it occurred, an event is marked late in the trail. */
const LATE_MS = 60 * 60 * 1000;

let db: Promise<IDBDatabase> | null = null;
const open = (): Promise<IDBDatabase> =>
  (db ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 2);
    request.onupgradeneeded = () => {
      const names = request.result.objectStoreNames;
      if (!names.contains(STORE))
        request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
      if (!names.contains(REFUSED)) request.result.createObjectStore(REFUSED, { keyPath: 'entry.key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      db = null;
      reject(request.error);
    };
  }));

function tx<T>(
  store: string,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return open().then(
    (database) =>
      new Promise<T>((resolve, reject) => {
        const transaction = database.transaction(store, mode);
        const request = work(transaction.objectStore(store));
        // Done only once committed: a page closed right after "saved" must not lose the action.
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      }),
  );
}

type Row = OutboxEntry & { seq: number };
const all = () => tx<Row[]>(STORE, 'readonly', (s) => s.getAll() as IDBRequest<Row[]>);

/** null until IndexedDB has been read: "0 waiting" is never shown before it is known. */
let waiting: number | null = null;
let lastSync: string | null = null;
let late = 0;
let refused: Refused[] = [];
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

export const outboxState = () => ({ waiting, lastSync, late, refused: [...refused] });
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function recount(): Promise<void> {
  const [rows, kept] = await Promise.all([
    all(),
    tx<Refused[]>(REFUSED, 'readonly', (s) => s.getAll() as IDBRequest<Refused[]>),
  ]);
  waiting = rows.length;
  refused = kept;
  changed();
}

/** The courier has read a refusal and dealt with it. */
export async function dismiss(key: string): Promise<void> {
  await tx(REFUSED, 'readwrite', (s) => s.delete(key));
  await recount();
}

/** A refusal worth retrying later rather than showing as final: no signal, the server busy or down. */
const transient = (problem: Problem) =>
  problem.code === 'network' ||
  problem.code === 'unauthenticated' ||
  problem.code === 'rate-limited' ||
  problem.code === 'projection-lagging' ||
  problem.code === 'shutting-down' ||
  problem.status >= 500;

/**
 * Keeps the action, then sends what waits if there is signal. 'sent' when it reached the server,
 * 'queued' when it waits on the phone; a refusal of this very action is thrown (and not kept), so
 * the screen that took it can say why at once.
 */
export async function send(
  path: string,
  body: Record<string, unknown>,
  label: string,
  takenAt = new Date(),
): Promise<'sent' | 'queued'> {
  const entry: OutboxEntry = {
    key: newKey(),
    path,
    body: { ...body, occurredAt: takenAt.toISOString() },
    label,
    takenAt: takenAt.toISOString(),
  };
  await tx(STORE, 'readwrite', (s) => s.add(entry));
  await recount();
  if (!navigator.onLine) return 'queued';
  await flush();
  const own = refused.find((r) => r.entry.key === entry.key);
  if (own) {
    await dismiss(entry.key);
    throw new ApiError(own.problem);
  }
  const still = (await all()).some((row) => row.key === entry.key);
  return still ? 'queued' : 'sent';
}

let flushing: Promise<void> | null = null;
let again = false;
let retries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The signal often comes back in stages (the 'online' event before the first request gets through,
 * a weak link between desa): a round stopped by the network is tried again soon, 1 s, 2 s, 4 s…
 * up to the 30 s of the periodic round.
 */
function retrySoon(): void {
  clearTimeout(retryTimer);
  if (!navigator.onLine) return;
  retryTimer = setTimeout(() => void flush(), Math.min(30_000, 1000 * 2 ** retries++));
}

/** Sends what waits, oldest first, until nothing waits or the server cannot be reached. */
export function flush(): Promise<void> {
  if (flushing) {
    // An action kept while a round was under way goes out in the next round of the same flush.
    again = true;
    return flushing;
  }
  flushing = (async () => {
    try {
      do {
        again = false;
        for (const row of await all()) {
          try {
            await post(row.path, row.body, row.key);
          } catch (error) {
            const problem: Problem = error instanceof ApiError ? error.problem : { status: 0, code: 'app' };
            if (transient(problem)) return retrySoon();
            await tx(REFUSED, 'readwrite', (s) => s.put({ entry: row, problem }));
          }
          await tx(STORE, 'readwrite', (s) => s.delete(row.seq));
          retries = 0;
          const now = new Date();
          if (now.getTime() - Date.parse(row.takenAt) > LATE_MS) late++;
          lastSync = now.toISOString();
          await recount();
        }
      } while (again);
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
