import {
  decideTransfer,
  GENESIS_HASH,
  replayTransfer,
  sealTransferEvents,
  type Actor,
  type IntakeResult,
  type TransferCommand,
  type TransferEvent,
} from '@jejak/custody';
import { ACTORS, context } from '@jejak/custody/testing/fixtures';
import type { ItemView } from '@jejak/read-models';
import { toBeritaAcaraData, type Directory } from './berita-acara-data';
import { toTransferView } from './transfer-view';

const transferId = 't-1';
const cmd = (type: TransferCommand['type'], data: object = {}) =>
  ({ type, transferId, data }) as TransferCommand;

/** A transfer stream as the handler would record it. */
function record(steps: [TransferCommand, Actor][]): TransferEvent[] {
  const stream: TransferEvent[] = [];
  for (const [command, actor] of steps) {
    const state = replayTransfer(stream);
    const decision = decideTransfer(command, state, context(actor));
    if (!decision.ok) throw new Error(decision.refusal.message);
    stream.push(
      ...sealTransferEvents(decision.events, {
        transferId,
        eventIds: decision.events.map((_, index) => `e-${stream.length + index}`),
        prevRevision: stream.length - 1,
        prevHash: stream[stream.length - 1]?.hash ?? GENESIS_HASH,
        occurredAt: context(actor).now,
        recordedAt: context(actor).now,
        actor,
        commandId: null,
        correlationId: transferId,
        note: null,
      }),
    );
  }
  return stream;
}

const toDepot: [TransferCommand, Actor][] = [
  [
    cmd('transfer_created', {
      baNumber: 'BA-012/ARS/2026',
      fromId: 'dinas-a',
      toId: 'depot-1',
      itemIds: ['a-1', 'a-2', 'a-3'],
    }),
    ACTORS.officerA,
  ],
  [cmd('collected'), ACTORS.courier1],
  [cmd('dispatched'), ACTORS.courier1],
  [cmd('arrived'), ACTORS.courier1],
];
const results: IntakeResult[] = [
  { itemId: 'a-1', outcome: 'received', storage: { room: 'R1', shelf: 'S2', box: 'B3' } },
  { itemId: 'a-2', outcome: 'damaged', storage: { room: 'R1' }, note: 'sampul sobek' },
  { itemId: 'a-3', outcome: 'missing' },
  { itemId: 'x-9', outcome: 'unexpected', note: 'tidak ada di daftar' },
];

const view = (itemId: string, overrides: Partial<ItemView> = {}) =>
  ({
    itemId,
    title: `Berkas ${itemId}`,
    classificationCode: '900.1',
    status: 'deposited',
    ...overrides,
  }) as ItemView;
const items = new Map<string, ItemView | null>([
  [
    'a-1',
    view('a-1', {
      year: 2019,
      copyStatus: 'asli',
      boxNo: '12',
      folderNo: '4',
      quantity: { count: 2, unit: 'berkas' },
    }),
  ],
  ['a-2', view('a-2', { period: { from: 2015, to: 2017 } })],
  ['a-3', null],
]);
const directory: Directory = {
  unitName: (id) => ({ 'dinas-a': 'Dinas A', 'depot-1': 'Depo 1' })[id] ?? id,
  personName: (id) => ({ 'kurir-1': 'Kurir Satu', dewi: 'Dewi' })[id] ?? id,
};

describe('toBeritaAcaraData', () => {
  const stream = record([...toDepot, [cmd('intake_recorded', { results }), ACTORS.depot1]]);
  const data = toBeritaAcaraData(replayTransfer(stream)!, stream, items, directory);

  it('names the courier who dispatched as pihak pertama and the depot staff who took it in as pihak kedua', () => {
    expect(data.pihakPertama).toEqual({
      unitId: 'dinas-a',
      unitName: 'Dinas A',
      person: { id: 'kurir-1', name: 'Kurir Satu', jabatan: 'Kurir' },
    });
    expect(data.pihakKedua.person).toEqual({ id: 'dewi', name: 'Dewi', jabatan: 'Petugas Depo Arsip' });
    expect(data).toMatchObject({
      baNumber: 'BA-012/ARS/2026',
      final: true,
      statusText: 'Selesai dengan selisih',
    });
  });

  it('lists the manifest in order with the daftar arsip columns and each intake result', () => {
    expect(data.rows).toEqual([
      {
        no: 1,
        kodeKlasifikasi: '900.1',
        uraianInformasi: 'Berkas a-1',
        kurunWaktu: '2019',
        tingkatPerkembangan: 'Asli',
        jumlah: '2 berkas',
        noBoksFolder: '12 / 4',
        keterangan: 'Diterima, disimpan di R1 / S2 / B3',
      },
      expect.objectContaining({
        no: 2,
        kurunWaktu: '2015–2017',
        keterangan: 'Rusak: sampul sobek. Disimpan di R1',
      }),
      // Not in the read model (yet): still printed, so the report never drops a manifest line.
      expect.objectContaining({
        no: 3,
        uraianInformasi: '(arsip a-3)',
        keterangan: 'Tidak ada (tidak ikut diserahkan)',
      }),
    ]);
    expect(data.rekonsiliasi).toEqual({ diterima: 1, rusak: 1, tidakAda: 1, tidakSesuaiDaftar: 1 });
    expect(data.tidakSesuaiDaftar).toEqual([{ itemId: 'x-9', keterangan: 'tidak ada di daftar' }]);
  });

  it('is a draft before intake, with nobody yet signing for the receiving side', () => {
    const travelling = record(toDepot.slice(0, 3));
    const draft = toBeritaAcaraData(replayTransfer(travelling)!, travelling, items, directory);
    expect(draft).toMatchObject({ final: false, rekonsiliasi: null, pihakKedua: { person: null } });
    expect(draft.statusText).toMatch(/draf/);
    expect(draft.rows.map((row) => row.keterangan)).toEqual(['', '', '']);
  });
});

describe('toTransferView', () => {
  it("puts each manifest item's current state beside its intake result and adds up the reconciliation", () => {
    const stream = record([...toDepot, [cmd('intake_recorded', { results }), ACTORS.depot1]]);
    const answer = toTransferView(replayTransfer(stream)!, stream, items);
    expect(answer).toMatchObject({
      transferId,
      status: 'completed_with_discrepancies',
      custodianId: 'depot-1',
    });
    expect(answer.items.map((line) => [line.itemId, line.status, line.intake?.outcome])).toEqual([
      ['a-1', 'deposited', 'received'],
      ['a-2', 'deposited', 'damaged'],
      ['a-3', null, 'missing'],
    ]);
    expect(answer.intake).toMatchObject({
      recordedBy: 'dewi',
      reconciliation: { unexpected: { count: 1, itemIds: ['x-9'] }, received: { count: 1 } },
    });
    expect(answer.events.map((event) => event.type)).toEqual([
      'transfer_created',
      'collected',
      'dispatched',
      'arrived',
      'intake_recorded',
      'completed',
    ]);
  });

  it('has no intake while the consignment travels', () => {
    const stream = record(toDepot.slice(0, 2));
    const answer = toTransferView(replayTransfer(stream)!, stream, items);
    expect(answer).toMatchObject({ status: 'collected', custodianId: 'kurir-1', intake: null });
    expect(answer.items.every((line) => line.intake === null)).toBe(true);
  });
});
