import { MongoServerError } from 'mongodb';
import { describeAttemptCounterContract } from '../testing/attempt-counter.contract';
import { FakeMongoCollection } from '../testing/fake-mongo-collection';
import { describeImportLedgerContract } from '../testing/import-ledger.contract';
import { MongoAttemptCounterStore, type AttemptCounterCollection } from './mongodb-attempt-counter.store';
import { MongoImportLedgerStore, type ImportLedgerCollection } from './mongodb-import-ledger.store';

/*
 * The MongoDB import ledger and attempt counters over a collection that answers as the driver
 * documents (testing/fake-mongo-collection.ts): the same contract cases the SQLite adapter passes,
 * then the driver's answers the stores rely on. With MONGODB_URL the whole directory contract,
 * these cases included, runs on the server too (mongodb-directory.spec.ts).
 */

const ledgerOver = () => {
  let now = Date.parse('2026-12-01T08:00:00.000Z');
  const collection = new FakeMongoCollection();
  const ledger = new MongoImportLedgerStore(
    collection as unknown as ImportLedgerCollection,
    () => new Date(now),
  );
  return { collection, ledger, advance: (ms: number) => (now += ms) };
};

describe('MongoDB import ledger over the documented driver answers', () => {
  let subject: ReturnType<typeof ledgerOver>;
  beforeEach(() => (subject = ledgerOver()));
  describeImportLedgerContract(() => subject);

  const request = { fingerprint: 'f', holder: 'h1', request: null, actorId: 'PA-001', allowDuplicate: false };
  const entry = { importId: 'imp-1', importedAt: '2026-12-01T08:00:00.000Z', imported: 2, actorId: 'PA-001' };

  it('claims with one insert under the unique _id, and records the import before letting go', async () => {
    const { collection, ledger } = subject;
    await ledger.createIndexes();
    expect(collection.indexes.map((i) => i.options)).toContainEqual({
      name: 'expiresAt_1_ttl',
      expireAfterSeconds: 0,
    });
    await ledger.claim(request);
    expect([...collection.docs.keys()]).toEqual(['claim:f']);
    expect(collection.docs.get('claim:f')).toMatchObject({
      holder: 'h1',
      expiresAt: new Date('2026-12-01T08:30:00.000Z'),
    });
    await ledger.complete('f', 'h1', entry);
    expect([...collection.docs.keys()]).toEqual(['import:imp-1']);
  });

  it('a refusal leaves the collection as it was', async () => {
    const { collection, ledger } = subject;
    const snapshot = () => JSON.stringify([...collection.docs.entries()]);
    await ledger.claim(request);
    await ledger.complete('f', 'h1', entry);
    const before = snapshot();
    expect(await ledger.claim({ ...request, holder: 'h2' })).toMatchObject({ ok: false, reason: 'imported' });
    await ledger.claim({ ...request, holder: 'h3', allowDuplicate: true });
    const busy = snapshot();
    expect(await ledger.claim({ ...request, holder: 'h4', allowDuplicate: true })).toMatchObject({
      reason: 'importing',
    });
    expect(snapshot()).toBe(busy);
    await ledger.release('f', 'h3');
    expect(snapshot()).toBe(before);
  });

  it('any other failure of the claim’s insert reaches the caller, claiming nothing', async () => {
    const { collection, ledger } = subject;
    collection.insertOne = async () => {
      throw new MongoServerError({ message: 'not primary', code: 10107 });
    };
    await expect(ledger.claim(request)).rejects.toThrow('not primary');
    expect(collection.docs.size).toBe(0);
  });
});

describe('MongoDB attempt counters over the documented driver answers', () => {
  let collection: FakeMongoCollection;
  let store: MongoAttemptCounterStore;
  beforeEach(() => {
    collection = new FakeMongoCollection();
    store = new MongoAttemptCounterStore(collection as unknown as AttemptCounterCollection);
  });
  describeAttemptCounterContract(() => store);

  const T0 = 1_800_000_000_000;

  it('keeps one document per key with a Date expiry under a TTL index', async () => {
    await store.createIndexes();
    expect(collection.indexes).toEqual([
      { keys: { expiresAt: 1 }, options: { expireAfterSeconds: 0, name: 'expiresAt_1_ttl' } },
    ]);
    await store.increment('sign-in:id:x', T0, 60_000, true);
    await store.increment('sign-in:id:x', T0 + 1, 60_000, true);
    expect([...collection.docs.values()]).toEqual([
      { _id: 'sign-in:id:x', count: 2, firstAt: T0, lastAt: T0 + 1, expiresAt: new Date(T0 + 60_001) },
    ]);
  });

  it('retries once when two upserts of a new key meet (E11000), counting the attempt', async () => {
    const real = collection.findOneAndUpdate.bind(collection);
    let calls = 0;
    collection.findOneAndUpdate = async (...args: Parameters<typeof real>) => {
      calls += 1;
      if (calls === 1) {
        await collection.insertOne({
          _id: 'k',
          count: 1,
          firstAt: T0,
          lastAt: T0,
          expiresAt: new Date(T0 + 60_000),
        });
        throw new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 });
      }
      return real(...args);
    };
    expect(await store.increment('k', T0, 60_000, true)).toMatchObject({ count: 1 });
    expect(await store.get('k', T0)).toMatchObject({ count: 2 });
  });

  it('any other failure reaches the caller', async () => {
    collection.findOneAndUpdate = async () => {
      throw new MongoServerError({ message: 'not primary', code: 10107 });
    };
    await expect(store.increment('k', T0, 60_000, true)).rejects.toThrow('not primary');
  });
});
