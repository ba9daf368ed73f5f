import { MongoServerError } from 'mongodb';
import { DirectoryError } from '../directory-error';
import type {
  CounterDocument,
  IdempotencyDocument,
  MetaDocument,
  PersonDocument,
} from './mongodb-directory-documents';
import { DirectorySnapshot } from './mongodb-directory-snapshot';
import { isDuplicateKey, takenIdRefusal } from './mongodb-errors';
import { MongoIdempotencyStore } from './mongodb-idempotency.store';
import type { MongoDirectoryContext } from './mongodb-directory-context';
import { claimId, peopleQuery } from './mongodb-people.store';
import { judgeReleaseCode, releaseCodeLookupOf } from '../release-code-judgement';
import { hashCode } from '../short-codes';
import { signatureHashOf } from '../signature-image.store';
import type { ReleaseCodeDocument } from './mongodb-directory-documents';
import { MongoReleaseCodeStore } from './mongodb-release-codes.store';
import {
  MongoSignatureImageStore,
  type SignatureImageCollection,
  type SignatureImageDocument,
} from './mongodb-signature-images.store';
import { MongoShortCodeStore, type CounterCollection } from './mongodb-short-codes.store';

/*
 * The MongoDB adapter's pieces that need no server, against the driver's documented answers: a
 * unique-index violation is a MongoServerError with code 11000; findOneAndUpdate with `upsert` and
 * `returnDocument: 'after'` returns the document as updated (created when missing). The whole
 * adapter runs the directory contract only when MONGODB_URL is set.
 */

const duplicateKey = () =>
  new MongoServerError({ message: 'E11000 duplicate key error collection: jejak.idempotency', code: 11000 });

describe('MongoDB directory: duplicate keys', () => {
  it('recognises the driver’s E11000 error, and nothing else, as a duplicate key', () => {
    expect(isDuplicateKey(duplicateKey())).toBe(true);
    expect(isDuplicateKey(new MongoServerError({ message: 'WriteConflict', code: 112 }))).toBe(false);
    expect(isDuplicateKey(new Error('E11000 in the text only'))).toBe(false);
  });

  it('answers a taken id with the refusal of its holder’s kind', () => {
    const kind = (e: DirectoryError) => [e.kind, e.field];
    expect(kind(takenIdRefusal('person', 'place', 'kec-setu'))).toEqual(['id-is-a-place', 'id']);
    expect(kind(takenIdRefusal('place', 'person', 'KURIR-1'))).toEqual(['id-is-a-person', 'id']);
    expect(kind(takenIdRefusal('person', 'person', 'KURIR-1'))).toEqual(['already-exists', 'id']);
    expect(kind(takenIdRefusal('place', undefined, 'x'))).toEqual(['already-exists', 'id']);
  });
});

describe('MongoDB directory: claiming an id', () => {
  /** `directory_ids` as the driver answers: an insert of a taken _id throws E11000. */
  const contextWith = (taken: Record<string, 'person' | 'place'>) =>
    ({
      c: {
        ids: {
          insertOne: async (doc: { _id: string }) => {
            if (taken[doc._id]) throw duplicateKey();
            return { acknowledged: true, insertedId: doc._id };
          },
          findOne: async ({ _id }: { _id: string }) => (taken[_id] ? { _id, kind: taken[_id] } : null),
        },
      },
    }) as unknown as MongoDirectoryContext;

  const refusalOf = async (claim: Promise<void>) => {
    try {
      await claim;
      return undefined;
    } catch (error) {
      return error instanceof DirectoryError ? error.kind : error;
    }
  };

  it('maps the DuplicateKey of a taken id to the refusal the SQLite adapter gives', async () => {
    const ctx = contextWith({ 'kec-setu': 'place', 'KURIR-1': 'person' });
    expect(await refusalOf(claimId(ctx, 'kec-setu', 'person', {}))).toBe('id-is-a-place');
    expect(await refusalOf(claimId(ctx, 'KURIR-1', 'place', {}))).toBe('id-is-a-person');
    expect(await refusalOf(claimId(ctx, 'KURIR-1', 'person', {}))).toBe('already-exists');
    expect(await refusalOf(claimId(ctx, 'KURIR-2', 'person', {}))).toBeUndefined();
  });
});

