import ExcelJS from 'exceljs';
import { COPY_STATUSES, DISPOSITIONS, QUANTITY_UNITS } from '@jejak/custody';
import { COLUMN_LABELS, COLUMN_VARIANTS, type ImportField } from './daftar-arsip.columns';

interface TemplateColumn {
  field: ImportField;
  required: boolean;
  accepts: string;
  example: string;
  /** Values offered as a drop-down list in the XLSX form. */
  list?: readonly string[];
  /** Kept as text, so Excel does not turn 900.1 or 001 into a number. */
  text?: boolean;
  width: number;
}

/** The blank form, in the order of the ANRI daftar arsip inaktif, then the letters' columns. */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { field: 'no', required: false, accepts: 'nomor urut', example: '1', width: 6 },
  {
    field: 'classificationCode',
    required: true,
    accepts: 'kode klasifikasi arsip',
    example: '900.1.3',
    text: true,
    width: 16,
  },
  {
    field: 'title',
    required: true,
    accepts: 'uraian informasi berkas',
    example: 'Laporan keuangan 2019',
    width: 48,
  },
  {
    field: 'period',
    required: false,
    accepts: 'tahun (2019) atau rentang (2015-2017)',
    example: '2019',
    width: 14,
  },
  {
    field: 'copyStatus',
    required: false,
    accepts: COPY_STATUSES.join(', '),
    example: 'asli',
    list: COPY_STATUSES,
    width: 14,
  },
  {
    field: 'quantity',
    required: false,
    accepts: `jumlah dan satuan: ${QUANTITY_UNITS.join(', ')} (tanpa satuan: berkas)`,
    example: '2 berkas',
    width: 12,
  },
  { field: 'folderNo', required: false, accepts: 'nomor folder', example: 'F-01', text: true, width: 10 },
  { field: 'boxNo', required: false, accepts: 'nomor boks', example: 'B-001', text: true, width: 10 },
  {
    field: 'securityClass',
    required: true,
    accepts: 'biasa atau terbatas (rahasia dan sangat rahasia ditolak)',
    example: 'biasa',
    list: ['biasa', 'terbatas'],
    width: 12,
  },
  { field: 'activeYears', required: false, accepts: 'tahun', example: '2', width: 10 },
  { field: 'inactiveYears', required: false, accepts: 'tahun', example: '3', width: 10 },
  {
    field: 'disposition',
    required: false,
    accepts: DISPOSITIONS.join(', ').replace('_', ' '),
    example: 'musnah',
    list: DISPOSITIONS.map((d) => d.replace('_', ' ')),
    width: 14,
  },
  {
    field: 'originUnitId',
    required: false,
    accepts: 'kode atau nama unit (kosong: unit pengimpor)',
    example: 'kec-cikarang-utara',
    width: 22,
  },
  { field: 'notes', required: false, accepts: 'teks bebas', example: 'Lengkap', width: 20 },
  {
    field: 'kind',
    required: false,
    accepts: 'arsip atau surat (kosong: arsip)',
    example: 'arsip',
    list: ['arsip', 'surat'],
    width: 8,
  },
  {
    field: 'id',
    required: false,
    accepts: 'ID sendiri (kosong: diberi Jejak)',
    example: '',
    text: true,
    width: 14,
  },
  { field: 'addresseeUnitId', required: false, accepts: 'surat: unit tujuan', example: '', width: 18 },
  {
    field: 'letterNumber',
    required: false,
    accepts: 'surat: nomor surat',
    example: '',
    text: true,
    width: 18,
  },
  {
    field: 'letterDate',
    required: false,
    accepts: 'surat: 2026-11-02 atau 02-11-2026',
    example: '',
    text: true,
    width: 14,
  },
];

const headers = () => TEMPLATE_COLUMNS.map((c) => COLUMN_LABELS[c.field]);

/** The blank form as CSV: `;` (what Excel in Indonesia expects) and a BOM, so Excel reads it as UTF-8. */
export function templateCsv(): string {
  return `\uFEFF${headers().join(';')}\r\n`;
}

const DATA_ROWS = 1000;

/** The blank form as XLSX: the header, drop-down lists, text columns, and a sheet of instructions. */
export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jejak';
  const sheet = workbook.addWorksheet('Daftar Arsip', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: COLUMN_LABELS[c.field],
    key: c.field,
    width: c.width,
    style: c.text ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  TEMPLATE_COLUMNS.forEach((c, index) => {
    if (!c.list) return;
    const column = sheet.getColumn(index + 1).letter;
    for (let row = 2; row <= DATA_ROWS; row++) {
      sheet.getCell(`${column}${row}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.list.join(',')}"`],
      };
    }
  });

  const help = workbook.addWorksheet('Petunjuk');
  help.columns = [
    { header: 'Kolom', width: 22 },
    { header: 'Wajib', width: 7 },
    { header: 'Isian', width: 60 },
    { header: 'Contoh', width: 22 },
    { header: 'Judul lain yang diterima', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) {
    help.addRow([
      COLUMN_LABELS[c.field],
      c.required ? 'ya' : '',
      c.accepts,
      c.example,
      COLUMN_VARIANTS[c.field].join(', '),
    ]);
  }
  help.addRow([]);
  help.addRow(['Satu baris satu arsip. Baris judul di atas judul kolom dan baris kosong dilewati.']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
