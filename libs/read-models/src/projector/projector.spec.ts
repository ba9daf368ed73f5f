import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@jejak/event-store';
import type { ProjectionBatch } from '../read-model.port';
import { SqliteReadModels } from '../sqlite/sqlite-read-models';
import { aDescription, appendToStore, COURIER, CustodyLog } from '../testing/custody-events.fixture';
import { custodyScenario } from '../testing/custody-scenario.fixture';
import { Projector } from './projector';

describe('Projector', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let store: SqliteReadModels;
  let projector: Projector;
  let batches: ProjectionBatch[];
  /** Errors the next applyBatch calls throw, one each. */
  let failures: Error[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-projector-'));
    eventStore = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    store = new SqliteReadModels({ filename: join(dir, 'read-models.sqlite') });
    batches = [];
    failures = [];
    const applyBatch = store.applyBatch.bind(store);
    store.applyBatch = async (batch) => {
      const failure = failures.shift();
      if (failure) throw failure;
      batches.push(batch);
      return applyBatch(batch);
    };
  });

  afterEach(async () => {
    await projector?.stop();
    await eventStore.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const trailLinesApplied = (): number => batches.reduce((sum, batch) => sum + batch.trail.length, 0);

  it('projects what was in the log before it started and what comes after', async () => {
    const log = custodyScenario();
    const before = await appendToStore(eventStore, log.drain());
    projector = new Projector(eventStore, store);
    await projector.start();
    expect(projector.isRunning()).toBe(true);
    expect(await projector.waitForPosition(before!, 5000)).toBe(true);
    expect((await store.getItem('item-01'))?.status).toBe('in_transit');

    log.append(
      'item-01',
      { type: 'arrived', data: { locationId: 'depot-1' } },
      { at: '2026-11-20T00:00:00.000Z', actor: COURIER },
    );
    const after = await appendToStore(eventStore, log.drain());
    expect(await projector.waitForPosition(after!, 5000)).toBe(true);
    expect(await store.getItem('item-01')).toMatchObject({
      status: 'arrived',
      locationId: 'depot-1',
      position: after,
    });
    expect(await store.appliedPosition()).toBe(after);
    expect(projector.appliedPosition()).toBe(after);
  });

  it('answers false when a position is not reached in time', async () => {
    projector = new Projector(eventStore, store);
    await projector.start();
    expect(await projector.waitForPosition('1000', 30)).toBe(false);
  });

  it('refuses to wait for something that is not a position', async () => {
    projector = new Projector(eventStore, store);
    await expect(projector.waitForPosition('12abc', 30)).rejects.toThrow(RangeError);
  });

  it('applies events already available in batches, not one by one', async () => {
    const log = new CustodyLog();
    for (let n = 0; n < 1200; n += 1)
      log.register(`bulk-${n}`, aDescription({ title: `Berkas ${n}` }), '2026-11-01T00:00:00.000Z');
    const last = await appendToStore(eventStore, log.drain());
    projector = new Projector(eventStore, store, { batchSize: 500 });
    await projector.start();
    expect(await projector.waitForPosition(last!, 10_000)).toBe(true);
    expect(trailLinesApplied()).toBe(1200);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.length).toBeLessThanOrEqual(6);
    expect(Math.max(...batches.map((batch) => batch.trail.length))).toBeLessThanOrEqual(500);
  });

  it('resumes from its checkpoint after a restart and applies no event twice', async () => {
    const log = custodyScenario();
    const first = log.drain();
    await appendToStore(eventStore, first);
    projector = new Projector(eventStore, store);
    await projector.start();
    expect(await projector.waitForPosition(first.length.toString(), 5000)).toBe(true);
    await projector.stop();
    expect(projector.isRunning()).toBe(false);
    expect(trailLinesApplied()).toBe(first.length);

    log.append('item-02', {
      type: 'lent',
      data: { depotId: 'depot-1', borrowerUnitId: 'dinas-b', borrowerName: 'Budi', dueAt: '2026-12-01' },
    });
    log.append('item-02', { type: 'returned', data: { depotId: 'depot-1', storage: { room: 'R9' } } });
    const last = await appendToStore(eventStore, log.drain());

    let delivered = 0;
    const subscribe = eventStore.subscribeToAll.bind(eventStore);
    eventStore.subscribeToAll = (options) =>
      subscribe({ ...options, onEvent: (event) => ((delivered += 1), options.onEvent(event)) });
    projector = new Projector(eventStore, store);
    await projector.start();
    expect(await projector.waitForPosition(last!, 5000)).toBe(true);
    expect(delivered).toBe(2);
    expect(trailLinesApplied()).toBe(first.length + 2);
    const trail = await store.getTrail('item-02');
    expect(trail.items.map((entry) => entry.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await store.getItem('item-02')).toMatchObject({
      status: 'deposited',
      storage: { room: 'R9' },
      revision: 6,
    });
  });

  it('moves past events of other streams without projecting them, and reports lag', async () => {
    const lags: number[] = [];
    projector = new Projector(eventStore, store, { onLag: (ms) => lags.push(ms) });
    await projector.start();
    const log = new CustodyLog();
    log.register('item-x', aDescription(), '2026-11-01T00:00:00.000Z');
    await appendToStore(eventStore, log.drain());
    await eventStore.append(
      'ba-number-claim-x',
      [{ eventId: 'b-0', type: 'ba_number_claimed', data: {} }],
      'no_stream',
    );
    const claim = await eventStore.append(
      'manifest-claim-x',
      [{ eventId: 'c-0', type: 'manifest_claimed', data: {} }],
      'no_stream',
    );
    expect(await projector.waitForPosition(claim.position, 5000)).toBe(true);
    expect(await store.appliedPosition()).toBe(claim.position);
    expect(await store.getItem('item-x')).not.toBeNull();
    expect(lags.length).toBeGreaterThan(0);
    expect(lags.every((ms) => ms >= 0 && ms < 5000)).toBe(true);
  });

  it('after a failed batch, restarts from the checkpoint and gets there', async () => {
    const errors: Error[] = [];
    const log = custodyScenario();
    const last = await appendToStore(eventStore, log.drain());
    const applyBatch = store.applyBatch;
    jest
      .spyOn(store, 'applyBatch')
      .mockRejectedValueOnce(new Error('disk full'))
      .mockImplementation(applyBatch);
    projector = new Projector(eventStore, store, { retryMs: 10, onError: (error) => errors.push(error) });
    await projector.start();
    expect(await projector.waitForPosition(last!, 5000)).toBe(true);
    expect(errors.map((error) => error.message)).toEqual(['disk full']);
    expect((await store.getTrail('item-02')).items).toHaveLength(5);
  });

  it('says it is stuck while the log refuses it, and no longer once it has caught up', async () => {
    const log = custodyScenario();
    const last = await appendToStore(eventStore, log.drain());
    let refusing = true;
    const subscribe = eventStore.subscribeToAll.bind(eventStore);
    eventStore.subscribeToAll = (options) => {
      if (refusing) {
        setImmediate(() => options.onError?.(new Error('access denied reading $all')));
        return { stop: async () => undefined };
      }
      return subscribe(options);
    };
    const errors: Error[] = [];
    projector = new Projector(eventStore, store, { retryMs: 5, onError: (error) => errors.push(error) });
    await projector.start();
    expect(projector.problem()).toBeNull();
    while (errors.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    // Resubscribed and running again, but still without progress: stuck.
    expect(projector.problem()).toBe('access denied reading $all');
    refusing = false;
    expect(await projector.waitForPosition(last!, 5000)).toBe(true);
    expect(projector.problem()).toBeNull();
    expect(projector.isRunning()).toBe(true);
  });
});
