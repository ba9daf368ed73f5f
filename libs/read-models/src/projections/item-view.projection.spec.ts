import { CustodyLog, COURIER, DEPOT_STAFF, aDescription } from '../testing/custody-events.fixture';
import type { CustodyEvent } from '@jejak/custody';
import type { ItemRecord } from '../read-model.port';
import { alreadyApplied, projectItem } from './item-view.projection';

const fold = (events: CustodyEvent[]): ItemRecord | null =>
  events.reduce<ItemRecord | null>((record, event, i) => projectItem(record, event, String(i + 1)), null);

describe('projectItem', () => {
  it('shows a registered item at its origin unit, held by it', () => {
    const log = new CustodyLog();
    const registered = log.register(
      'a1',
      aDescription({ title: 'Kecamatan Cikarang' }),
      '2026-01-02T03:00:00.000Z',
    );
    const { view, state } = projectItem(null, registered, '7');
    expect(view).toMatchObject({
      itemId: 'a1',
      title: 'Kecamatan Cikarang',
      status: 'registered',
      locationId: 'dinas-a',
      custodianId: 'dinas-a',
      since: '2026-01-02T03:00:00.000Z',
      registeredAt: '2026-01-02T03:00:00.000Z',
      revision: 0,
      position: '7',
    });
    expect(state.revision).toBe(0);
  });

  it('follows custody through a journey and keeps the registration time', () => {
    const log = new CustodyLog();
    const events = [
      log.register('a1', aDescription(), '2026-01-01T00:00:00.000Z'),
      log.append(
        'a1',
        { type: 'collected', data: { locationId: 'dinas-a', custodianId: 'kurir-1' } },
        { at: '2026-01-02T00:00:00.000Z', actor: COURIER },
      ),
      log.append(
        'a1',
        { type: 'dispatched', data: { fromLocationId: 'dinas-a', destinationId: 'depot-1' } },
        { at: '2026-01-03T00:00:00.000Z', actor: COURIER },
      ),
    ];
    const record = fold(events);
    expect(record?.view).toMatchObject({
      status: 'in_transit',
      locationId: null,
      custodianId: 'kurir-1',
      destinationId: 'depot-1',
      since: '2026-01-03T00:00:00.000Z',
      registeredAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-03T00:00:00.000Z',
      revision: 2,
      position: '3',
    });
  });

  it('gives the retention end of a deposited file from its JRA', () => {
    const log = new CustodyLog();
    const events = [
      log.register(
        'a1',
        aDescription({ year: 2010, retention: { activeYears: 2, inactiveYears: 5, disposition: 'musnah' } }),
        '2026-01-01T00:00:00.000Z',
      ),
      log.append(
        'a1',
        { type: 'intake_confirmed', data: { depotId: 'depot-1', storage: { room: 'R1' } } },
        { at: '2026-01-05T00:00:00.000Z', actor: DEPOT_STAFF },
      ),
    ];
    expect(fold(events)?.view).toMatchObject({
      status: 'deposited',
      retentionEndsAt: '2018-01-01T00:00:00.000Z',
      storage: { room: 'R1' },
    });
  });

  it('knows an event it has already applied', () => {
    const log = new CustodyLog();
    const registered = log.register('a1', aDescription(), '2026-01-01T00:00:00.000Z');
    const collected = log.append('a1', {
      type: 'collected',
      data: { locationId: 'dinas-a', custodianId: 'kurir-1' },
    });
    const record = projectItem(null, registered, '1');
    expect(alreadyApplied(record, registered)).toBe(true);
    expect(alreadyApplied(record, collected)).toBe(false);
    expect(alreadyApplied(null, registered)).toBe(false);
  });
});
