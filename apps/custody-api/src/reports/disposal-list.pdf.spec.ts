import type { ItemView } from '@jejak/read-models';
import { renderDisposalList } from './disposal-list.pdf';
import { toDisposalRows } from './disposal-list.rows';
import { pdfPages } from '../../../../test/support/pdf-text';
import type { DocumentHeading } from '../documents/pdf-document';

jest.setTimeout(20_000);

const heading: DocumentHeading = {
  regency: 'Pemerintah Kabupaten Bekasi',
  agency: 'Dinas Perpustakaan dan Kearsipan',
  address: '',
  place: 'Cikarang Pusat',
  mengetahui: 'Kepala Dinas Perpustakaan dan Kearsipan',
};

const view = (n: number, overrides: Partial<ItemView> = {}): ItemView =>
  ({
    itemId: `ARS-${String(n).padStart(4, '0')}`,
    kind: 'file',
    title: `Buku kas umum jilid ${n}`,
    classificationCode: '900.1.3',
    securityClass: 'biasa',
    originUnitId: 'kec-cikarang-utara',
    year: 2015,
    retention: { activeYears: 1, inactiveYears: 2, disposition: 'musnah' },
    storage: { room: 'R1', shelf: 'R1-03', box: 'B-0042' },
    ...overrides,
  }) as ItemView;

const textOf = async (pdf: Buffer) => {
  const pages = await pdfPages(pdf);
  return { pages: pages.length, text: pages.join(' ').replace(/\s+/g, ' ') };
};

describe('the daftar arsip usul musnah', () => {
  it('prints each item as a row of the Indonesian columns', () => {
    const [row] = toDisposalRows([
      view(1, {
        year: undefined,
        period: { from: 2014, to: 2016 },
        quantity: { count: 3, unit: 'berkas' },
        notes: 'Sampul rusak',
      }),
    ]);
    expect(row).toEqual({
      no: 1,
      kodeKlasifikasi: '900.1.3',
      uraianInformasi: 'Buku kas umum jilid 1',
      kurunWaktu: '2014-2016',
      jumlah: '3 berkas',
      retensi: '1 th aktif, 2 th inaktif',
      nasibAkhir: 'Musnah',
      keterangan: 'ID ARS-0001; Sampul rusak; Lokasi: ruang R1, rak R1-03, boks B-0042',
    });
    const [bare] = toDisposalRows([view(2, { retention: undefined, storage: null, year: undefined })]);
    expect(bare).toMatchObject({
      kurunWaktu: '-',
      jumlah: '-',
      retensi: '-',
      nasibAkhir: '-',
      keterangan: 'ID ARS-0002',
    });
  });

  it('runs over several pages with the header repeated, every row printed and the pages numbered', async () => {
    const rows = toDisposalRows(Array.from({ length: 70 }, (_, i) => view(i + 1)));
    const pdf = await renderDisposalList(
      {
        title: 'DAFTAR ARSIP USUL MUSNAH',
        asOf: '2026-11-30T20:00:00.000Z',
        depotName: 'Depo Arsip Kabupaten Bekasi',
        rows,
        truncatedAt: null,
      },
      heading,
    );
    const { pages, text } = await textOf(pdf);
    expect(pages).toBeGreaterThan(1);
    // The table header heads every page the table runs on (the signatures may have a page of their own).
    expect(text.split('Uraian Informasi').length - 1).toBeGreaterThanOrEqual(pages - 1);
    expect(text.split('Uraian Informasi').length - 1).toBeGreaterThan(1);
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    for (let n = 1; n <= 70; n++) expect(text).toContain(`ID ARS-${String(n).padStart(4, '0')}`);
    expect(text).toContain('per 1 Desember 2026');
    expect(text).toContain('Depo Arsip Kabupaten Bekasi');
    expect(text).toContain('Jumlah: 70 arsip');
    expect(text).toContain('Cikarang Pusat, 1 Desember 2026');
    expect(text).toContain('PEMERINTAH KABUPATEN BEKASI');
    expect(text).not.toContain('daftar lanjutan');
  });

  it("says so when the list is empty, and when it stops at the read models' page limit", async () => {
    const empty = await textOf(
      await renderDisposalList(
        {
          title: 'X',
          asOf: '2026-01-01T00:00:00Z',
          depotName: null,
          rows: [],
          truncatedAt: null,
        },
        heading,
      ),
    );
    expect(empty.text).toContain('Tidak ada arsip yang masa retensinya telah habis.');
    const cut = await textOf(
      await renderDisposalList(
        {
          title: 'X',
          asOf: '2026-01-01T00:00:00Z',
          depotName: null,
          rows: toDisposalRows([view(1)]),
          truncatedAt: 1,
        },
        heading,
      ),
    );
    expect(cut.text).toContain('memuat 1 arsip pertama');
  });
});
