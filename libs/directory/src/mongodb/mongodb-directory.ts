import { MongoClient, type Db } from 'mongodb';
import { systemClock } from '../person';
import type { Directory } from '../port/directory.port';
import type { DirectoryOptions } from '../sqlite/sqlite-directory';
import { MongoCredentialStore } from './mongodb-credentials.store';
import { MongoDirectoryContext } from './mongodb-directory-context';
import { createDirectoryIndexes, directoryCollections } from './mongodb-directory-documents';
import { DirectorySnapshot } from './mongodb-directory-snapshot';
import { MongoIdempotencyStore } from './mongodb-idempotency.store';
import { MongoAttemptCounterStore } from './mongodb-attempt-counter.store';
import { MongoImportLedgerStore } from './mongodb-import-ledger.store';
import { MongoLocationStore } from './mongodb-locations.store';
import { MongoPeopleStore } from './mongodb-people.store';
import { MongoReleaseCodeStore } from './mongodb-release-codes.store';
import { MongoSessionStore } from './mongodb-sessions.store';
import { MongoShortCodeStore } from './mongodb-short-codes.store';
import { MongoSignatureImageStore, signatureImagesCollection } from './mongodb-signature-images.store';
import { MongoTokenStore } from './mongodb-tokens.store';

const DEFAULT_DATABASE = 'jejak';

/** The database named in the URL's path, else `jejak` (as the read models choose theirs). */
export function directoryDatabaseName(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : DEFAULT_DATABASE;
}

/** The directory's stores over one database, seeded and loaded (see DirectorySnapshot). */
export async function mongoDirectoryOn(
  client: MongoClient,
  db: Db,
  options: DirectoryOptions & { transactions: boolean; closeClient: boolean },
): Promise<Directory> {
  const clock = options.clock ?? systemClock;
  const c = directoryCollections(db);
  await createDirectoryIndexes(c);
  const ctx = new MongoDirectoryContext(client, c, clock, options.transactions);
  const snapshot = new DirectorySnapshot(c);
  const locations = new MongoLocationStore(ctx, snapshot);
  await locations.seedIfEmpty();
  await snapshot.refresh();
  const people = new MongoPeopleStore(ctx, snapshot);
  const importLedger = new MongoImportLedgerStore(db.collection('import_ledger'), clock);
  const attempts = new MongoAttemptCounterStore(db.collection('attempt_counters'));
  await importLedger.createIndexes();
  await attempts.createIndexes();
  return {
    kind: 'mongodb',
    locations,
    people,
    tokens: new MongoTokenStore(ctx, people, options.adminToken),
    sessions: new MongoSessionStore(ctx, options.sessionIdleMs),
    credentials: new MongoCredentialStore(ctx),
    releaseCodes: new MongoReleaseCodeStore(ctx, options.releaseCodeTtlMs),
    signatureImages: new MongoSignatureImageStore(signatureImagesCollection(db), clock),
    shortCodes: new MongoShortCodeStore(c.counters),
    idempotency: new MongoIdempotencyStore(c.idempotency, clock),
    importLedger,
    attempts,
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: async () => {
      if (options.closeClient) await client.close();
    },
  };
}

/**
 * Connects with the URL as given (seed lists, credentials and authSource keep working; `database`
 * overrides only the database, for the contract suite's scratch databases).
 */
export async function connectMongoDirectory(
  url: string,
  options: DirectoryOptions & { database?: string },
): Promise<Directory> {
  const client = new MongoClient(url);
  await client.connect();
  try {
    const db = client.db(options.database ?? directoryDatabaseName(url));
    const hello = await db.admin().command({ hello: 1 });
    // Transactions need a replica set or a sharded cluster; a standalone server has neither.
    const transactions = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
    return await mongoDirectoryOn(client, db, { ...options, transactions, closeClient: true });
  } catch (error) {
    await client.close();
    throw error;
  }
}