describe('MongoDB directory: idempotency records', () => {
  const record = { tokenId: 't', key: 'k', requestHash: 'h', status: 201, body: 'sealed' };
  const clock = () => new Date('2026-12-01T08:00:00.000Z');

  function fakeCollection(fail?: () => Error) {
    const docs: IdempotencyDocument[] = [];
    return {
      docs,
      findOne: async (f: { tokenId: string; key: string }) =>
        docs.find((d) => d.tokenId === f.tokenId && d.key === f.key) ?? null,
      insertOne: async (doc: IdempotencyDocument) => {
        if (fail) throw fail();
        if (docs.some((d) => d.tokenId === doc.tokenId && d.key === doc.key)) throw duplicateKey();
        docs.push(doc);
      },
    };
  }

  it('a second save of a key (DuplicateKey from the unique index) keeps the first answer', async () => {
    const collection = fakeCollection();
    const store = new MongoIdempotencyStore(collection, clock);
    await store.save(record);
    await expect(store.save({ ...record, requestHash: 'other', body: 'other' })).resolves.toBeUndefined();
    expect(await store.find('t', 'k')).toEqual(record);
    expect(collection.docs).toHaveLength(1);
  });

  it('any other failure of the insert reaches the caller', async () => {
    const store = new MongoIdempotencyStore(
      fakeCollection(() => new MongoServerError({ message: 'not primary', code: 10107 })),
      clock,
    );
    await expect(store.save(record)).rejects.toThrow('not primary');
  });
});

describe('MongoDB directory: short-code counters', () => {
  /** findOneAndUpdate as documented: $inc on the one document, created by the upsert if missing. */
  function fakeCounters(): CounterCollection & { calls: number } {
    const docs = new Map<string, CounterDocument>();
    const fake = {
      calls: 0,
      findOneAndUpdate: async (
        filter: { _id: string },
        update: { $inc: { last: number }; $setOnInsert: { prefix: string; year: number } },
      ) => {
        fake.calls += 1;
        await new Promise((resolve) => setImmediate(resolve));
        const doc = docs.get(filter._id) ?? { _id: filter._id, ...update.$setOnInsert, last: 0 };
        doc.last += update.$inc.last;
        docs.set(filter._id, doc);
        return { ...doc };
      },
    };
    return fake;
  }
  const at = '2026-06-01T03:00:00.000Z';

  it('takes one $inc per prefix and year for a batch, and hands the numbers out in order', async () => {
    const counters = fakeCounters();
    const store = new MongoShortCodeStore(counters);
    await store.reserve([
      { originUnitId: 'kec-setu', occurredAt: at },
      { originUnitId: 'kec-babelan', occurredAt: at },
      { originUnitId: 'kec-setu', occurredAt: at },
    ]);
    expect(counters.calls).toBe(2);
    expect(store.assign('kec-setu', at)).toBe('SET-2026-00001');
    expect(store.assign('kec-setu', at)).toBe('SET-2026-00002');
    expect(store.assign('kec-babelan', at)).toBe('BBL-2026-00001');
  });

  it('two replicas on one counter never hand out the same number', async () => {
    const counters = fakeCounters();
    const replicas = [new MongoShortCodeStore(counters), new MongoShortCodeStore(counters)];
    const codes = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const replica = replicas[i % 2];
        await replica.reserve([{ originUnitId: 'kec-setu', occurredAt: at }]);
        return replica.assign('kec-setu', at);
      }),
    );
    expect(new Set(codes).size).toBe(40);
  });

  it('refuses to assign a number that was not reserved (a year with no reservation)', async () => {
    const store = new MongoShortCodeStore(fakeCounters());
    await store.reserve([{ originUnitId: 'kec-setu', occurredAt: at }]);
    expect(() => store.assign('kec-setu', '2027-06-01T03:00:00.000Z')).toThrow('no short code reserved');
  });
});

