import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain, type Actor, type ChainLink, type LocationInfo } from '@jejak/custody';
import { SqliteEventStore, type EventStore, type StreamAppend } from '@jejak/event-store';
import { BEKASI_DIRECTORY } from '@jejak/directory';
import { importDaftarArsip, type ImportDirectory } from './daftar-arsip.importer';

const directory: ImportDirectory = {
  lookup: (id): LocationInfo | undefined => BEKASI_DIRECTORY.find((l) => l.id === id),
  list: () => BEKASI_DIRECTORY as LocationInfo[],
};
const officer: Actor = { id: 'PA-001', role: 'officer', unitId: 'kec-cikarang-utara' };

const listOf = (count: number) =>
  [
    'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Klasifikasi Keamanan',
    ...Array.from({ length: count }, (_, i) => `${i + 1};900.1.3;Buku kas umum jilid ${i + 1};2019;biasa`),
  ].join('\n');

const allEvents = async (store: EventStore) => {
  const events = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

describe('importDaftarArsip', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-import-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers every row as its own hash-chained stream, in batches, reporting progress', async () => {
    const progress: number[] = [];
    const outcome = await importDaftarArsip(store, directory, {
      csv: listOf(5),
      actor: officer,
      tokenId: 'tok-1',
      defaultOriginUnitId: 'kec-cikarang-utara',
      batchSize: 2,
      onProgress: (recorded) => progress.push(recorded),
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.imported).toBe(5);
    expect(progress).toEqual([0, 2, 4, 5]);
    const events = await allEvents(store);
    expect(events.map((e) => e.streamId)).toEqual(outcome.itemIds.map((id) => `item-${id}`));
    expect(events.every((e) => e.type === 'registered' && e.revision === 0)).toBe(true);
    expect(outcome.position).toBe(events[4].position);
    for (const event of events) {
      expect(verifyChain([event.data as unknown as ChainLink]).valid).toBe(true);
      expect(event.data).toMatchObject({
        actor: officer,
        correlationId: outcome.importId,
        data: { originUnitId: 'kec-cikarang-utara' },
      });
    }
  });

  it('records nothing when any row is refused, and lists every refused row', async () => {
    const csv = `${listOf(3)}\n4;900.1.3;Buku rahasia;2019;rahasia\n5;900.1.3;;2019;biasa`;
    const outcome = await importDaftarArsip(store, directory, {
      csv,
      actor: officer,
      tokenId: 't',
      defaultOriginUnitId: 'kec-cikarang-utara',
    });
    expect(outcome).toMatchObject({ ok: false, code: 'validation-failed' });
    expect(!outcome.ok && outcome.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [5, 'Klasifikasi Keamanan', 'classified-not-accepted'],
      [6, 'Uraian Informasi', 'validation-failed'],
    ]);
    expect(await store.headPosition()).toBeNull();
  });

  it('answers a dry run with every row as it would be registered, recording nothing', async () => {
    const csv = `ID;Kode Klasifikasi;Uraian Informasi;Jumlah;Klasifikasi Keamanan\nARS-9;900.1.3;Buku kas;3 bundel;biasa\n;900.1.3;Buku bank;1 map;biasa\n`;
    const base = {
      csv,
      actor: officer,
      tokenId: 't',
      defaultOriginUnitId: 'kec-cikarang-utara',
      dryRun: true,
    };
    const outcome = await importDaftarArsip(store, directory, base);
    expect(outcome).toMatchObject({ ok: true, imported: 0, recorded: 0, itemIds: [], position: null });
    expect(outcome.ok && outcome.preview).toEqual([
      expect.objectContaining({
        row: 2,
        itemId: 'ARS-9',
        title: 'Buku kas',
        quantity: { count: 3, unit: 'bundel' },
      }),
      expect.objectContaining({ row: 3, title: 'Buku bank', originUnitId: 'kec-cikarang-utara' }),
    ]);
    expect(outcome.ok && outcome.preview?.[1]).not.toHaveProperty('itemId');
    const refused = await importDaftarArsip(store, directory, {
      ...base,
      csv: `${csv}x;900;;biasa;rahasia\n`,
    });
    expect(refused).toMatchObject({ ok: false });
    expect(await store.headPosition()).toBeNull();
  });

  it('completes an import cut off half-way when retried with the same key, recording nothing twice', async () => {
    let appends = 0;
    const flaky = Object.create(store) as EventStore;
    flaky.appendMany = (batch: StreamAppend[]) =>
      ++appends === 2 ? Promise.reject(new Error('power cut')) : store.appendMany(batch);
    const request = {
      csv: listOf(5),
      actor: officer,
      tokenId: 'tok-1',
      defaultOriginUnitId: 'kec-cikarang-utara',
      idempotency: { key: 'k-1', requestHash: 'h-1' },
      batchSize: 2,
    };
    await expect(importDaftarArsip(flaky, directory, request)).rejects.toThrow('power cut');
    expect(await allEvents(store)).toHaveLength(2);

    const retried = await importDaftarArsip(store, directory, request);
    const again = await importDaftarArsip(store, directory, request);
    if (!retried.ok || !again.ok) throw new Error('refused');
    expect({ imported: retried.imported, recorded: retried.recorded }).toEqual({ imported: 5, recorded: 3 });
    expect(again).toEqual({ ...retried, recorded: 0 });
    const events = await allEvents(store);
    expect(events).toHaveLength(5);
    expect(new Set(events.map((e) => e.streamId))).toEqual(
      new Set(retried.itemIds.map((id) => `item-${id}`)),
    );
    expect(retried.position).toBe(events[4].position);
  });

  it('registers the same list twice without a key (two sets of items), never with a reused key and another list', async () => {
    const base = { actor: officer, tokenId: 'tok-1', defaultOriginUnitId: 'kec-cikarang-utara' };
    const first = await importDaftarArsip(store, directory, { ...base, csv: listOf(2) });
    const second = await importDaftarArsip(store, directory, { ...base, csv: listOf(2) });
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(new Set([...first.itemIds, ...second.itemIds]).size).toBe(4);

    const keyed = { ...base, idempotency: { key: 'k-2', requestHash: 'h-a' } };
    await importDaftarArsip(store, directory, { ...keyed, csv: listOf(2) });
    const other = await importDaftarArsip(store, directory, {
      ...keyed,
      idempotency: { key: 'k-2', requestHash: 'h-b' },
      csv: listOf(2),
    });
    expect(other).toMatchObject({ ok: false, code: 'validation-failed' });
    expect(await allEvents(store)).toHaveLength(6);
  });
});
