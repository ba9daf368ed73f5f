import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@jejak/event-store';
import { Projector } from './projector/projector';
import { rebuildReadModels, type RebuildProgress } from './rebuild';
import { SqliteReadModels } from './sqlite/sqlite-read-models';
import { aDescription, appendToStore, COURIER, CustodyLog } from './testing/custody-events.fixture';
import { custodyScenario } from './testing/custody-scenario.fixture';
import { snapshot } from './testing/read-model-snapshot';

describe('rebuildReadModels', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let live: SqliteReadModels;
  let projector: Projector;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-rebuild-'));
    eventStore = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    live = new SqliteReadModels({ filename: join(dir, 'read-models.sqlite') });
    projector = new Projector(eventStore, live);
  });

  afterEach(async () => {
    await projector.stop();
    await eventStore.close();
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What projecting the whole log into an empty store gives. */
  async function projectedFromScratch(itemIds: string[]) {
    const fresh = new SqliteReadModels({ filename: join(dir, `fresh-${Date.now()}.sqlite`) });
    const fromScratch = new Projector(eventStore, fresh);
    await fromScratch.start();
    await fromScratch.waitForPosition((await eventStore.headPosition())!, 5000);
    await fromScratch.stop();
    const result = await snapshot(fresh, itemIds);
    await fresh.close();
    return result;
  }

  it('rebuilds a read model equal to the live one, reporting progress', async () => {
    const events = custodyScenario().events();
    const itemIds = [...new Set(events.map((event) => event.streamId.slice('item-'.length)))];
    await appendToStore(eventStore, events);
    // The log may end with an event no projection reads; the rebuild must still catch up with it.
    const claim = await eventStore.append(
      'manifest-claim-x',
      [{ eventId: 'c-0', type: 'manifest_claimed', data: {} }],
      'any',
    );
    await projector.start();
    await projector.waitForPosition(claim.position, 5000);
    const before = await snapshot(live, itemIds);

    const progress: RebuildProgress[] = [];
    const result = await rebuildReadModels(eventStore, live, { onProgress: (p) => progress.push(p) });

    expect(result.applied).toBe(events.length + 1);
    expect(progress[progress.length - 1]).toMatchObject({ applied: events.length + 1, total: null });
    expect(progress.every((p) => p.eventsPerSecond >= 0)).toBe(true);
    expect(await snapshot(live, itemIds)).toEqual(before);
  });

  it('repairs a damaged read model from the log', async () => {
    const log = new CustodyLog();
    log.register('a1', aDescription({ title: 'Arsip Désa' }), '2026-11-01T00:00:00.000Z');
    const last = await appendToStore(eventStore, log.drain());
    await projector.start();
    await projector.waitForPosition(last!, 5000);
    const [good] = (await live.loadItems(['a1'])).values();
    await live.applyBatch({
      projection: 'custody',
      position: last!,
      items: [
        {
          ...good,
          state: { ...good.state, status: 'disposed', revision: 9 },
          view: { ...good.view, status: 'disposed', revision: 9 },
        },
      ],
      trail: [],
    });
    expect((await live.getItem('a1'))?.status).toBe('disposed');

    await rebuildReadModels(eventStore, live);

    expect(await live.getItem('a1')).toMatchObject({ status: 'registered', revision: 0 });
  });

  it('keeps answering and misses nothing while the live projector goes on during the rebuild', async () => {
    const log = custodyScenario();
    const scenarioEnd = await appendToStore(eventStore, log.drain());
    await projector.start();
    await projector.waitForPosition(scenarioEnd!, 5000);

    const rebuilding = rebuildReadModels(eventStore, live);
    const more = new CustodyLog(0);
    for (let n = 0; n < 50; n += 1) {
      more.register(`late-${n}`, aDescription({ title: `Berkas susulan ${n}` }), '2026-11-20T00:00:00.000Z');
      more.append(
        `late-${n}`,
        { type: 'collected', data: { locationId: 'dinas-a', custodianId: 'kurir-1' } },
        { actor: COURIER, at: '2026-11-20T01:00:00.000Z' },
      );
    }
    const appending = appendToStore(eventStore, more.drain());
    expect(await live.getItem('item-01')).not.toBeNull();
    await Promise.all([rebuilding, appending]);
    expect(await projector.waitForPosition((await eventStore.headPosition())!, 5000)).toBe(true);

    const itemIds = [...Array.from({ length: 50 }, (_, n) => `late-${n}`), 'item-01', 'item-02', 'item-05'];
    expect(await snapshot(live, itemIds)).toEqual(await projectedFromScratch(itemIds));
    expect((await live.getItem('late-49'))?.status).toBe('collected');
  });

  it('gives the event loop a turn per batch, so a signal or a parent gone stops a long rebuild', async () => {
    await appendToStore(eventStore, custodyScenario().events());
    let loopTurned = false;
    setImmediate(() => (loopTurned = true));
    const seenAtProgress: boolean[] = [];
    await rebuildReadModels(eventStore, live, { onProgress: () => seenAtProgress.push(loopTurned) });
    expect(seenAtProgress[0]).toBe(true);
  });
});
