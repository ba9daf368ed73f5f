import type { BeritaAcaraData, BeritaAcaraRow } from './berita-acara-data';
import { BERITA_ACARA_TITLE, renderBeritaAcara } from './berita-acara.pdf';
import { pdfPages } from '../../../../test/support/pdf-text';

const row = (no: number, overrides: Partial<BeritaAcaraRow> = {}): BeritaAcaraRow => ({
  no,
  kodeKlasifikasi: '900.1.3',
  uraianInformasi: `Laporan Realisasi Anggaran nomor ${no}`,
  kurunWaktu: '2015–2017',
  tingkatPerkembangan: 'Asli',
  jumlah: '1 berkas',
  noBoksFolder: '12 / 3',
  keterangan: 'Diterima, disimpan di R1 / R1-03',
  ...overrides,
});

const data = (overrides: Partial<BeritaAcaraData> = {}): BeritaAcaraData => ({
  baNumber: 'BA-012/ARS/2026',
  date: '2026-11-30T03:00:00.000Z',
  statusText: 'Selesai dengan selisih',
  final: true,
  pihakPertama: {
    unitId: 'kec-cikarang-utara',
    unitName: 'Kecamatan Cikarang Utara',
    person: { id: 'KURIR-A', name: 'Budi Santoso', jabatan: 'Kurir' },
  },
  pihakKedua: {
    unitId: 'depo-arsip-bekasi',
    unitName: 'Depo Arsip Kabupaten Bekasi',
    person: { id: 'NIP-1980', name: 'Siti Aminah', jabatan: 'Petugas Depo Arsip' },
  },
  rows: [row(1), row(2, { keterangan: 'Rusak: sampul sobek' }), row(3, { keterangan: 'Tidak ada' })],
  rekonsiliasi: { diterima: 1, rusak: 1, tidakAda: 1, tidakSesuaiDaftar: 1 },
  tidakSesuaiDaftar: [{ itemId: 'BERKAS-LIAR-7', keterangan: 'tidak ada di daftar' }],
  ...overrides,
});

const textOf = async (input: BeritaAcaraData) => {
  const pdf = await renderBeritaAcara(input);
  const pages = await pdfPages(pdf);
  return { pdf, pages: pages.length, text: pages.join(' ').replace(/\s+/g, ' ') };
};

describe('renderBeritaAcara', () => {
  it('prints title, number, Indonesian date, both parties, the table headers and the reconciliation', async () => {
    const { pdf, text } = await textOf(data());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(text).toContain(BERITA_ACARA_TITLE);
    expect(text).toContain('Nomor: BA-012/ARS/2026');
    expect(text).toContain('Senin tanggal 30 November 2026');
    for (const expected of [
      'PIHAK PERTAMA',
      'PIHAK KEDUA',
      'Kecamatan Cikarang Utara',
      'Depo Arsip Kabupaten Bekasi',
      'Budi Santoso (KURIR-A)',
      'Siti Aminah (NIP-1980)',
      'Petugas Depo Arsip',
      'No.',
      'Kode Klasifikasi',
      'Uraian Informasi',
      'Kurun Waktu',
      'Tingkat Perkembangan',
      'Jumlah',
      'No. Boks/Folder',
      'Keterangan',
      '2015–2017',
      'Rusak: sampul sobek',
      'BERKAS-LIAR-7',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Diterima: 1 .*Rusak: 1 .*Tidak ada: 1 .*Tidak sesuai daftar: 1/);
    expect(text).toContain('(Budi Santoso) PIHAK KEDUA');
    expect(text).not.toContain('draf');
  });

  it('runs a long daftar arsip onto further pages without losing a line', async () => {
    const rows = Array.from({ length: 60 }, (_, index) => row(index + 1));
    const { pages, text } = await textOf(data({ rows }));
    expect(pages).toBeGreaterThan(1);
    for (const line of rows) expect(text).toContain(line.uraianInformasi);
    // The header row repeats on each page the table runs onto.
    expect(text.split('Uraian Informasi').length - 1).toBeGreaterThanOrEqual(pages);
  });

  it('marks a report printed before intake as a draft, with blank lines for who has not signed', async () => {
    const { text } = await textOf(
      data({
        final: false,
        statusText: 'Dalam perjalanan, belum diterima (draf)',
        pihakKedua: { unitId: 'depo-arsip-bekasi', unitName: 'Depo Arsip Kabupaten Bekasi', person: null },
        rekonsiliasi: null,
        tidakSesuaiDaftar: [],
      }),
    );
    expect(text).toContain('Dalam perjalanan, belum diterima (draf)');
    expect(text).toContain('Belum diperiksa oleh PIHAK KEDUA');
    expect(text).toContain('(..............................)');
  });
});
