import ExcelJS from 'exceljs';
import { hasHeaderRow, readCsvTable, type RowError } from './daftar-arsip.parser';

export type DaftarArsipFormat = 'csv' | 'xlsx';

/** What an upload or a file on disk says about itself: a Content-Type, a file name, or neither. */
export interface FileHints {
  contentType?: string;
  fileName?: string;
}

export type ReadFile = { format: DaftarArsipFormat; table: string[][] } | { error: RowError };

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const refused = (message: string): { error: RowError } => ({
  error: { row: 1, column: '-', message, code: 'validation-failed' },
});

/**
 * CSV bytes to text: a BOM decides (UTF-8, UTF-16); a declared charset other than UTF-8 is
 * honoured (ISO-8859-1 read as Windows-1252, as browsers do); otherwise UTF-8 when the bytes are
 * valid UTF-8, and Windows-1252 (what Excel's "CSV" saves on an Indonesian or English Windows)
 * when they are not.
 */
export function decodeCsvBytes(bytes: Uint8Array, charset?: string): string {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, 0xff, 0xfe)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, 0xfe, 0xff)) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const declared = charset?.trim().toLowerCase().replace(/^"|"$/g, '');
  if (declared && SINGLE_BYTE_WESTERN.test(declared)) return decodeWindows1252(bytes);
  if (declared && !/^utf-?8$/.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: sniff as if none were given.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** The charset parameter of a Content-Type, if any. */
export const charsetOf = (contentType: string | undefined): string | undefined =>
  /;\s*charset=([^;]+)/i.exec(contentType ?? '')?.[1];

/** Windows-1252 at 0x80–0x9F (the rest is ISO-8859-1); unassigned bytes stay as their C1 controls. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 by hand: Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1, so Excel's
 * "–" (0x96) would come out as an invisible control character.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return text;
}

const SINGLE_BYTE_WESTERN =
  /^(?:windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|latin1|l1|us-ascii|ascii)$/;

const isXlsx = (bytes: Uint8Array, hints: FileHints) =>
  startsWith(bytes, ...ZIP) ||
  (hints.contentType ?? '').toLowerCase().startsWith(XLSX_CONTENT_TYPE) ||
  /\.xlsx$/i.test(hints.fileName ?? '');

/** A daftar arsip file as a table of text cells: XLSX by its bytes (a zip) or its name, else CSV. */
export async function readDaftarArsipFile(bytes: Uint8Array, hints: FileHints = {}): Promise<ReadFile> {
  if (startsWith(bytes, ...OLE2) || /\.xls$/i.test(hints.fileName ?? '')) {
    return refused('berkas Excel 97-2003 (.xls) tidak didukung: simpan sebagai .xlsx atau CSV');
  }
  if (isXlsx(bytes, hints)) {
    const table = await readXlsxTable(bytes);
    return 'error' in table ? table : { format: 'xlsx', table };
  }
  const read = readCsvTable(decodeCsvBytes(bytes, charsetOf(hints.contentType)));
  return 'error' in read ? read : { format: 'csv', table: read.table };
}

/** A daftar arsip of tens of thousands of rows unpacks to a few MiB; far more is a zip bomb. */
export const MAX_XLSX_EXPANDED_BYTES = 256 * 1024 * 1024;

/**
 * What the parts of a zip unpack to, as its central directory says (null when it cannot be read,
 * or declares ZIP64 sizes). Read before exceljs unpacks anything, so a small upload that would
 * unpack to gigabytes is refused instead of filling the memory.
 */
export function zipExpandedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  return total;
}

/** The cells of the first sheet that has a daftar arsip header (else of the first sheet), as text. */
export async function readXlsxTable(bytes: Uint8Array): Promise<string[][] | { error: RowError }> {
  const expanded = zipExpandedSize(bytes);
  if (expanded === null) return refused('berkas tidak terbaca sebagai XLSX: struktur zip-nya rusak');
  if (expanded > MAX_XLSX_EXPANDED_BYTES) {
    return refused(
      `berkas XLSX ini terurai menjadi ${Math.round(expanded / 1024 / 1024)} MiB, lebih dari ${MAX_XLSX_EXPANDED_BYTES / 1024 / 1024} MiB yang diterima`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    return refused(`berkas tidak terbaca sebagai XLSX: ${(error as Error).message}`);
  }
  const tables = workbook.worksheets.map(sheetTable);
  if (tables.length === 0) return refused('berkas XLSX tidak berisi lembar kerja');
  return tables.find(hasHeaderRow) ?? tables[0];
}

function sheetTable(sheet: ExcelJS.Worksheet): string[][] {
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    // Spreadsheet row numbers stay the user's: an empty row is an empty record, not skipped.
    table[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '');
  });
  const rows = Array.from(table, (row) => row ?? []);
  // Formatted but empty rows at the end (the form's drop-down lists reach row 1000) are no rows.
  while (rows.length > 0 && rows[rows.length - 1].every((cell) => cell === '')) rows.pop();
  return rows;
}

/** A cell as the user sees it: a date as 2026-11-02, a formula as its result, rich text as text. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result);
  if ('text' in value) return cellText(value.text);
  if ('error' in value) return String(value.error);
  return '';
}
