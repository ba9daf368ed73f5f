import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DaftarArsipTable } from './daftar-arsip.parser';

/** An import done before, as the refusal of the same list names it. */
export interface EarlierImport {
  importId: string;
  importedAt: string;
  imported: number;
  actorId: string;
}

/**
 * The lists imported so far, by fingerprint, so the same list is not registered twice by mistake.
 * Kept in the directory database; written after the items are recorded, so an import cut off
 * half-way is not "done" and its retry completes it.
 */
export class ImportLedger {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS daftar_arsip_imports (
        import_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported INTEGER NOT NULL,
        actor_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS daftar_arsip_imports_by_fingerprint
        ON daftar_arsip_imports (fingerprint, imported_at);
    `);
  }

  /** Earlier imports of the same list, oldest first. */
  earlier(fingerprint: string): EarlierImport[] {
    return this.db
      .prepare(
        `SELECT import_id AS importId, imported_at AS importedAt, imported, actor_id AS actorId
           FROM daftar_arsip_imports WHERE fingerprint = ? ORDER BY imported_at, import_id`,
      )
      .all(fingerprint) as EarlierImport[];
  }

  /** Once per import: a retry that completes an import does not count it twice. */
  record(fingerprint: string, entry: EarlierImport): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO daftar_arsip_imports (import_id, fingerprint, imported_at, imported, actor_id)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(entry.importId, fingerprint, entry.importedAt, entry.imported, entry.actorId);
  }
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
