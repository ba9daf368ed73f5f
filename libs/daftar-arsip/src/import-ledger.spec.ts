import Database from 'better-sqlite3';
import { ImportLedger, duplicateMessage, listFingerprint } from './import-ledger';

describe('listFingerprint', () => {
  const table = [['Kode Klasifikasi', 'Uraian Informasi', ''], ['900.1.3', 'Buku kas ', ''], []];

  it('is the same for the same cells whatever the blank rows and trailing blank cells', () => {
    expect(listFingerprint(table, 'kec-babelan')).toBe(
      listFingerprint([[], ['Kode Klasifikasi', 'Uraian Informasi'], ['900.1.3', 'Buku kas']], 'kec-babelan'),
    );
  });

  it('differs for another cell or another unit', () => {
    const base = listFingerprint(table, 'kec-babelan');
    expect(listFingerprint(table, 'kec-cikarang-utara')).not.toBe(base);
    expect(listFingerprint([table[0], ['900.1.4', 'Buku kas']], 'kec-babelan')).not.toBe(base);
  });
});

describe('ImportLedger', () => {
  it('remembers each import of a list once, oldest first', () => {
    const db = new Database(':memory:');
    const ledger = new ImportLedger(db);
    const first = {
      importId: 'imp-1',
      importedAt: '2026-11-30T01:00:00.000Z',
      imported: 3,
      actorId: 'PA-001',
    };
    const second = { ...first, importId: 'imp-2', importedAt: '2026-11-30T02:00:00.000Z' };
    expect(ledger.earlier('f')).toEqual([]);
    ledger.record('f', second);
    ledger.record('f', first);
    ledger.record('f', first);
    expect(ledger.earlier('f')).toEqual([first, second]);
    expect(ledger.earlier('g')).toEqual([]);
    expect(new ImportLedger(db).earlier('f')).toHaveLength(2);
    expect(duplicateMessage(first, '?allowDuplicate=true')).toContain(
      'sudah diimpor pada 2026-11-30T01:00:00.000Z (imp-1',
    );
  });
});
