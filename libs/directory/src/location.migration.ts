import type Database from 'better-sqlite3';
import { BEKASI_DIRECTORY } from './bekasi-directory.seed';

/**
 * Stores made before places could be deactivated or carried their Kemendagri code get both
 * columns; the seeded kecamatan and desa/kelurahan get their code (a code set by hand is kept).
 * Idempotent: runs at every start, and changes nothing once done.
 */
export function migrateLocations(db: Database.Database): void {
  const columns = new Set(
    (db.prepare('PRAGMA table_info(locations)').all() as { name: string }[]).map((c) => c.name),
  );
  if (columns.has('kemendagri_code') && columns.has('active')) return;
  db.transaction(() => {
    if (!columns.has('active')) db.exec('ALTER TABLE locations ADD COLUMN active INTEGER NOT NULL DEFAULT 1');
    if (!columns.has('kemendagri_code')) db.exec('ALTER TABLE locations ADD COLUMN kemendagri_code TEXT');
    const fill = db.prepare(
      'UPDATE locations SET kemendagri_code = ? WHERE id = ? AND kemendagri_code IS NULL',
    );
    for (const l of BEKASI_DIRECTORY) if (l.kemendagriCode) fill.run(l.kemendagriCode, l.id);
  })();
}
