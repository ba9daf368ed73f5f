import type { RecordedEvent } from '@jejak/event-store';
import type { ItemRecord, ReadModelWriter } from '../read-model.port';
import { aDescription, COURIER, CustodyLog } from '../testing/custody-events.fixture';
import { projectEvents } from './project-events';

/** A writer that only answers loadItems, from what the test says is stored. */
const storedAs = (records: ItemRecord[] = []): ReadModelWriter => ({
  loadItems: async (ids) =>
    new Map(records.filter((r) => ids.includes(r.state.itemId)).map((r) => [r.state.itemId, r])),
  loadTransfers: async () => new Map(),
  applyBatch: async () => undefined,
  checkpoint: async () => null,
});

describe('projectEvents', () => {
  const log = new CustodyLog();
  log.register('a', aDescription({ title: 'Satu' }), '2026-11-01T00:00:00.000Z');
  log.register('b', aDescription({ title: 'Dua' }), '2026-11-01T00:00:00.000Z');
  log.append(
    'a',
    { type: 'collected', data: { locationId: 'dinas-a', custodianId: 'kurir-1' } },
    { actor: COURIER, at: '2026-11-02T00:00:00.000Z' },
  );
  const events = log.events();

  it('keeps one record per item, its last state, and a trail line per event', async () => {
    const batch = await projectEvents(events, storedAs());
    expect(batch?.position).toBe('3');
    expect(batch?.items.map((r) => [r.view.itemId, r.view.status, r.registeredPosition])).toEqual([
      ['a', 'collected', '1'],
      ['b', 'registered', '2'],
    ]);
    expect(batch?.trail.map((t) => [t.itemId, t.entry.revision, t.entry.position])).toEqual([
      ['a', 0, '1'],
      ['b', 0, '2'],
      ['a', 1, '3'],
    ]);
  });

  it('skips events the stored record already includes', async () => {
    const first = await projectEvents(events.slice(0, 2), storedAs());
    const again = await projectEvents(events, storedAs(first!.items));
    expect(again?.trail.map((t) => [t.itemId, t.entry.revision])).toEqual([['a', 1]]);
    expect(again?.items.map((r) => r.view.itemId)).toEqual(['a']);
  });

  it('moves the position past streams it does not project', async () => {
    const other: RecordedEvent = {
      ...events[0],
      streamId: 'manifest-claim-a',
      eventId: 'x',
      position: '9',
      type: 'manifest_claimed',
    };
    const batch = await projectEvents([other], storedAs());
    expect(batch).toEqual({ projection: 'custody', position: '9', items: [], trail: [], transfers: [] });
  });

  it('has nothing to write for no events', async () => {
    expect(await projectEvents([], storedAs())).toBeNull();
  });
});
