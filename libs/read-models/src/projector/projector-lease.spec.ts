import { LeasedProjector, type LeasableProjector } from './leased-projector';
import { ProjectorLease, type LeaseCollection, type LeaseDocument } from './projector-lease';

/**
 * A collection with findOneAndUpdate as the driver documents it for the lease's filter
 * `{ _id, $or: [{ holder }, { expiresAt: { $lte } }] }`: the matching document is updated; with
 * upsert and no match, a document with that _id is inserted, or DuplicateKey (11000) is thrown when
 * one exists. `down` makes every call fail as an unreachable server does.
 */
function fakeLeases() {
  const docs = new Map<string, LeaseDocument>();
  const state = { down: false };
  type LeaseFilter = { _id: string; $or: [{ holder: string }, { expiresAt: { $lte: number } }] };
  const matches = (doc: LeaseDocument, f: LeaseFilter) =>
    doc.holder === f.$or[0].holder || doc.expiresAt <= f.$or[1].expiresAt.$lte;
  const collection: LeaseCollection = {
    findOneAndUpdate: async (filter, update, options) => {
      if (state.down) throw new Error('server selection timed out');
      const f = filter as LeaseFilter;
      const doc = docs.get(f._id);
      if (doc && matches(doc, f)) {
        Object.assign(doc, update.$set);
        return { ...doc };
      }
      if (!options.upsert) return null;
      if (doc) throw Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });
      const inserted = { _id: f._id, ...update.$set };
      docs.set(f._id, inserted);
      return { ...inserted };
    },
    updateOne: async (filter, update) => {
      const f = filter as { _id: string; holder: string };
      const doc = docs.get(f._id);
      if (doc && doc.holder === f.holder) Object.assign(doc, update.$set);
    },
  };
  return { collection, docs, state };
}

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('ProjectorLease', () => {
  it('the first replica takes it; the second is refused while it is renewed', async () => {
    const { collection } = fakeLeases();
    const time = clock();
    const a = new ProjectorLease(collection, { holderId: 'a', ttlMs: 15_000, clock: time.now });
    const b = new ProjectorLease(collection, { holderId: 'b', ttlMs: 15_000, clock: time.now });
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    time.advance(10_000);
    expect(await a.acquire()).toBe(true);
    time.advance(10_000);
    expect(await b.acquire()).toBe(false);
    expect(a.holds()).toBe(true);
    expect(b.holds()).toBe(false);
  });

  it('a standby takes over once the holder stopped renewing for the TTL', async () => {
    const { collection, docs } = fakeLeases();
    const time = clock();
    const a = new ProjectorLease(collection, { holderId: 'a', ttlMs: 15_000, clock: time.now });
    const b = new ProjectorLease(collection, { holderId: 'b', ttlMs: 15_000, clock: time.now });
    await a.acquire();
    time.advance(14_999);
    expect(await b.acquire()).toBe(false);
    time.advance(1);
    expect(a.holds()).toBe(false);
    expect(await b.acquire()).toBe(true);
    expect(docs.get('projector')?.holder).toBe('b');
    expect(await a.acquire()).toBe(false);
  });

  it('a released lease is free at once', async () => {
    const { collection } = fakeLeases();
    const time = clock();
    const a = new ProjectorLease(collection, { holderId: 'a', clock: time.now });
    const b = new ProjectorLease(collection, { holderId: 'b', clock: time.now });
    await a.acquire();
    await a.release();
    expect(await b.acquire()).toBe(true);
  });

  it('an unreachable server is an error, and the lease is no longer held', async () => {
    const { collection, state } = fakeLeases();
    const a = new ProjectorLease(collection, { holderId: 'a', clock: clock().now });
    await a.acquire();
    state.down = true;
    await expect(a.acquire()).rejects.toThrow('server selection');
    expect(a.holds()).toBe(false);
  });
});

describe('LeasedProjector', () => {
  function fakeProjector(): LeasableProjector & { starts: number; stops: number } {
    const p = {
      starts: 0,
      stops: 0,
      running: false,
      start: async () => {
        p.starts += 1;
        p.running = true;
      },
      stop: async () => {
        p.stops += 1;
        p.running = false;
      },
      waitForPosition: async () => true,
      appliedPosition: () => '7',
      isRunning: () => p.running,
      problem: () => null,
    };
    return p;
  }
  const readModels = { appliedPosition: async () => '5' };

  it('only the holder projects; the standby is ready and reads the shared checkpoint', async () => {
    const { collection } = fakeLeases();
    const time = clock();
    const pa = fakeProjector();
    const pb = fakeProjector();
    const a = new LeasedProjector(
      new ProjectorLease(collection, { holderId: 'a', clock: time.now }),
      pa,
      readModels,
    );
    const b = new LeasedProjector(
      new ProjectorLease(collection, { holderId: 'b', clock: time.now }),
      pb,
      readModels,
    );
    await a.start();
    await b.start();
    expect([a.role(), b.role()]).toEqual(['active', 'standby']);
    expect([pa.starts, pb.starts]).toEqual([1, 0]);
    expect(b.isRunning()).toBe(true);
    expect([a.appliedPosition(), b.appliedPosition()]).toEqual(['7', null]);
    expect(await b.waitForPosition('5', 0)).toBe(true);
    expect(await b.waitForPosition('6', 0)).toBe(false);
    await a.stop();
    await b.stop();
  });

  it('when the holder dies, the standby takes over after the TTL and starts its projector', async () => {
    const { collection } = fakeLeases();
    const time = clock();
    const pa = fakeProjector();
    const pb = fakeProjector();
    const a = new LeasedProjector(
      new ProjectorLease(collection, { holderId: 'a', ttlMs: 15_000, clock: time.now }),
      pa,
      readModels,
    );
    const b = new LeasedProjector(
      new ProjectorLease(collection, { holderId: 'b', ttlMs: 15_000, clock: time.now }),
      pb,
      readModels,
    );
    await a.start();
    await b.start();
    time.advance(15_000); // a renews no more (its process is gone)
    await b.renewNow();
    expect(b.role()).toBe('active');
    expect(pb.starts).toBe(1);
    // a comes back: it learns it lost the lease and stops projecting.
    await a.renewNow();
    expect(a.role()).toBe('standby');
    expect(pa.stops).toBe(1);
    await a.stop();
    await b.stop();
  });

  it('a holder that cannot renew stops projecting and reports why', async () => {
    const { collection, state } = fakeLeases();
    const errors: string[] = [];
    const p = fakeProjector();
    const a = new LeasedProjector(
      new ProjectorLease(collection, { holderId: 'a', clock: clock().now }),
      p,
      readModels,
      { onError: (e) => errors.push(e.message) },
    );
    await a.start();
    state.down = true;
    await a.renewNow();
    expect(a.role()).toBe('standby');
    expect(p.stops).toBe(1);
    expect(errors).toEqual(['server selection timed out']);
    state.down = false;
    await a.stop();
  });

  it('a clean stop releases the lease for a standby', async () => {
    const { collection } = fakeLeases();
    const time = clock();
    const a = new LeasedProjector(
      new ProjectorLease(collection, { holderId: 'a', clock: time.now }),
      fakeProjector(),
      readModels,
    );
    const b = new LeasedProjector(
      new ProjectorLease(collection, { holderId: 'b', clock: time.now }),
      fakeProjector(),
      readModels,
    );
    await a.start();
    await b.start();
    await a.stop();
    await b.renewNow();
    expect(b.role()).toBe('active');
    await b.stop();
  });
});
