import type { RecordedEvent } from '@jejak/event-store';
import { projectEvents } from '../projector/project-events';
import type { ReadModelWriter } from '../read-model.port';
import { aDescription, COURIER, CustodyLog, DEPOT_STAFF } from './custody-events.fixture';

/** The moment the watch lists are asked about. */
export const SCENARIO_NOW = '2026-11-30T00:00:00.000Z';
/** When item-03's handover offer lapses: after SCENARIO_NOW. */
export const HANDOVER_LAPSES_AT = '2026-12-03T00:00:00.000Z';
export const BULK_ITEMS = 12;

/**
 * A small archive in several states: in transit, deposited past its retention, a pending
 * handover, a letter just registered, an overdue loan, a deposited file with years to go,
 * and a dozen plain registrations for paging.
 */
export function custodyScenario(): CustodyLog {
  const log = new CustodyLog();
  const day = (d: number, hour = 0): string => new Date(Date.UTC(2026, 10, d, hour)).toISOString();
  const courier = { actor: COURIER };

  log.register(
    'item-01',
    aDescription({
      title: 'Laporan Kecamatan Cikarang Utara',
      classificationCode: '000.2.3',
      originUnitId: 'kec-1',
      year: 2019,
    }),
    day(1),
  );
  log.append(
    'item-01',
    { type: 'collected', data: { locationId: 'kec-1', custodianId: 'kurir-1' } },
    { at: day(1, 1), ...courier },
  );
  log.append(
    'item-01',
    { type: 'dispatched', data: { fromLocationId: 'kec-1', destinationId: 'depot-1' } },
    { at: day(1, 2), ...courier },
  );

  log.register(
    'item-02',
    aDescription({
      title: 'Perubahan Anggaran Dinas Pendidikan',
      classificationCode: '900.1',
      year: undefined,
      period: { from: 2015, to: 2017 },
      retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
    }),
    day(2),
  );
  log.append(
    'item-02',
    { type: 'collected', data: { locationId: 'dinas-a', custodianId: 'kurir-1' } },
    { at: day(2, 1), ...courier },
  );
  log.append(
    'item-02',
    { type: 'dispatched', data: { fromLocationId: 'dinas-a', destinationId: 'depot-1' } },
    { at: day(2, 2), ...courier },
  );
  log.append('item-02', { type: 'arrived', data: { locationId: 'depot-1' } }, { at: day(2, 5), ...courier });
  log.append(
    'item-02',
    { type: 'intake_confirmed', data: { depotId: 'depot-1', storage: { room: 'R1', shelf: 'A', box: '7' } } },
    { at: day(2, 6), actor: DEPOT_STAFF, note: 'lengkap' },
  );

  log.register(
    'item-03',
    aDescription({
      title: 'Arsip Désa Sukamaju',
      classificationCode: '000.21',
      originUnitId: 'desa-1',
      year: 2016,
    }),
    day(3),
  );
  log.append(
    'item-03',
    { type: 'collected', data: { locationId: 'desa-1', custodianId: 'kurir-1' } },
    { at: day(3, 1), ...courier },
  );
  log.append(
    'item-03',
    {
      type: 'handover_offered',
      data: {
        fromCustodianId: 'kurir-1',
        toCustodianId: 'kurir-2',
        locationId: null,
        expiresAt: HANDOVER_LAPSES_AT,
        kind: 'handover',
      },
    },
    { at: day(3, 2), ...courier },
  );

  log.register(
    'item-04',
    aDescription({
      kind: 'letter',
      title: 'Undangan rapat koordinasi',
      classificationCode: '005',
      year: 2026,
      addresseeUnitId: 'dinas-b',
    }),
    day(4),
  );

  log.register(
    'item-05',
    aDescription({
      title: 'Daftar gaji pegawai',
      classificationCode: '800.1.11',
      year: 2010,
      retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
    }),
    day(5),
  );
  log.append(
    'item-05',
    { type: 'intake_confirmed', data: { depotId: 'depot-1', storage: { room: 'R2' } } },
    { at: day(5, 1), actor: DEPOT_STAFF },
  );
  log.append(
    'item-05',
    {
      type: 'lent',
      data: { depotId: 'depot-1', borrowerUnitId: 'dinas-b', borrowerName: 'Budi', dueAt: '2026-11-15' },
    },
    { at: day(5, 2), actor: DEPOT_STAFF },
  );

  log.register(
    'item-06',
    aDescription({
      title: 'Rencana strategis',
      classificationCode: '050',
      year: 2025,
      retention: { activeYears: 10, inactiveYears: 10, disposition: 'permanen' },
    }),
    day(6),
  );
  log.append(
    'item-06',
    { type: 'intake_confirmed', data: { depotId: 'depot-1', storage: { room: 'R3' } } },
    { at: day(6, 1), actor: DEPOT_STAFF },
  );

  for (let n = 1; n <= BULK_ITEMS; n += 1) {
    log.register(
      `bulk-${String(n).padStart(2, '0')}`,
      aDescription({ title: `Surat keputusan nomor ${n}`, classificationCode: '100', year: 2020 }),
      day(7),
    );
  }
  return log;
}

/** Projects events into a writer in batches of `batchSize`, as the projector would. */
export async function projectInto(
  writer: ReadModelWriter,
  events: RecordedEvent[],
  batchSize = 7,
): Promise<void> {
  for (let start = 0; start < events.length; start += batchSize) {
    const batch = await projectEvents(events.slice(start, start + batchSize), writer);
    if (batch) await writer.applyBatch(batch);
  }
}