describe('MongoDB directory: the snapshot of people and places', () => {
  function fakeSources() {
    const state = { version: 0, reads: 0, loads: 0, people: [] as PersonDocument[] };
    const sources = {
      meta: {
        findOne: async (): Promise<MetaDocument | null> => {
          state.reads += 1;
          return state.version === 0 ? null : { _id: 'version', n: state.version };
        },
      },
      people: {
        find: () => ({
          toArray: async () => {
            state.loads += 1;
            return state.people.map((p) => ({ ...p }));
          },
        }),
      },
      locations: { find: () => ({ toArray: async () => [] }) },
    };
    return { state, sources };
  }
  const person = (active: boolean): PersonDocument => ({
    _id: 'KURIR-1',
    name: 'Budi',
    jabatan: null,
    nip: null,
    unitId: null,
    role: 'courier',
    active,
    createdAt: '',
    createdBy: '',
    updatedAt: '',
    updatedBy: '',
  });

  it('reloads only when the version moved, so another replica’s deactivation is seen', async () => {
    const { state, sources } = fakeSources();
    const snapshot = new DirectorySnapshot(sources);
    state.people = [person(true)];
    await snapshot.refresh();
    await snapshot.refresh();
    expect(state.loads).toBe(1);
    expect(snapshot.people.get('KURIR-1')?.active).toBe(true);
    state.people = [person(false)];
    state.version = 1;
    await snapshot.refresh();
    expect(state.loads).toBe(2);
    expect(snapshot.people.get('KURIR-1')?.active).toBe(false);
  });

  it('a refresh asked during a load waits for a later load; concurrent askers share it', async () => {
    const { state, sources } = fakeSources();
    const snapshot = new DirectorySnapshot(sources);
    const first = snapshot.refresh();
    state.version = 1;
    state.people = [person(false)];
    const second = [snapshot.refresh(), snapshot.refresh(), snapshot.refresh()];
    await first;
    await Promise.all(second);
    expect(state.reads).toBe(2);
    expect(snapshot.people.get('KURIR-1')?.active).toBe(false);
  });
});

describe('MongoDB directory: queries and answers', () => {
  it('searches people by id, name, NIP and jabatan as text, never as a pattern', () => {
    expect(peopleQuery({ q: 'a.b*', active: true, after: 'X' })).toEqual({
      active: true,
      _id: { $gt: 'X' },
      $or: ['_id', 'name', 'nip', 'jabatan'].map((field) => ({
        [field]: { $regex: 'a\\.b\\*', $options: 'i' },
      })),
    });
  });
});

