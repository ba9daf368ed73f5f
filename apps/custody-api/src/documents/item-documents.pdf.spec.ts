import type { ItemView, TrailEntry } from '@jejak/read-models';
import { pdfPages } from '../../../../test/support/pdf-text';
import { toDisposalReportData } from './disposal-report.data';
import { renderDisposalReport } from './disposal-report.pdf';
import { toLoanReportData } from './loan-report.data';
import { renderLoanReport } from './loan-report.pdf';
import { WITHHELD } from './may-read';
import type { DocumentHeading } from './pdf-document';
import { toReceiptData } from './receipt.data';
import { renderReceipt } from './receipt.pdf';
import { signatoryOf, type DocumentDirectory } from './signatories';

jest.setTimeout(30_000);

const heading: DocumentHeading = {
  regency: 'Pemerintah Kabupaten Bekasi',
  agency: 'Dinas Perpustakaan dan Kearsipan',
  address: 'Cikarang Pusat',
  place: 'Cikarang Pusat',
  mengetahui: 'Kepala Dinas Perpustakaan dan Kearsipan',
};
const directory: DocumentDirectory = {
  person: (id) =>
    signatoryOf(id, [
      {
        principalId: '197505052000031002',
        name: 'Dewi Lestari',
        role: 'depot',
        jabatan: 'Arsiparis Ahli Pertama',
      },
      { principalId: 'KURIR-A', name: 'Budi Santoso', role: 'courier' },
    ]),
  unitName: (id) =>
    ({
      'depo-arsip-bekasi': 'Depo Arsip Kabupaten Bekasi',
      'kec-babelan': 'Kecamatan Babelan',
      dispusip: 'Dinas Perpustakaan dan Kearsipan',
    })[id] ?? id,
};
const auditor = { principalId: 'audit', role: 'auditor', unitId: null };
const stranger = { principalId: 'budi', role: 'officer', unitId: 'kec-setu' };

const view = (overrides: Partial<ItemView> = {}): ItemView =>
  ({
    itemId: 'itm-1',
    kind: 'file',
    title: 'Buku kas umum – 2015',
    classificationCode: '900.1.3',
    securityClass: 'biasa',
    originUnitId: 'kec-cikarang-utara',
    year: 2015,
    custodianId: 'depo-arsip-bekasi',
    depotId: 'depo-arsip-bekasi',
    storage: { room: 'R1', shelf: 'R1-03', box: 'B-0042' },
    ...overrides,
  }) as ItemView;

let revision = 0;
const entry = (
  type: string,
  occurredAt: string,
  data: Record<string, unknown>,
  actorId = '197505052000031002',
): TrailEntry => ({
  eventId: `e-${++revision}`,
  type,
  revision,
  position: String(revision),
  occurredAt,
  recordedAt: occurredAt,
  actor: {
    id: actorId,
    role: actorId.startsWith('KURIR') ? 'courier' : 'depot',
    unitId: 'depo-arsip-bekasi',
  },
  commandId: null,
  correlationId: null,
  note: null,
  data,
});

const textOf = async (pdf: Buffer) => (await pdfPages(pdf)).join(' ').replace(/\s+/g, ' ');

