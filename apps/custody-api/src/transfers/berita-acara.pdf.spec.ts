import type { BeritaAcaraData, BeritaAcaraRow } from './berita-acara-data';
import { BERITA_ACARA_TITLE, renderBeritaAcara } from './berita-acara.pdf';
import type { DocumentHeading } from '../documents/pdf-document';
import { pdfPages } from '../../../../test/support/pdf-text';
import { decodeQrCodes } from '../../../../test/support/qr-decode';
import { signedCheckpoint } from '../documents/testing/signed-checkpoint';

const heading: DocumentHeading = {
  regency: 'Pemerintah Kabupaten Bekasi',
  agency: 'Dinas Perpustakaan dan Kearsipan',
  address: 'Jl. Contoh No. 1, Cikarang Pusat',
  place: 'Cikarang Pusat',
  mengetahui: 'Kepala Dinas Perpustakaan dan Kearsipan',
  mengetahuiName: 'Drs. H. Ahmad Fauzi, M.Si.',
  mengetahuiNip: '196805121994031007',
};

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
  place: 'Depo Arsip Kabupaten Bekasi',
  statusText: 'Selesai dengan selisih',
  final: true,
  pihakPertama: {
    unitId: 'kec-cikarang-utara',
    unitName: 'Kecamatan Cikarang Utara',
    person: { id: 'siti', name: 'Siti Rahayu', nip: '198001012005012001', jabatan: 'Arsiparis Ahli Muda' },
  },
  pihakKedua: {
    unitId: 'depo-arsip-bekasi',
    unitName: 'Depo Arsip Kabupaten Bekasi',
    person: { id: 'NIP-1980', name: 'Yamada 日本', nip: null, jabatan: 'Petugas Depo Arsip' },
  },
  handovers: [
    {
      at: '2026-11-30T01:00:00.000Z',
      from: 'Kecamatan Cikarang Utara',
      to: 'kurir Budi Santoso (KURIR-A)',
      acknowledgement: 'pengakuan: kode',
    },
    {
      at: '2026-11-30T02:00:00.000Z',
      from: 'kurir Budi Santoso (KURIR-A)',
      to: 'kurir Andi (KURIR-B)',
      acknowledgement: 'akun: diterima oleh Andi (KURIR-B)',
    },
  ],
  rows: [
    row(1, { uraianInformasi: 'Surat dari Kedutaan 日本 – Café' }),
    row(2, { keterangan: 'Rusak: sampul sobek' }),
    row(3, { jumlah: '-', keterangan: 'Catatan petugas: map biru. Tidak ada' }),
  ],
  totalJumlah: '2 berkas, 1 arsip tanpa keterangan jumlah',
  rekonsiliasi: { diterima: 1, rusak: 1, tidakAda: 1, tidakSesuaiDaftar: 1, ditolak: 1, belumDiperiksa: 0 },
  ditolak: [{ itemId: 'ARS-0004', kurir: 'Andi (KURIR-B)', keterangan: 'basah terendam' }],
  tidakSesuaiDaftar: [{ itemId: 'BERKAS-LIAR-7', keterangan: 'tidak ada di daftar' }],
  checkpoint: null,
  ...overrides,
});

const textOf = async (input: BeritaAcaraData) => {
  const pdf = await renderBeritaAcara(input, heading);
  const pages = await pdfPages(pdf);
  return { pdf, pages, text: pages.join(' ').replace(/\s+/g, ' ') };
};

jest.setTimeout(20_000);

