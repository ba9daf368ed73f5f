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
import { KODE, releaseCodes } from '@jejak/custody/testing/acknowledgements';

/** Siti of dinas-a showed the kode serah the courier typed in. */
const codes = releaseCodes([{ code: KODE.code, placeId: 'dinas-a', issuedBy: 'siti' }]);
import type { ItemView } from '@jejak/read-models';
import { signatoryOf, type KnownHolder } from '../documents/signatories';
import { WITHHELD } from '../documents/may-read';
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
    const decision = decideTransfer(command, state, context(actor, { releaseCodes: codes }));
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
  [cmd('collected', { acknowledgement: KODE }), ACTORS.courier1],
  [cmd('dispatched'), ACTORS.courier1],
  [cmd('handover_offered', { toCustodianId: 'kurir-2' }), ACTORS.courier1],
  [cmd('handover_accepted'), ACTORS.courier2],
  [cmd('arrived'), ACTORS.courier2],
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
      notes: 'Asli bertanda tangan bupati',
    }),
  ],
  ['a-2', view('a-2', { period: { from: 2015, to: 2017 }, quantity: { count: 1, unit: 'boks' } })],
  ['a-3', null],
]);
const holders: KnownHolder[] = [
  {
    principalId: 'siti',
    name: 'Siti Rahayu',
    role: 'officer',
    nip: '198001012005012001',
    jabatan: 'Arsiparis Ahli Muda',
  },
  { principalId: 'kurir-1', name: 'Kurir Satu', role: 'courier' },
  { principalId: 'kurir-2', name: 'Kurir Dua', role: 'courier' },
  { principalId: 'dewi', name: 'Dewi', role: 'depot' },
];
const directory: Directory = {
  unitName: (id: string) => ({ 'dinas-a': 'Dinas A', 'depot-1': 'Depo 1' })[id] ?? id,
  person: (id: string) => signatoryOf(id, holders),
};

