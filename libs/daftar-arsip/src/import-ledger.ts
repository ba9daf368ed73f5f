import { createHash } from 'node:crypto';
import type { DaftarArsipTable } from './daftar-arsip.parser';

/**
 * An import done before, as the refusal of the same list names it. The ledger itself is the
 * directory's ImportLedgerStore (shared by replicas on MongoDB), claimed before an import.
 */
export interface EarlierImport {
  importId: string;
  importedAt: string;
  imported: number;
  actorId: string;
}

/**
 * The same list for the same unit, whatever its encoding, separator or format: the cells of its
 * non-blank rows (trailing blank cells dropped) and the unit that rows without one fall to.
 */
export function listFingerprint(table: DaftarArsipTable, defaultOriginUnitId: string | undefined): string {
  const rows = table
    .map((row) => {
      const cells = row.map((cell) => cell.trim());
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      return cells;
    })
    .filter((cells) => cells.length > 0);
  return createHash('sha256')
    .update(JSON.stringify({ unit: defaultOriginUnitId ?? null, rows }))
    .digest('hex');
}

/** The refusal of a list imported before, in the words the officer reads. */
export function duplicateMessage(earlier: EarlierImport, optIn: string): string {
  return (
    `Daftar arsip ini sudah diimpor pada ${earlier.importedAt} (${earlier.importId}, ${earlier.imported} arsip, oleh ${earlier.actorId}); ` +
    `tidak ada yang dicatat. Untuk mengimpornya sekali lagi sebagai arsip baru, kirim ulang dengan ${optIn}.`
  );
}

/** The refusal of a list another import (another officer, replica or run) is importing now. */
export function importingMessage(claimedAt: string, actorId: string): string {
  return (
    `Daftar arsip ini sedang diimpor sejak ${claimedAt} (oleh ${actorId}); tidak ada yang dicatat. ` +
    'Coba lagi setelah impor itu selesai: bila sudah tercatat, daftar ini akan ditolak sebagai sudah diimpor.'
  );
}