describe('MongoDB directory: release codes', () => {
  const record = {
    id: 'rc-1',
    placeId: 'kec-setu',
    issuedBy: 'O-1',
    issuedAt: '2026-12-01T08:00:00.000Z',
    expiresAt: '2026-12-01T08:10:00.000Z',
    courierId: 'KURIR-1' as string | null,
  };
  const use = (courierId: string, at = '2026-12-01T08:05:00.000Z') => ({
    code: 'ABC234',
    placeId: 'kec-setu',
    courierId,
    at,
  });
  const now = new Date('2026-12-01T09:00:00.000Z');

  it('judges at the handover’s time: bound to another courier, expired, or not yet issued is refused', () => {
    expect(judgeReleaseCode(record, use('KURIR-1'), now)).toMatchObject({ valid: true, issuedBy: 'O-1' });
    expect(judgeReleaseCode(record, use('KURIR-2'), now)).toEqual({
      valid: false,
      reason: 'used-by-another-courier',
    });
    expect(judgeReleaseCode(record, use('KURIR-1', record.expiresAt), now)).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(judgeReleaseCode(record, use('KURIR-1', '2026-12-01T07:50:00.000Z'), now)).toEqual({
      valid: false,
      reason: 'not-yet-issued',
    });
    expect(judgeReleaseCode(undefined, use('KURIR-1'), now)).toEqual({ valid: false, reason: 'unknown' });
  });

  it('the decision’s lookup answers the newest code of the place, and only for the code gathered', () => {
    const older = { ...record, id: 'rc-0', issuedAt: '2026-12-01T07:00:00.000Z', courierId: null };
    const elsewhere = { ...record, id: 'rc-2', placeId: 'kec-babelan', courierId: null };
    const lookup = releaseCodeLookupOf('abc-234', [elsewhere, older, record], now);
    expect(lookup(use('KURIR-2'))).toEqual({ valid: false, reason: 'used-by-another-courier' });
    expect(lookup(use('KURIR-1'))).toEqual({ valid: true, issuedBy: 'O-1' });
    expect(lookup({ ...use('KURIR-2'), placeId: 'kec-babelan' })).toEqual({ valid: true, issuedBy: 'O-1' });
    expect(lookup({ ...use('KURIR-1'), code: 'XYZ789' })).toEqual({ valid: false, reason: 'unknown' });
  });

  /**
   * `directory_release_codes` as the driver answers: findOne with a sort returns the first match
   * in that order; findOneAndUpdate applies `$set` to the first match of the filter and returns it
   * (`returnDocument: 'after'`), or null when nothing matches. Each call yields first, so calls
   * from "two replicas" interleave as they would over the network.
   */
  function fakeReleaseCodes(docs: ReleaseCodeDocument[]) {
    const matches = (doc: ReleaseCodeDocument, filter: Record<string, unknown>) =>
      Object.entries(filter).every(([key, value]) => doc[key as keyof ReleaseCodeDocument] === value);
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const newestFirst = () => [...docs].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    const audits: unknown[] = [];
    const releaseCodes = {
      findOne: async (filter: Record<string, unknown>) => {
        await tick();
        const found = newestFirst().find((doc) => matches(doc, filter));
        return found ? { ...found } : null;
      },
      find: (filter: Record<string, unknown>) => ({
        toArray: async () => newestFirst().filter((doc) => matches(doc, filter)),
      }),
      findOneAndUpdate: async (
        filter: Record<string, unknown>,
        update: { $set: Partial<ReleaseCodeDocument> },
      ) => {
        await tick();
        const found = docs.find((doc) => matches(doc, filter));
        if (!found) return null;
        Object.assign(found, update.$set);
        return { ...found };
      },
    };
    const ctx = {
      c: { releaseCodes },
      clock: () => now,
      audit: async (entry: unknown) => void audits.push(entry),
    } as unknown as MongoDirectoryContext;
    return { ctx, audits };
  }
  const stored = (id: string, placeId: string, issuedAt: string): ReleaseCodeDocument => ({
    _id: id,
    codeHash: hashCode('ABC234'),
    placeId,
    issuedBy: 'O-1',
    issuedAt,
    expiresAt: '2026-12-01T08:10:00.000Z',
    courierId: null,
    firstUsedAt: null,
  });

  it('finds every code of a text, at any place, newest first, binding none', async () => {
    const docs = [
      stored('rc-1', 'kec-setu', '2026-12-01T08:00:00.000Z'),
      stored('rc-2', 'kec-babelan', '2026-12-01T08:01:00.000Z'),
    ];
    const store = new MongoReleaseCodeStore(fakeReleaseCodes(docs).ctx);
    expect((await store.find('abc234')).map((r) => [r.id, r.placeId, r.courierId])).toEqual([
      ['rc-2', 'kec-babelan', null],
      ['rc-1', 'kec-setu', null],
    ]);
    expect(await store.find('XYZ789')).toEqual([]);
  });

  it('of couriers binding one code on two replicas, one gets it; the other is refused', async () => {
    const docs = [stored('rc-1', 'kec-setu', '2026-12-01T08:00:00.000Z')];
    const { ctx, audits } = fakeReleaseCodes(docs);
    const replicas = [new MongoReleaseCodeStore(ctx), new MongoReleaseCodeStore(ctx)];
    const answers = await Promise.all(
      ['KURIR-1', 'KURIR-2'].map((courierId, i) => replicas[i].check(use(courierId))),
    );
    expect(answers.filter((a) => a.valid)).toHaveLength(1);
    expect(answers.filter((a) => !a.valid)).toEqual([{ valid: false, reason: 'used-by-another-courier' }]);
    expect(audits).toHaveLength(1);
  });

  it('the same courier on two replicas at once (a retried sync) is answered valid by both', async () => {
    const docs = [stored('rc-1', 'kec-setu', '2026-12-01T08:00:00.000Z')];
    const { ctx, audits } = fakeReleaseCodes(docs);
    const replicas = [new MongoReleaseCodeStore(ctx), new MongoReleaseCodeStore(ctx)];
    const answers = await Promise.all(replicas.map((replica) => replica.check(use('KURIR-1'))));
    expect(answers.map((a) => a.valid)).toEqual([true, true]);
    expect(docs[0].courierId).toBe('KURIR-1');
    expect(audits).toHaveLength(1);
  });

  it('an offline handover synced after the code expired still binds it, judged at its time', async () => {
    const docs = [stored('rc-1', 'kec-setu', '2026-12-01T08:00:00.000Z')];
    const store = new MongoReleaseCodeStore(fakeReleaseCodes(docs).ctx);
    expect(await store.check(use('KURIR-1', '2026-12-01T08:09:00.000Z'))).toMatchObject({ valid: true });
    expect(docs[0].courierId).toBe('KURIR-1');
    expect(await store.check(use('KURIR-2', '2026-12-01T08:12:00.000Z'))).toEqual({
      valid: false,
      reason: 'expired',
    });
  });
});

