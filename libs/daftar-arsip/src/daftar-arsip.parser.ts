import { parse } from 'csv-parse/sync';
import {
  COLUMN_LABELS,
  UNKNOWN_COLUMN_MESSAGE,
  fieldOfHeader,
  type ImportField,
} from './daftar-arsip.columns';
import {
  enumValue,
  jumlah,
  kind,
  kurunWaktu,
  securityClass,
  tanggal,
  years,
  type Converted,
} from './daftar-arsip.values';

/** One problem of an import, placed where the user sees it: spreadsheet row and column header. */
export interface RowError {
  /** 1-based, as the spreadsheet numbers its rows (the header is usually row 1). */
  row: number;
  column: string;
  message: string;
  code?: 'validation-failed' | 'classified-not-accepted' | 'forbidden' | 'already-exists';
}

/** A data row turned into the body POST /api/items would take (not validated yet). */
export interface ParsedRow {
  row: number;
  /** The row's own "No" cell, when the list has one. */
  no: string | null;
  body: Record<string, unknown>;
}

export interface ParsedDaftarArsip {
  rows: ParsedRow[];
  errors: RowError[];
  /** The header as written in the file for a body field path (`period.from` → "Kurun Waktu"). */
  columnOf(fieldPath: string): string;
}

/** A spreadsheet's cells as text, row by row (an XLSX sheet already read, see readXlsxTable). */
export type DaftarArsipTable = readonly (readonly string[])[];

export interface ParseOptions {
  /** Unit pengolah for rows without one (the officer's unit, the CLI's --unit). */
  defaultOriginUnitId?: string;
  /** Directory lookup of a unit typed by id or by name; unknown text is kept for the rules to refuse. */
  resolveUnit?: (text: string) => string | undefined;
}

const MAX_HEADER_SEARCH = 20;

/** Spreadsheets export `;` where the decimal comma is local (Indonesia), `,` elsewhere. */
export function detectDelimiter(csv: string): string {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const count = (separator: string) => outsideQuotes.split(separator).length - 1;
  const candidates = [';', ',', '\t'].sort((a, b) => count(b) - count(a));
  return count(candidates[0]) > 0 ? candidates[0] : ',';
}