describe('renderBeritaAcara', () => {
  it('prints the form: letterhead, number, the date in words, the place, both parties with NIP and jabatan', async () => {
    const { pdf, text } = await textOf(data());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const expected of [
      'PEMERINTAH KABUPATEN BEKASI',
      'DINAS PERPUSTAKAAN DAN KEARSIPAN',
      'Jl. Contoh No. 1, Cikarang Pusat',
      BERITA_ACARA_TITLE,
      'Nomor: BA-012/ARS/2026',
      'Pada hari Senin tanggal tiga puluh bulan November tahun dua ribu dua puluh enam (30 November 2026), bertempat di Depo Arsip Kabupaten Bekasi',
      'Siti Rahayu',
      ': 198001012005012001',
      'Arsiparis Ahli Muda',
      'selanjutnya disebut PIHAK PERTAMA',
      'selanjutnya disebut PIHAK KEDUA',
      'Cikarang Pusat, 30 November 2026',
      'NIP 198001012005012001',
      'Mengetahui,',
      'Kepala Dinas Perpustakaan dan Kearsipan',
      'Drs. H. Ahmad Fauzi, M.Si. NIP 196805121994031007',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('draf');
  });

  it('prints CJK, the en dash and accents as written', async () => {
    const { text } = await textOf(data());
    expect(text).toContain('Yamada 日本');
    expect(text).toContain('Surat dari Kedutaan 日本 – Café');
    expect(text).toContain('2015–2017');
  });

  it("lists the couriers' handovers with each acknowledgement method", async () => {
    const { text } = await textOf(data());
    expect(text).toContain(
      '1. 30 November 2026, 08.00 WIB: dari Kecamatan Cikarang Utara kepada kurir Budi Santoso (KURIR-A); pengakuan: kode.',
    );
    expect(text).toContain('kepada kurir Andi (KURIR-B); akun: diterima oleh Andi (KURIR-B).');
  });

  it('names the files of each part when the consignment was split between couriers', async () => {
    const handovers = data().handovers;
    const { text } = await textOf(
      data({
        handovers: [
          handovers[0],
          { ...handovers[1], items: 'no. 3 daftar arsip (1 dari 3 berkas)' },
          {
            at: '2026-11-30T03:00:00.000Z',
            from: 'kurir Budi Santoso (KURIR-A)',
            to: 'Depo Arsip Kabupaten Bekasi',
            acknowledgement: 'akun: diperiksa oleh Yamada 日本 (NIP-1980)',
            items: 'no. 1, 2 daftar arsip (2 dari 3 berkas)',
          },
        ],
      }),
    );
    expect(text).toContain(
      'kepada kurir Andi (KURIR-B), sebagian muatan: no. 3 daftar arsip (1 dari 3 berkas); akun: diterima oleh Andi (KURIR-B).',
    );
    expect(text).toContain(
      'kepada Depo Arsip Kabupaten Bekasi, sebagian muatan: no. 1, 2 daftar arsip (2 dari 3 berkas)',
    );
  });

  it('puts the daftar arsip in a lampiran with totals, keeps the Keterangan, and numbers the pages', async () => {
    const { pages, text } = await textOf(data());
    const lampiran = pages.findIndex((page) => page.includes('Lampiran Berita Acara Nomor BA-012/ARS/2026'));
    expect(lampiran).toBeGreaterThan(0);
    const table = pages.slice(lampiran).join(' ').replace(/\s+/g, ' ');
    for (const header of [
      'Kode Klasifikasi',
      'Uraian Informasi',
      'Kurun Waktu',
      'Tingkat Perkembangan',
      'Jumlah',
      'No. Boks/ Folder',
      'Keterangan',
    ]) {
      expect(table).toContain(header);
    }
    expect(table).toContain('Catatan petugas: map biru. Tidak ada');
    expect(table).toContain('Jumlah 3 arsip (2 berkas, 1 arsip tanpa keterangan jumlah)');
    expect(text).toMatch(/Diterima: 1; Rusak: 1; Tidak ada: 1; Tidak sesuai daftar: 1; Ditolak: 1/);
    expect(text).toContain('Ditolak, tetap dalam penguasaan kurir Andi (KURIR-B): ARS-0004, basah terendam');
    expect(text).toContain('BERKAS-LIAR-7');
    expect(text).toContain(`Halaman 1 dari ${pages.length}`);
    expect(text).toContain(`Halaman ${pages.length} dari ${pages.length}`);
  });

  it('runs a long daftar arsip onto further pages without losing a line, the header repeated', async () => {
    const rows = Array.from({ length: 60 }, (_, index) => row(index + 1));
    const { pages, text } = await textOf(data({ rows }));
    expect(pages.length).toBeGreaterThan(2);
    for (const line of rows) expect(text).toContain(line.uraianInformasi);
    const lampiran = pages.findIndex((page) => page.includes('Lampiran Berita Acara'));
    for (const page of pages.slice(lampiran)) expect(page).toContain('Uraian Informasi');
  });

  it('marks a draft, with blank lines for who has not signed, and prints the log checkpoint when there is one', async () => {
    const { text } = await textOf(
      data({
        final: false,
        statusText: 'Dalam perjalanan, belum diterima (draf)',
        pihakKedua: { unitId: 'depo-arsip-bekasi', unitName: 'Depo Arsip Kabupaten Bekasi', person: null },
        rekonsiliasi: null,
        tidakSesuaiDaftar: [],
        checkpoint: 'ukuran 42, akar 9f2c…',
      }),
    );
    expect(text).toContain('Status: Dalam perjalanan, belum diterima (draf)');
    expect(text).toContain('Belum diperiksa oleh PIHAK KEDUA');
    expect(text).toContain('(..............................)');
    expect(text).toContain('Checkpoint log terverifikasi: ukuran 42, akar 9f2c…');
  });

  it('seals the signature page with a QR code of the signed checkpoint and prints its key on every page, adding no page', async () => {
    const checkpoint = signedCheckpoint();
    const pdf = await renderBeritaAcara(data({ checkpoint: checkpoint.line }), heading, checkpoint);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength((await pdfPages(await renderBeritaAcara(data(), heading))).length);
    // Once, on the page of the signatures.
    expect((await decodeQrCodes(pdf)).flat()).toEqual([checkpoint.note]);
    for (const page of pages) {
      const text = page.replace(/\s+/g, ' ');
      expect(text).toContain(`Checkpoint log terverifikasi: ${checkpoint.line}`);
      expect(text).toContain(`Kunci verifikasi: ${checkpoint.vkey}`);
    }
  });
});