describe('MongoDB directory: drawn signatures', () => {
  /** `directory_signature_images` as the driver answers: an upsert with only $setOnInsert keeps the first. */
  function fakeImages(fail?: () => Error) {
    const docs = new Map<string, SignatureImageDocument>();
    const collection: SignatureImageCollection = {
      updateOne: async (filter, update) => {
        if (fail) throw fail();
        if (!docs.has(filter._id)) docs.set(filter._id, { _id: filter._id, ...update.$setOnInsert });
      },
      findOne: async (filter) => docs.get(filter._id) ?? null,
    };
    return { docs, collection };
  }
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const clock = () => new Date('2026-12-01T08:00:00.000Z');

  it('keeps an image once under its hash, gives it back as it was drawn, refuses a mismatch', async () => {
    const { docs, collection } = fakeImages();
    const store = new MongoSignatureImageStore(collection, clock);
    const hash = signatureHashOf(png);
    await store.keep({ hash, png }, 'KURIR-A');
    await store.keep({ hash, png }, 'KURIR-B');
    expect((await store.get(hash))?.equals(png)).toBe(true);
    expect([...docs.values()].map((d) => d.keptBy)).toEqual(['KURIR-A']);
    await expect(store.keep({ hash: '0'.repeat(64), png }, 'KURIR-A')).rejects.toThrow(/does not match/);
    expect(await store.get('0'.repeat(64))).toBeUndefined();
    expect(docs.size).toBe(1);
  });

  it('two replicas keeping one image at once (DuplicateKey of the upsert) keep it once; other errors reach the caller', async () => {
    const hash = signatureHashOf(png);
    const raced = new MongoSignatureImageStore(fakeImages(duplicateKey).collection, clock);
    await expect(raced.keep({ hash, png }, 'KURIR-A')).resolves.toBeUndefined();
    const down = new MongoSignatureImageStore(
      fakeImages(() => new MongoServerError({ message: 'not primary', code: 10107 })).collection,
      clock,
    );
    await expect(down.keep({ hash, png }, 'KURIR-A')).rejects.toThrow('not primary');
  });
});