/** The records of a CSV text; a text that is not CSV answers the row where reading stopped. */
export function readCsvTable(csv: string): { table: string[][] } | { error: RowError } {
  try {
    const table = parse(csv, {
      bom: true,
      delimiter: detectDelimiter(csv),
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
    return { table };
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    const message = `berkas tidak terbaca sebagai CSV: ${(error as Error).message}`;
    return { error: { row: lines ?? 1, column: '-', message, code: 'validation-failed' } };
  }
}

/**
 * Reads a daftar arsip (CSV text, `,` or `;`, BOM or not; or the cells of a spreadsheet) into
 * request bodies. Pure: the directory is handed in, nothing is recorded. Title lines above the
 * header are skipped; blank rows are ignored; every unreadable cell is reported, not just the first.
 */
export function parseDaftarArsip(
  input: string | DaftarArsipTable,
  options: ParseOptions = {},
): ParsedDaftarArsip {
  const errors: RowError[] = [];
  let records: DaftarArsipTable;
  if (typeof input === 'string') {
    const read = readCsvTable(input);
    if ('error' in read) return { rows: [], errors: [read.error], columnOf: String };
    records = read.table;
  } else {
    records = input.map((record) => record.map((cell) => cell.trim()));
  }

  const headerIndex = records.slice(0, MAX_HEADER_SEARCH).findIndex(isHeader);
  if (headerIndex < 0) {
    const message = `baris judul kolom tidak ditemukan: daftar memerlukan sedikitnya kolom '${COLUMN_LABELS.title}' dan '${COLUMN_LABELS.classificationCode}'`;
    return {
      rows: [],
      errors: [{ row: 1, column: '-', message, code: 'validation-failed' }],
      columnOf: String,
    };
  }
  const headerRow = headerIndex + 1;
  const headers = records[headerIndex];
  const fieldAt: (ImportField | undefined)[] = headers.map((header) => fieldOfHeader(header));
  const headerOf = new Map<ImportField, string>();
  headers.forEach((header, index) => {
    const field = fieldAt[index];
    if (header === '') return;
    if (!field) {
      errors.push({
        row: headerRow,
        column: header,
        message: UNKNOWN_COLUMN_MESSAGE,
        code: 'validation-failed',
      });
    } else if (headerOf.has(field)) {
      const message = `kolom yang sama dengan '${headerOf.get(field)}'`;
      errors.push({ row: headerRow, column: header, message, code: 'validation-failed' });
    } else {
      headerOf.set(field, header);
    }
  });
  const columnOf = (fieldPath: string): string => {
    const field = fieldOfPath(fieldPath);
    return field ? (headerOf.get(field) ?? COLUMN_LABELS[field]) : fieldPath;
  };

  const rows: ParsedRow[] = [];
  records.slice(headerIndex + 1).forEach((record, offset) => {
    if (record.every((cell) => cell === '')) return;
    if (offset === 0 && isColumnNumbering(record)) return;
    const row = headerRow + offset + 1;
    const cells = new Map<ImportField, string>();
    record.forEach((cell, index) => {
      const field = fieldAt[index];
      if (field && cell !== '' && !cells.has(field)) cells.set(field, cell);
      if (!field && cell !== '' && index >= headers.length) {
        errors.push({
          row,
          column: `kolom ${index + 1}`,
          message: 'isian di luar kolom yang berjudul',
          code: 'validation-failed',
        });
      }
    });
    const fail = (field: ImportField, message: string) =>
      errors.push({ row, column: columnOf(field), message, code: 'validation-failed' });
    rows.push({ row, no: cells.get('no') ?? null, body: toBody(cells, options, fail) });
  });
  return { rows, errors, columnOf };
}

/** Whether a table has a daftar arsip header row among its first lines. */
export const hasHeaderRow = (table: DaftarArsipTable): boolean =>
  table.slice(0, MAX_HEADER_SEARCH).some(isHeader);

/** The ANRI forms number their columns on the line under the header: 1, 2, 3, … is not a data row. */
const isColumnNumbering = (record: readonly string[]): boolean => {
  const filled = record.filter((cell) => cell !== '');
  return filled.length > 2 && filled.every((cell, index) => cell === String(index + 1));
};

function isHeader(record: readonly string[]): boolean {
  const fields = new Set(record.map((cell) => fieldOfHeader(cell)));
  return fields.has('title') && fields.has('classificationCode');
}

function fieldOfPath(path: string): ImportField | undefined {
  const [head, tail] = path.split('.');
  if (head === 'year' || head === 'period') return 'period';
  if (head === 'retention') {
    if (tail === 'inactiveYears') return 'inactiveYears';
    if (tail === 'disposition') return 'disposition';
    return 'activeYears';
  }
  return (COLUMN_LABELS as Record<string, string>)[head] ? (head as ImportField) : undefined;
}

type Fail = (field: ImportField, message: string) => void;

function toBody(cells: Map<ImportField, string>, options: ParseOptions, fail: Fail): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'file' };
  const take = (field: ImportField, convert: (text: string) => Converted): unknown => {
    const text = cells.get(field);
    if (text === undefined) return undefined;
    const converted = convert(text);
    if ('error' in converted) {
      fail(field, converted.error);
      return undefined;
    }
    return converted.value;
  };
  const asText = (text: string): Converted => ({ value: text });

  body.id = take('id', asText);
  body.kind = take('kind', kind) ?? 'file';
  body.title = take('title', asText);
  body.classificationCode = take('classificationCode', asText);
  body.securityClass = take('securityClass', securityClass);
  const unit = cells.get('originUnitId');
  body.originUnitId =
    unit === undefined ? options.defaultOriginUnitId : (options.resolveUnit?.(unit) ?? unit);
  const period = cells.get('period');
  if (period !== undefined) {
    const converted = kurunWaktu(period);
    if ('error' in converted) fail('period', converted.error);
    else Object.assign(body, converted);
  }
  body.copyStatus = take('copyStatus', enumValue);
  body.quantity = take('quantity', jumlah);
  body.folderNo = take('folderNo', asText);
  body.boxNo = take('boxNo', asText);
  body.notes = take('notes', asText);
  const retention = {
    activeYears: take('activeYears', years),
    inactiveYears: take('inactiveYears', years),
    disposition: take('disposition', enumValue),
  };
  const retentionCells = (['activeYears', 'inactiveYears', 'disposition'] as const).filter((f) =>
    cells.has(f),
  );
  if (retentionCells.length > 0) body.retention = retention;
  const addressee = cells.get('addresseeUnitId');
  body.addresseeUnitId =
    addressee === undefined ? undefined : (options.resolveUnit?.(addressee) ?? addressee);
  body.letterNumber = take('letterNumber', asText);
  body.letterDate = take('letterDate', tanggal);
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
