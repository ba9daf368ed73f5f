import { duplicateMessage, importingMessage, listFingerprint } from './import-ledger';

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

describe('the refusals of a list sent again', () => {
  it('name the earlier import and the way to import it again, or the import under way', () => {
    const first = {
      importId: 'imp-1',
      importedAt: '2026-11-30T01:00:00.000Z',
      imported: 3,
      actorId: 'PA-001',
    };
    expect(duplicateMessage(first, '?allowDuplicate=true')).toContain(
      'sudah diimpor pada 2026-11-30T01:00:00.000Z (imp-1, 3 arsip, oleh PA-001)',
    );
    expect(duplicateMessage(first, '?allowDuplicate=true')).toContain('?allowDuplicate=true');
    expect(importingMessage('2026-11-30T01:00:00.000Z', 'PA-002')).toContain(
      'sedang diimpor sejak 2026-11-30T01:00:00.000Z (oleh PA-002); tidak ada yang dicatat',
    );
  });
});