describe('the berita acara peminjaman and pengembalian', () => {
  const lent = entry('lent', '2026-11-02T02:00:00Z', {
    depotId: 'depo-arsip-bekasi',
    borrowerUnitId: 'kec-babelan',
    borrowerName: 'Ibu Sari',
    dueAt: '2026-11-16T02:00:00Z',
  });
  const extended = entry('loan_extended', '2026-11-15T02:00:00Z', {
    dueAt: '2026-11-30T02:00:00Z',
    reason: 'audit BPK',
  });
  const returned = entry('returned', '2026-11-28T02:00:00Z', {
    depotId: 'depo-arsip-bekasi',
    storage: { room: 'R2' },
  });

  it('is the latest loan, its extensions and its return; nothing when the file was never lent', async () => {
    expect(toLoanReportData(view(), [], directory, auditor)).toBeNull();
    const data = toLoanReportData(view(), [lent, extended, returned], directory, auditor)!;
    expect(data).toMatchObject({
      depotName: 'Depo Arsip Kabupaten Bekasi',
      borrower: { name: 'Ibu Sari', unitName: 'Kecamatan Babelan' },
      lender: { name: 'Dewi Lestari', nip: '197505052000031002', jabatan: 'Arsiparis Ahli Pertama' },
      item: { jumlah: '-', lokasi: 'R1 / R1-03 / B-0042' },
      returned: { storage: 'R2' },
    });
    const text = await textOf(await renderLoanReport(data, heading));
    expect(text).toContain('BERITA ACARA PEMINJAMAN DAN PENGEMBALIAN ARSIP');
    expect(text).toContain('Pada hari Senin tanggal dua bulan November tahun dua ribu dua puluh enam');
    expect(text).toContain('sampai dengan tanggal 16 November 2026');
    expect(text).toContain('Perpanjangan pada 15 November 2026: sampai dengan 30 November 2026 (audit BPK).');
    expect(text).toContain('disimpan kembali di R2');
    expect(text).toContain('NIP 197505052000031002');
    expect(text).toContain('Buku kas umum – 2015');
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('withholds a terbatas title from a reader who may not see it', () => {
    const data = toLoanReportData(view({ securityClass: 'terbatas' }), [lent], directory, stranger)!;
    expect(data.item.uraianInformasi).toBe(WITHHELD);
    expect(data.returned).toBeNull();
  });
});

describe('the tanda terima of a letter', () => {
  const letter = view({
    kind: 'letter',
    title: 'Undangan rapat 日本',
    addresseeUnitId: 'dispusip',
    letterNumber: '005/123/KEC-CU/2026',
    letterDate: '2026-11-02',
  });
  const delivered = entry(
    'delivered',
    '2026-11-03T03:15:00Z',
    {
      locationId: 'dispusip',
      custodianId: 'dispusip',
      receivedBy: 'Pak Andi',
      acknowledgement: { method: 'signature', name: 'Pak Andi' },
    },
    'KURIR-A',
  );

  it('names the letter, who handed it over, who received it, when, and how it was acknowledged', async () => {
    expect(toReceiptData(letter, [], directory, auditor)).toBeNull();
    expect(toReceiptData(view(), [delivered], directory, auditor)).toBeNull();
    const text = await textOf(
      await renderReceipt(toReceiptData(letter, [delivered], directory, auditor)!, heading),
    );
    for (const expected of [
      'TANDA TERIMA SURAT',
      ': 005/123/KEC-CU/2026',
      ': 2 November 2026',
      ': Undangan rapat 日本',
      ': Dinas Perpustakaan dan Kearsipan',
      ': 3 November 2026, 10.15 WIB',
      ': Pak Andi',
      ': Budi Santoso (KURIR-A), Kurir',
      ': pengakuan: tanda tangan (Pak Andi)',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('withholds the number and subject of a terbatas letter', () => {
    const data = toReceiptData({ ...letter, securityClass: 'terbatas' }, [delivered], directory, stranger)!;
    expect([data.letterNumber, data.perihal]).toEqual([WITHHELD, WITHHELD]);
  });
});

describe('the berita acara pemusnahan and penyerahan arsip statis', () => {
  const disposed = (itemId: string, quantity?: ItemView['quantity']) => ({
    view: view({
      itemId,
      title: `Kuitansi ${itemId}`,
      quantity,
      retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
    }),
    entry: entry('disposed', '2026-11-20T02:00:00Z', { baNumber: 'BA-009/MUS/2026' }),
  });

  it('lists every item ended under the BA with totals, the executor with NIP, Mengetahui and page numbers', async () => {
    expect(toDisposalReportData('BA-009/MUS/2026', [], directory, auditor)).toBeNull();
    const data = toDisposalReportData(
      'BA-009/MUS/2026',
      [disposed('itm-1', { count: 3, unit: 'boks' }), disposed('itm-2')],
      directory,
      auditor,
    )!;
    expect(data).toMatchObject({ kind: 'musnah', totalJumlah: '3 boks, 1 arsip tanpa keterangan jumlah' });
    const pages = await pdfPages(await renderDisposalReport(data, heading));
    const text = pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('BERITA ACARA PEMUSNAHAN ARSIP');
    expect(text).toContain('Nomor: BA-009/MUS/2026');
    expect(text).toContain('sebanyak 2 arsip (jumlah: 3 boks, 1 arsip tanpa keterangan jumlah)');
    expect(text).toContain('oleh Dewi Lestari, NIP 197505052000031002, Arsiparis Ahli Pertama');
    expect(text).toContain('Mengetahui,');
    expect(pages[pages.length - 1]).toContain('DAFTAR ARSIP YANG DIMUSNAHKAN');
    expect(text).toContain('Kuitansi itm-1');
    expect(text).toContain(`Halaman ${pages.length} dari ${pages.length}`);
  });

  it('is a penyerahan arsip statis for items transferred to the static archive, terbatas titles withheld', async () => {
    const statis = {
      view: view({
        securityClass: 'terbatas',
        retention: { activeYears: 2, inactiveYears: 5, disposition: 'permanen' },
      }),
      entry: entry('transferred_static', '2026-11-20T02:00:00Z', {
        baNumber: 'BA-3/STA/2026',
        toArchive: 'Dinas Kearsipan Provinsi Jawa Barat',
      }),
    };
    const data = toDisposalReportData('BA-3/STA/2026', [statis], directory, stranger)!;
    expect(data.rows[0].uraianInformasi).toBe(WITHHELD);
    const text = await textOf(await renderDisposalReport(data, heading));
    expect(text).toContain('BERITA ACARA PENYERAHAN ARSIP STATIS');
    expect(text).toContain('kepada Dinas Kearsipan Provinsi Jawa Barat');
    expect(text).toContain('DAFTAR ARSIP STATIS YANG DISERAHKAN');
  });
});
