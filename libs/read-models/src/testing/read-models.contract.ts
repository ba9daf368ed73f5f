import { readScopeOf, type Reader } from '@jejak/custody';
import type { RecordedEvent } from '@jejak/event-store';
import { projectEvents } from '../projector/project-events';
import { InvalidCursorError, type ItemQuery, type ItemView, type ReadModelStore } from '../read-model.port';
import { aDescription, COURIER, CustodyLog, DEPOT_STAFF } from './custody-events.fixture';
import { listAll, snapshot } from './read-model-snapshot';
import {
  BULK_ITEMS,
  custodyScenario,
  HANDOVER_LAPSES_AT,
  projectInto,
  SCENARIO_NOW,
} from './custody-scenario.fixture';
import { transferScenario } from './transfer-events.fixture';

const BULK_IDS = Array.from({ length: BULK_ITEMS }, (_, i) => `bulk-${String(i + 1).padStart(2, '0')}`);
const ids = (views: ItemView[]): string[] => views.map((view) => view.itemId);

/**
 * The behaviour every read-model adapter must show. `factory` gives an empty store; the suite
 * closes it after each test.
 */
export function describeReadModelsContract(name: string, factory: () => Promise<ReadModelStore>): void {
  describe(`read models contract: ${name}`, () => {
    // A server over the network (MongoDB) takes longer than Jest's 5 s default per scenario.
    jest.setTimeout(30_000);
    let store: ReadModelStore;
    let events: RecordedEvent[];
    const allIds = (): string[] => [
      ...new Set(events.map((event) => String(event.streamId).slice('item-'.length))),
    ];

    beforeEach(async () => {
      store = await factory();
      events = custodyScenario().events();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('empty', () => {
      it('has applied nothing and knows no item', async () => {
        expect(await store.appliedPosition()).toBeNull();
        expect(await store.checkpoint('custody')).toBeNull();
        expect(await store.getItem('item-01')).toBeNull();
        expect(await store.getTrail('item-01')).toEqual({ items: [], nextCursor: null });
        expect(await store.listItems({})).toEqual({ items: [], nextCursor: null });
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('the list of transfers', () => {
      const listed = async (query: Parameters<ReadModelStore['listTransfers']>[0]) =>
        (await store.listTransfers(query)).items.map((transfer) => transfer.transferId);
      let transfers: RecordedEvent[];
      beforeEach(async () => {
        transfers = transferScenario(Number(events[events.length - 1].position));
        await projectInto(store, [...events, ...transfers], 5);
      });

      it('lists transfers in creation order with their couriers, status and intake so far', async () => {
        const { items, nextCursor } = await store.listTransfers({});
        expect(nextCursor).toBeNull();
        expect(items.map((t) => t.transferId)).toEqual(['trf-a', 'trf-b', 'trf-c']);
        expect(items[0]).toMatchObject({
          baNumber: 'BA-1/ARS/2026',
          status: 'arrived',
          custodianId: 'kurir-2',
          courierIds: ['kurir-1', 'kurir-2'],
          itemCount: 2,
          intakeCount: 1,
          createdAt: '2026-11-01T01:00:00.000Z',
          revision: 6,
        });
        expect(items[1]).toMatchObject({ status: 'cancelled', courierIds: [] });
      });

      it('filters by status, origin, destination, courier, BA number (any case) and period', async () => {
        expect(await listed({ status: 'cancelled' })).toEqual(['trf-b']);
        expect(await listed({ fromId: 'dinas-a' })).toEqual(['trf-a', 'trf-c']);
        expect(await listed({ toId: 'kec-1' })).toEqual(['trf-c']);
        expect(await listed({ courierId: 'kurir-2' })).toEqual(['trf-a', 'trf-c']);
        expect(await listed({ courierId: 'kurir-1', status: 'arrived' })).toEqual(['trf-a']);
        expect(await listed({ baNumber: ' ba-2/ars/2026' })).toEqual(['trf-b']);
        expect(await listed({ from: '2026-11-02T00:00:00Z', to: '2026-11-06T00:00:00Z' })).toEqual(['trf-b']);
        expect(await listed({ from: '2026-11-02T00:00:00Z' })).toEqual(['trf-b', 'trf-c']);
      });

      it('pages with an opaque cursor and refuses one it did not hand out', async () => {
        const first = await store.listTransfers({ limit: 2 });
        expect(first.items.map((t) => t.transferId)).toEqual(['trf-a', 'trf-b']);
        expect(await listed({ limit: 2, cursor: first.nextCursor! })).toEqual(['trf-c']);
        await expect(store.listTransfers({ cursor: 'nonsense' })).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it('changes nothing when the same events come again, and rebuilds the list too', async () => {
        const before = await store.listTransfers({});
        const stale = await projectEvents(transfers.slice(0, 3), {
          loadItems: async () => new Map(),
          loadTransfers: async () => new Map(),
          applyBatch: async () => {},
          checkpoint: async () => null,
        });
        await store.applyBatch(stale!);
        expect(await store.listTransfers({})).toEqual(before);
        const rebuild = await store.beginRebuild();
        await projectInto(rebuild, [...events, ...transfers], 50);
        expect(await rebuild.swap()).toBe(true);
        expect(await store.listTransfers({})).toEqual(before);
      });
    });

    describe('search by who asks (domain.md "Confidentiality of terbatas items")', () => {
      beforeEach(async () => {
        const log = new CustodyLog();
        const at = (hour: number) => new Date(Date.UTC(2026, 10, 2, hour)).toISOString();
        const secret = { securityClass: 'terbatas' as const };
        log.register(
          'sec-01',
          aDescription({
            ...secret,
            title: 'Sengketa lahan Sukamaju',
            originUnitId: 'kec-1',
            shortCode: 'SKM-2026-00001',
          }),
          at(1),
        );
        log.register(
          'sec-02',
          aDescription({
            ...secret,
            kind: 'letter',
            title: 'Undangan sengketa',
            originUnitId: 'kec-1',
            addresseeUnitId: 'dinas-b',
            letterNumber: '005/77/Kec/2026',
            shortCode: 'SKM-2026-00002',
          }),
          at(2),
        );
        log.register(
          'sec-03',
          aDescription({ title: 'Sengketa batas desa', originUnitId: 'kec-2', shortCode: 'SKM-2026-00003' }),
          at(3),
        );
        log.register(
          'sec-04',
          aDescription({ ...secret, title: 'Sengketa pajak', originUnitId: 'kec-3' }),
          at(4),
        );
        log.append(
          'sec-04',
          { type: 'collected', data: { locationId: 'kec-3', custodianId: 'kurir-1' } },
          { at: at(5), actor: COURIER },
        );
        log.append(
          'sec-04',
          { type: 'dispatched', data: { fromLocationId: 'kec-3', destinationId: 'depot-1' } },
          { at: at(6), actor: COURIER },
        );
        await projectInto(store, log.events());
      });

      const as = (role: string, unitId: string | null, principalId = 'p-1') =>
        readScopeOf({ role, unitId, principalId } satisfies Reader);
      const all = ['sec-01', 'sec-02', 'sec-03', 'sec-04'];

      it.each<[string, ItemQuery, string[]]>([
        ['nobody named', { q: 'sengketa' }, all],
        ['an officer of another unit', { q: 'sengketa', readScope: as('officer', 'kec-9') }, ['sec-03']],
        [
          'an officer of the origin unit',
          { q: 'sengketa', readScope: as('officer', 'kec-1') },
          ['sec-01', 'sec-02', 'sec-03'],
        ],
        [
          "an officer of a letter's addressee",
          { q: 'sengketa', readScope: as('officer', 'dinas-b') },
          ['sec-02', 'sec-03'],
        ],
        [
          'the courier holding one',
          { q: 'sengketa', readScope: as('courier', null, 'kurir-1') },
          ['sec-03', 'sec-04'],
        ],
        ['another courier', { q: 'sengketa', readScope: as('courier', null, 'kurir-2') }, ['sec-03']],
        [
          'staff of the depot receiving one',
          { q: 'sengketa', readScope: as('depot', 'depot-1') },
          ['sec-03', 'sec-04'],
        ],
        ['an auditor', { q: 'sengketa', readScope: as('auditor', null) }, all],
        [
          'another unit, with a filter',
          { q: 'sengketa', kind: 'file', readScope: as('officer', 'kec-9') },
          ['sec-03'],
        ],
        [
          'the origin, with a filter',
          { q: 'sengketa', kind: 'letter', readScope: as('officer', 'kec-1') },
          ['sec-02'],
        ],
        [
          'a letter number, by the origin',
          { q: '005/77/Kec/2026', readScope: as('officer', 'kec-1') },
          ['sec-02'],
        ],
        ['a letter number, by another unit', { q: '005/77/Kec/2026', readScope: as('officer', 'kec-9') }, []],
        ['a short code, by anyone', { q: 'skm-2026-00001', readScope: as('officer', 'kec-9') }, ['sec-01']],
        [
          'the start of short codes',
          { q: 'SKM-2026-0000', readScope: as('officer', 'kec-9') },
          ['sec-01', 'sec-02', 'sec-03'],
        ],
        [
          'short codes and a filter',
          { q: 'skm-2026', kind: 'letter', readScope: as('courier', null) },
          ['sec-02'],
        ],
        ['a short code nobody has', { q: 'SKM-2025', readScope: as('admin', null) }, []],
      ])('q matches only what the asker may read: %s', async (_label, query, expected) => {
        expect(await listAll(store, { ...query, limit: 1 })).toEqual(expected);
      });
    });

    describe('after the scenario is applied', () => {
      beforeEach(async () => {
        await projectInto(store, events);
      });

      it('answers where an item is now, with whom and since when', async () => {
        expect(await store.getItem('item-01')).toMatchObject({
          itemId: 'item-01',
          title: 'Laporan Kecamatan Cikarang Utara',
          status: 'in_transit',
          locationId: null,
          custodianId: 'kurir-1',
          destinationId: 'depot-1',
          since: '2026-11-01T02:00:00.000Z',
          registeredAt: '2026-11-01T00:00:00.000Z',
          revision: 2,
        });
        expect(await store.getItem('item-02')).toMatchObject({
          status: 'deposited',
          locationId: 'depot-1',
          custodianId: 'depot-1',
          storage: { room: 'R1', shelf: 'A', box: '7' },
          retentionEndsAt: '2020-01-01T00:00:00.000Z',
        });
        expect(await store.getItem('nope')).toBeNull();
      });

      it('keeps the stored state so the next event applies without replay', async () => {
        const records = await store.loadItems(['item-02', 'item-03', 'nope']);
        expect([...records.keys()].sort()).toEqual(['item-02', 'item-03']);
        expect(records.get('item-03')?.state.pendingHandover?.toCustodianId).toBe('kurir-2');
        expect(records.get('item-02')?.state.revision).toBe(4);
      });

      it('pages the trail oldest first, with actor, note and global position', async () => {
        const first = await store.getTrail('item-02', { limit: 2 });
        expect(first.items.map((entry) => entry.revision)).toEqual([0, 1]);
        expect(first.nextCursor).not.toBeNull();
        const second = await store.getTrail('item-02', { afterRevision: Number(first.nextCursor), limit: 2 });
        expect(second.items.map((entry) => entry.type)).toEqual(['dispatched', 'arrived']);
        const last = await store.getTrail('item-02', { afterRevision: Number(second.nextCursor), limit: 2 });
        expect(last.nextCursor).toBeNull();
        expect(last.items).toHaveLength(1);
        const intake = events.find(
          (event) => event.type === 'intake_confirmed' && event.streamId === 'item-item-02',
        );
        expect(last.items[0]).toMatchObject({
          type: 'intake_confirmed',
          revision: 4,
          position: intake?.position,
          actor: { id: 'dewi', role: 'depot', unitId: 'depot-1' },
          note: 'lengkap',
          data: { depotId: 'depot-1', storage: { room: 'R1', shelf: 'A', box: '7' } },
        });
      });

      it.each<[string, ItemQuery, string[]]>([
        ['status', { status: 'in_transit' }, ['item-01']],
        ['kind', { kind: 'letter' }, ['item-04']],
        ['locationId', { locationId: 'depot-1' }, ['item-02', 'item-06']],
        ['custodianId', { custodianId: 'kurir-1' }, ['item-01', 'item-03']],
        ['originUnitId', { originUnitId: 'desa-1' }, ['item-03']],
        ['classificationCode prefix', { classificationCode: '000.2' }, ['item-01', 'item-03']],
        ['classificationCode prefix ending in a dot', { classificationCode: '000.2.' }, ['item-01']],
        ['year', { year: 2019 }, ['item-01']],
        ['year inside a period', { year: 2016 }, ['item-02', 'item-03']],
        ['year at a period end', { year: 2017 }, ['item-02']],
        ['status and custodian together', { status: 'collected', custodianId: 'kurir-1' }, ['item-03']],
        ['a filter nothing matches', { status: 'disposed' }, []],
      ])('filters by %s', async (_label, query, expected) => {
        expect(ids((await store.listItems(query)).items)).toEqual(expected);
      });

      it('leaves destroyed and static-archived items out of inventories, not out of the where-is', async () => {
        const log = custodyScenario();
        log.drain();
        const at = { at: '2026-11-21T00:00:00.000Z', actor: DEPOT_STAFF };
        log.append('item-02', { type: 'disposed', data: { baNumber: 'BA-012/ARS/2026' } }, at);
        log.append(
          'item-06',
          { type: 'transferred_static', data: { baNumber: 'BA-013/ARS/2026', toArchive: null } },
          at,
        );
        const before = {
          location: ids((await store.listItems({ locationId: 'depot-1' })).items),
          custodian: ids((await store.listItems({ custodianId: 'depot-1' })).items),
        };
        await projectInto(store, log.events());

        expect(before.location).toEqual(['item-02', 'item-06']);
        expect(ids((await store.listItems({ locationId: 'depot-1' })).items)).toEqual([]);
        expect(before.custodian).toEqual(expect.arrayContaining(['item-02', 'item-06']));
        expect(ids((await store.listItems({ custodianId: 'depot-1' })).items)).toEqual(
          before.custodian.filter((id) => id !== 'item-02' && id !== 'item-06'),
        );
        expect(ids((await store.listItems({ locationId: 'depot-1', status: 'deposited' })).items)).toEqual(
          [],
        );
        expect(ids((await store.listItems({ locationId: 'depot-1', status: 'disposed' })).items)).toEqual([
          'item-02',
        ]);
        expect(ids((await store.listItems({ status: 'transferred_static' })).items)).toEqual(['item-06']);
        expect(await store.getItem('item-02')).toMatchObject({
          status: 'disposed',
          locationId: 'depot-1',
          custodianId: 'depot-1',
        });
        expect(ids((await store.listItems({ custodianId: 'kurir-1' })).items)).toEqual([
          'item-01',
          'item-03',
        ]);
      });

      it.each<[string, string[]]>([
        ['cikarang', ['item-01']],
        ['PERUBAHAN', ['item-02']],
        ['desa', ['item-03']],
        ['Désa', ['item-03']],
        ['  perubahan   pendidikan ', ['item-02']],
        ['cikar', []],
        ['cikar*', ['item-01']],
        ['SURAT keputusan NOMOR 1*', ['bulk-01', 'bulk-10', 'bulk-11', 'bulk-12']],
        ['anggaran cikarang', []],
        [
          'surat keputusan',
          Array.from({ length: BULK_ITEMS }, (_, i) => `bulk-${String(i + 1).padStart(2, '0')}`),
        ],
      ])('finds titles by words regardless of case and accents: %j', async (q, expected) => {
        expect(await listAll(store, { q, limit: 5 })).toEqual(expected);
      });

      it.each<[string, ItemQuery, string[]]>([
        ['a word and a status it lacks', { q: 'desa', status: 'in_transit' }, []],
        ['a word and its status', { q: 'desa', status: 'collected' }, ['item-03']],
        ['a letter by kind', { q: 'UNDANGAN rapat', kind: 'letter' }, ['item-04']],
        ['a part of a word', { q: 'karang', originUnitId: 'kec-1' }, []],
        ['the start of a word, unstarred', { q: 'cikar', originUnitId: 'kec-1' }, []],
        ['the start of a word, starred', { q: 'cikar*', originUnitId: 'kec-1' }, ['item-01']],
        ['a word and a year in a period', { q: 'anggaran', year: 2016 }, ['item-02']],
        ['a word and a code prefix', { q: 'surat', classificationCode: '10' }, BULK_IDS],
      ])('combines search with filters: %s', async (_label, query, expected) => {
        expect(await listAll(store, { ...query, limit: 5 })).toEqual(expected);
      });

      it('pages every item exactly once, in registration order', async () => {
        const first = await store.listItems({ limit: 5 });
        expect(first.items).toHaveLength(5);
        expect(typeof first.nextCursor).toBe('string');
        const all = await listAll(store, { limit: 5 });
        const registered = events.filter((event) => event.type === 'registered');
        expect(all).toEqual(registered.map((event) => event.streamId.slice('item-'.length)));
        expect(new Set(all).size).toBe(6 + BULK_ITEMS);
      });

      it('refuses a cursor it did not hand out', async () => {
        await expect(store.listItems({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it('lists items in transit too long, oldest first', async () => {
        expect(ids(await store.inTransitLongerThan(24, SCENARIO_NOW))).toEqual(['item-01']);
        expect(ids(await store.inTransitLongerThan(24 * 60, SCENARIO_NOW))).toEqual([]);
      });

      it('lists pending handovers older than N hours', async () => {
        expect(ids(await store.pendingHandoversOlderThan(1, SCENARIO_NOW))).toEqual(['item-03']);
        expect(ids(await store.pendingHandoversOlderThan(1, '2026-11-03T02:30:00.000Z'))).toEqual([]);
      });

      it('stops listing a handover offer once it has lapsed, and shows when it lapses', async () => {
        const [pending] = await store.pendingHandoversOlderThan(0, SCENARIO_NOW);
        expect(pending.pendingHandover).toMatchObject({ expiresAt: HANDOVER_LAPSES_AT, kind: 'handover' });
        expect(ids(await store.pendingHandoversOlderThan(0, HANDOVER_LAPSES_AT))).toEqual([]);
      });

      it('lists overdue loans', async () => {
        expect(ids(await store.overdueLoans(SCENARIO_NOW))).toEqual(['item-05']);
        expect(ids(await store.overdueLoans('2026-11-14T00:00:00.000Z'))).toEqual([]);
      });

      it('lists deposited files whose retention has ended, not lent ones', async () => {
        expect(ids(await store.retentionEnded(SCENARIO_NOW))).toEqual(['item-02']);
        expect(ids(await store.retentionEnded('2019-06-01T00:00:00.000Z'))).toEqual([]);
      });

      it('follows corrections, voids and late entries: amended description, voided out of lists, late flag', async () => {
        const log = new CustodyLog(Number(events[events.length - 1].position));
        const day = '2026-11-20T';
        log.register('item-90', aDescription({ title: 'Daftar gaji salah ketik' }), `${day}00:00:00.000Z`);
        log.register('item-91', aDescription({ title: 'Daftar gaji duplikat' }), `${day}00:00:00.000Z`);
        log.append(
          'item-90',
          {
            type: 'corrected',
            data: {
              reason: 'salah ketik',
              changes: { title: 'Daftar gaji pegawai terkoreksi', notes: 'lengkap' },
              before: { title: 'Daftar gaji salah ketik', notes: null },
            },
          },
          // Recorded three hours after it occurred: a late entry.
          { at: `${day}01:00:00.000Z`, recordedAt: `${day}04:00:00.000Z` },
        );
        log.append(
          'item-91',
          { type: 'voided', data: { reason: 'duplikat impor' } },
          { at: `${day}02:00:00.000Z` },
        );
        await projectInto(store, log.events());

        expect(await store.getItem('item-90')).toMatchObject({
          title: 'Daftar gaji pegawai terkoreksi',
          notes: 'lengkap',
          status: 'registered',
        });
        expect(ids((await store.listItems({ q: 'terkoreksi' })).items)).toEqual(['item-90']);
        expect(ids((await store.listItems({ q: 'ketik' })).items)).toEqual([]);
        const trail = (await store.getTrail('item-90')).items;
        expect(trail.map((entry) => entry.late)).toEqual([false, true]);
        expect(trail[1].data).toMatchObject({ changes: { title: 'Daftar gaji pegawai terkoreksi' } });

        expect(await store.getItem('item-91')).toMatchObject({ status: 'voided', locationId: 'dinas-a' });
        expect(ids((await store.listItems({ q: 'duplikat' })).items)).toEqual([]);
        expect(ids((await store.listItems({ originUnitId: 'dinas-a' })).items)).not.toContain('item-91');
        expect(ids((await store.listItems({ locationId: 'dinas-a' })).items)).not.toContain('item-91');
        expect(ids((await store.listItems({ q: 'duplikat', includeVoided: true })).items)).toEqual([
          'item-91',
        ]);
        expect(ids((await store.listItems({ status: 'voided' })).items)).toEqual(['item-91']);
        expect(ids((await store.listItems({ locationId: 'dinas-a', status: 'voided' })).items)).toEqual([
          'item-91',
        ]);

        const late = await store.lateEntries();
        expect(late.map(({ itemId, entry }) => [itemId, entry.type, entry.late])).toEqual([
          ['item-90', 'corrected', true],
        ]);
        expect(await store.lateEntries({ since: `${day}05:00:00.000Z` })).toEqual([]);
      });

      it('lists overdue loans of one borrower unit', async () => {
        const [overdue] = await store.overdueLoans(SCENARIO_NOW);
        const borrower = overdue.loan!.borrowerUnitId;
        expect(ids(await store.overdueLoans(SCENARIO_NOW, 10, { borrowerUnitId: borrower }))).toEqual([
          'item-05',
        ]);
        expect(await store.overdueLoans(SCENARIO_NOW, 10, { borrowerUnitId: 'nobody' })).toEqual([]);
      });

      it('reports the position of the last event applied', async () => {
        const last = events[events.length - 1].position;
        expect(await store.appliedPosition()).toBe(last);
        expect(await store.checkpoint('custody')).toBe(last);
      });

      it('changes nothing when the same batch is applied twice', async () => {
        const log = new CustodyLog(Number(events[events.length - 1].position));
        log.register('item-99', aDescription({ title: 'Arsip tambahan' }), '2026-11-20T00:00:00.000Z');
        log.append('item-99', { type: 'collected', data: { locationId: 'dinas-a', custodianId: 'kurir-1' } });
        const batch = await projectEvents(log.events(), store);
        await store.applyBatch(batch!);
        const once = await snapshot(store, [...allIds(), 'item-99']);
        await store.applyBatch(batch!);
        expect(await snapshot(store, [...allIds(), 'item-99'])).toEqual(once);
        expect((await store.getTrail('item-99')).items).toHaveLength(2);
      });

      it('never goes back to an older revision or position when old events come again', async () => {
        const before = await snapshot(store, allIds());
        const fromScratch = {
          loadItems: async () => new Map(),
          loadTransfers: async () => new Map(),
          applyBatch: async () => {},
          checkpoint: async () => null,
        };
        const stale = await projectEvents(events.slice(0, 4), fromScratch);
        await store.applyBatch(stale!);
        expect(await snapshot(store, allIds())).toEqual(before);
      });

      it('rebuilds into fresh tables while the live ones answer, then swaps them in', async () => {
        const before = await snapshot(store, allIds());
        const rebuild = await store.beginRebuild();
        await projectInto(rebuild, events.slice(0, 10), 4);
        expect(await store.getItem('item-06')).toEqual(before.items[allIds().indexOf('item-06')]);
        expect(await rebuild.swap()).toBe(false);
        expect(await snapshot(store, allIds())).toEqual(before);
        await projectInto(rebuild, events.slice(10), 4);
        expect(await rebuild.swap()).toBe(true);
        expect(await snapshot(store, allIds())).toEqual(before);
        expect(ids((await store.listItems({ q: 'cikarang' })).items)).toEqual(['item-01']);
      });

      it('can rebuild again after a swap, and an aborted rebuild leaves the live models alone', async () => {
        for (let round = 0; round < 2; round += 1) {
          const rebuild = await store.beginRebuild();
          await projectInto(rebuild, events, 50);
          expect(await rebuild.swap()).toBe(true);
        }
        const before = await snapshot(store, allIds());
        const aborted = await store.beginRebuild();
        await projectInto(aborted, events.slice(0, 3));
        await aborted.abort();
        expect(await snapshot(store, allIds())).toEqual(before);
        expect(ids(await store.overdueLoans(SCENARIO_NOW))).toEqual(['item-05']);
      });
    });
  });
}
