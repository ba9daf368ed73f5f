import ExcelJS from 'exceljs';
import { decodeCsvBytes, decodeWindows1252, readDaftarArsipFile, zipExpandedSize } from './daftar-arsip.file';
import { parseDaftarArsip } from './daftar-arsip.parser';

const TITLE = 'Laporan – évaluasi 2019';
/** "Laporan – évaluasi 2019" as Excel's "CSV" saves it on Windows: "–" is 0x96, "é" is 0xE9. */
const WINDOWS_1252 = Buffer.from([
  ...Buffer.from('Laporan ', 'latin1'),
  0x96,
  0x20,
  0xe9,
  ...Buffer.from('valuasi 2019', 'latin1'),
]);

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with and without a BOM, Windows-1252, and UTF-16 with a BOM', () => {
    expect(decodeCsvBytes(Buffer.from(TITLE, 'utf8'))).toBe(TITLE);
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TITLE)]))).toBe(TITLE);
    expect(decodeCsvBytes(WINDOWS_1252)).toBe(TITLE);
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TITLE, 'utf16le')]))).toBe(
      TITLE,
    );
  });

  it('reads the Windows-1252 letters Excel writes at 0x80–0x9F', () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x85, 0x93, 0x94, 0x96, 0x97, 0x99, 0xe9]))).toBe('€…“”–—™é');
  });

  it('honours a declared charset other than UTF-8, and sniffs past a wrong "utf-8"', () => {
    expect(decodeCsvBytes(WINDOWS_1252, 'ISO-8859-1')).toBe(TITLE);
    expect(decodeCsvBytes(WINDOWS_1252, 'utf-8')).toBe(TITLE);
    expect(decodeCsvBytes(Buffer.from('Café', 'utf8'), 'no-such-charset')).toBe('Café');
  });
});

async function xlsxOf(rows: ExcelJS.CellValue[][], sheets = ['Daftar Arsip']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of sheets.slice(0, -1)) workbook.addWorksheet(name).addRow(['catatan']);
  const sheet = workbook.addWorksheet(sheets[sheets.length - 1]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readDaftarArsipFile', () => {
  it('reads a Windows-1252 CSV with `;`', async () => {
    const csv = Buffer.concat([Buffer.from('Kode Klasifikasi;Uraian Informasi\r\n900.1;'), WINDOWS_1252]);
    expect(await readDaftarArsipFile(csv)).toEqual({
      format: 'csv',
      table: [
        ['Kode Klasifikasi', 'Uraian Informasi'],
        ['900.1', TITLE],
      ],
    });
  });

  it('reads the sheet of an XLSX that has the header: numbers, dates, rich text and formulas as text', async () => {
    const xlsx = await xlsxOf(
      [
        ['Kode Klasifikasi', 'Uraian Informasi Berkas', 'Kurun Waktu', 'Tanggal Surat', 'Jumlah'],
        [
          '900.1.3',
          { richText: [{ text: 'Laporan ' }, { text: '日本', font: { bold: true } }] },
          2019,
          new Date(Date.UTC(2026, 10, 2)),
          { formula: '1+2', result: 3 },
        ],
      ],
      ['Petunjuk', 'Daftar Arsip'],
    );
    const read = await readDaftarArsipFile(xlsx, { fileName: 'daftar.bin' });
    expect(read).toEqual({
      format: 'xlsx',
      table: [
        ['Kode Klasifikasi', 'Uraian Informasi Berkas', 'Kurun Waktu', 'Tanggal Surat', 'Jumlah'],
        ['900.1.3', 'Laporan 日本', '2019', '2026-11-02', '3'],
      ],
    });
    if ('error' in read) throw new Error(read.error.message);
    expect(parseDaftarArsip(read.table).rows[0].body).toMatchObject({
      title: 'Laporan 日本',
      year: 2019,
      letterDate: '2026-11-02',
      quantity: { count: 3, unit: 'berkas' },
    });
  });

  it('keeps the spreadsheet row numbers when rows are empty', async () => {
    const xlsx = await xlsxOf([['DAFTAR ARSIP'], [], ['Kode Klasifikasi', 'Uraian Informasi'], ['900', 'A']]);
    const read = await readDaftarArsipFile(xlsx);
    if ('error' in read) throw new Error(read.error.message);
    expect(parseDaftarArsip(read.table).rows.map((r) => r.row)).toEqual([4]);
  });

  it('refuses, before unpacking it, an XLSX that would unpack to more than the limit', async () => {
    const xlsx = await xlsxOf([
      ['Kode Klasifikasi', 'Uraian Informasi'],
      ['900', 'A'],
    ]);
    const size = zipExpandedSize(xlsx);
    expect(size).toBeGreaterThan(1000);
    // The same zip, its central directory claiming 1 GiB for its first part.
    const bomb = Buffer.from(xlsx);
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    const central = view.getUint32(bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16, true);
    view.setUint32(central + 24, 1024 * 1024 * 1024, true);
    expect(await readDaftarArsipFile(bomb)).toEqual({
      error: expect.objectContaining({ message: expect.stringContaining('lebih dari 256 MiB') }),
    });
  });

  it('refuses an Excel 97-2003 file and a broken XLSX, in Indonesian', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readDaftarArsipFile(xls)).toEqual({
      error: expect.objectContaining({ message: expect.stringContaining('.xls') }),
    });
    const broken = Buffer.from('PK\x03\x04 tidak lengkap', 'latin1');
    expect(await readDaftarArsipFile(broken)).toEqual({
      error: expect.objectContaining({ message: expect.stringContaining('tidak terbaca sebagai XLSX') }),
    });
  });
});
