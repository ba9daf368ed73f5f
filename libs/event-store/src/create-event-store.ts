import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreConfig {
  /** kurrentdb:// or esdb:// connection string; absent = the embedded SQLite store. */
  eventStoreUrl?: string;
  /** Where the embedded store keeps events.sqlite (created if missing). */
  dataDir: string;
  /** Progress of the one-time build of the verifiable log over events recorded before it existed. */
  onLogCatchUp?: (done: number, total: number) => void;
  /** Check the embedded file with quick_check before use (after an unclean stop). */
  check?: boolean;
}

export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  if (config.eventStoreUrl) {
    const store = new KurrentDbEventStore({ connectionString: config.eventStoreUrl });
    await store.connect();
    return store;
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({
    filename: join(config.dataDir, 'events.sqlite'),
    check: config.check,
    onLogCatchUp: config.onLogCatchUp,
  });
}