describe('toBeritaAcaraData', () => {
  const stream = record([...toDepot, [cmd('intake_recorded', { results }), ACTORS.depot1]]);
  const data = toBeritaAcaraData(replayTransfer(stream)!, stream, items, directory);

  it("names the origin unit's officer as pihak pertama (never a courier) and the depot staff who took it in as pihak kedua", () => {
    expect(data.pihakPertama).toEqual({
      unitId: 'dinas-a',
      unitName: 'Dinas A',
      person: { id: 'siti', name: 'Siti Rahayu', nip: '198001012005012001', jabatan: 'Arsiparis Ahli Muda' },
    });
    expect(data.pihakKedua.person).toEqual({
      id: 'dewi',
      name: 'Dewi',
      nip: null,
      jabatan: 'Petugas Depo Arsip',
    });
    expect(data).toMatchObject({
      baNumber: 'BA-012/ARS/2026',
      place: 'Depo 1',
      final: true,
      statusText: 'Selesai dengan selisih',
    });
  });

  it('lists every passing of custody: to the first courier, courier to courier, into the depot, each with how it was acknowledged', () => {
    expect(data.handovers.map(({ from, to, acknowledgement }) => [from, to, acknowledgement])).toEqual([
      ['Dinas A', 'kurir Kurir Satu (kurir-1)', 'pengakuan: kode serah yang ditunjukkan Siti Rahayu (siti)'],
      ['kurir Kurir Satu (kurir-1)', 'kurir Kurir Dua (kurir-2)', 'akun: diterima oleh Kurir Dua (kurir-2)'],
      ['kurir Kurir Dua (kurir-2)', 'Depo 1', 'akun: diperiksa oleh Dewi (dewi)'],
    ]);
  });

  it('says the acknowledgement method an event carries', () => {
    const stream = record(toDepot.slice(0, 2));
    const collected = stream[1] as unknown as { data: Record<string, unknown> };
    collected.data = {
      ...collected.data,
      acknowledgement: { method: 'code', byId: 'siti', placeId: 'dinas-a' },
    };
    const draft = toBeritaAcaraData(replayTransfer(stream)!, stream, items, directory);
    expect(draft.handovers[0].acknowledgement).toBe(
      'pengakuan: kode serah yang ditunjukkan Siti Rahayu (siti)',
    );
    expect(draft.pihakPertama.person?.id).toBe('siti');
    collected.data = {
      ...collected.data,
      acknowledgement: { method: 'signature', name: 'Ujang Suryana', nip: '196801011990031005' },
    };
    const signed = toBeritaAcaraData(replayTransfer(stream)!, stream, items, directory);
    expect(signed.handovers[0].acknowledgement).toBe(
      'pengakuan: tanda tangan (Ujang Suryana, NIP 196801011990031005)',
    );
    expect(signed.pihakPertama.person).toMatchObject({ name: 'Ujang Suryana', nip: '196801011990031005' });
  });

  it('leaves pihak pertama to be signed by hand when nobody of the origin unit acted (an admin drew it up, collected before releases)', () => {
    const byAdmin: [TransferCommand, Actor][] = [[toDepot[0][0], ACTORS.admin], ...toDepot.slice(1, 2)];
    const stream = record(byAdmin);
    // Collected before two-party custody: no release names anyone of the origin.
    const collected = stream[1] as unknown as { data: Record<string, unknown> };
    const { acknowledgement: _release, ...before } = collected.data;
    collected.data = before;
    expect(
      toBeritaAcaraData(replayTransfer(stream)!, stream, items, directory).pihakPertama.person,
    ).toBeNull();
  });

  it('withholds a terbatas title and its notes from a reader who may not see them', () => {
    const secret = new Map(items);
    secret.set('a-1', {
      ...items.get('a-1')!,
      securityClass: 'terbatas',
      originUnitId: 'dinas-a',
      custodianId: 'depot-1',
    });
    const other = toBeritaAcaraData(replayTransfer(stream)!, stream, secret, directory, {
      principalId: 'budi',
      role: 'officer',
      unitId: 'dinas-b',
    });
    expect(other.rows[0].uraianInformasi).toBe(WITHHELD);
    expect(other.rows[0].keterangan).not.toContain('bupati');
    const own = toBeritaAcaraData(replayTransfer(stream)!, stream, secret, directory, {
      principalId: 'siti',
      role: 'officer',
      unitId: 'dinas-a',
    });
    expect(own.rows[0].uraianInformasi).toBe('Berkas a-1');
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
        keterangan: 'Asli bertanda tangan bupati. Diterima, disimpan di R1 / S2 / B3',
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
        jumlah: '-',
        keterangan: 'Tidak ada (tidak ikut diserahkan)',
      }),
    ]);
    // No jumlah is invented for the file that gave none.
    expect(data.totalJumlah).toBe('2 berkas, 1 boks, 1 arsip tanpa keterangan jumlah');
    expect(data.rekonsiliasi).toEqual({
      diterima: 1,
      rusak: 1,
      tidakAda: 1,
      tidakSesuaiDaftar: 1,
      ditolak: 0,
      belumDiperiksa: 0,
    });
    expect(data.tidakSesuaiDaftar).toEqual([{ itemId: 'x-9', keterangan: 'tidak ada di daftar' }]);
  });

  it('is a draft before intake, with nobody yet signing for the receiving side', () => {
    const travelling = record(toDepot.slice(0, 3));
    const draft = toBeritaAcaraData(replayTransfer(travelling)!, travelling, items, directory);
    expect(draft).toMatchObject({ final: false, rekonsiliasi: null, pihakKedua: { person: null } });
    expect(draft.statusText).toMatch(/draf/);
    expect(draft.rows.map((row) => row.keterangan)).toEqual(['Asli bertanda tangan bupati', '', '']);
    // The draft names the same parties as the final report.
    expect(draft.pihakPertama).toEqual(data.pihakPertama);
    expect(draft.pihakKedua.unitName).toBe(data.pihakKedua.unitName);
  });
});

