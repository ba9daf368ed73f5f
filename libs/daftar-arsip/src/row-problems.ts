import type { RowError } from './daftar-arsip.parser';

export interface RowProblem {
  row: number;
  errors: { column: string; message: string }[];
}

/**
 * The problem body's `errors` (one per bad cell, `row 7: Kode Klasifikasi`; row 0 is about the whole
 * list, named by its field alone) and `rows` (grouped by spreadsheet row).
 */
export function rowProblems(errors: RowError[]): {
  errors: { field: string; message: string }[];
  rows: RowProblem[];
} {
  const rows = new Map<number, RowProblem>();
  for (const { row, column, message } of errors) {
    if (row === 0) continue;
    if (!rows.has(row)) rows.set(row, { row, errors: [] });
    rows.get(row)!.errors.push({ column, message });
  }
  return {
    errors: errors.map(({ row, column, message }) => ({
      field: row > 0 ? `row ${row}: ${column}` : column,
      message,
    })),
    rows: [...rows.values()],
  };
}