describe('a berita acara taken in several sittings, with a rejected file', () => {
  const first = [{ itemId: 'a-1', outcome: 'received', storage: { room: 'R1' } }];
  const rest = [
    { itemId: 'a-2', outcome: 'rejected', note: 'basah terendam' },
    { itemId: 'a-3', outcome: 'missing' },
  ];

  it('stays a draft between sittings, counting what is not examined yet', () => {
    const stream = record([...toDepot, [cmd('intake_recorded', { results: first }), ACTORS.depot1]]);
    const draft = toBeritaAcaraData(replayTransfer(stream)!, stream, items, directory);
    expect(draft.final).toBe(false);
    expect(draft.rekonsiliasi).toMatchObject({ diterima: 1, belumDiperiksa: 2 });
  });

  it('is final with the last sitting, the rejected file left with the courier who carried it', () => {
    const stream = record([
      ...toDepot,
      [cmd('intake_recorded', { results: first }), ACTORS.depot1],
      [cmd('intake_recorded', { results: rest }), ACTORS.depot1],
    ]);
    const final = toBeritaAcaraData(replayTransfer(stream)!, stream, items, directory);
    expect(final).toMatchObject({
      final: true,
      rekonsiliasi: { ditolak: 1, tidakAda: 1, belumDiperiksa: 0 },
    });
    expect(final.ditolak).toEqual([
      { itemId: 'a-2', kurir: expect.stringContaining('kurir-2'), keterangan: 'basah terendam' },
    ]);
    expect(final.rows[1].keterangan).toContain('Ditolak, tetap dibawa kurir: basah terendam');
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
      'handover_offered',
      'handover_accepted',
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

describe('a berita acara of a consignment split between couriers', () => {
  // kurir-1 collects a-1..a-3, hands a-3 to kurir-2; each dispatches and arrives with their part.
  const split: [TransferCommand, Actor][] = [
    toDepot[0],
    [cmd('collected', { acknowledgement: KODE }), ACTORS.courier1],
    [cmd('handover_offered', { toCustodianId: 'kurir-2', itemIds: ['a-3'] }), ACTORS.courier1],
    [cmd('handover_accepted'), ACTORS.courier2],
    [cmd('dispatched'), ACTORS.courier1],
    [cmd('dispatched'), ACTORS.courier2],
    [cmd('arrived'), ACTORS.courier1],
    [cmd('arrived'), ACTORS.courier2],
    [
      cmd('intake_recorded', {
        results: [
          { itemId: 'a-1', outcome: 'received', storage: { room: 'R1' } },
          { itemId: 'a-2', outcome: 'damaged', storage: { room: 'R1' }, note: 'sampul sobek' },
          { itemId: 'a-3', outcome: 'rejected', note: 'basah' },
        ],
      }),
      ACTORS.depot1,
    ],
  ];
  const stream = record(split);
  const data = toBeritaAcaraData(replayTransfer(stream)!, stream, items, directory);

  it('says which files each courier carried: the part handed over, and the depot taking in from each courier', () => {
    expect(data.handovers.map(({ from, to, items: part }) => [from, to, part ?? null])).toEqual([
      ['Dinas A', 'kurir Kurir Satu (kurir-1)', null],
      ['kurir Kurir Satu (kurir-1)', 'kurir Kurir Dua (kurir-2)', 'no. 3 daftar arsip (1 dari 3 berkas)'],
      ['kurir Kurir Satu (kurir-1)', 'Depo 1', 'no. 1, 2 daftar arsip (2 dari 3 berkas)'],
      ['kurir Kurir Dua (kurir-2)', 'Depo 1', 'no. 3 daftar arsip (1 dari 3 berkas)'],
    ]);
  });

  it('leaves the rejected file with the courier of its part, not the transfer’s first courier', () => {
    expect(data.final).toBe(true);
    expect(data.ditolak).toEqual([{ itemId: 'a-3', kurir: 'Kurir Dua (kurir-2)', keterangan: 'basah' }]);
  });

  it('shows the parts in the transfer view while they travel', () => {
    const travelling = record(split.slice(0, 6));
    const state = replayTransfer(travelling)!;
    expect(toTransferView(state, travelling, items).carriers).toEqual([
      { custodianId: 'kurir-1', stage: 'in_transit', itemIds: ['a-1', 'a-2'] },
      { custodianId: 'kurir-2', stage: 'in_transit', itemIds: ['a-3'] },
    ]);
  });
});
