import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditOf, openDirectoryDatabase } from './directory.database';
import { DirectoryError } from './directory-error';
import { manualClock, openTestDirectory } from './test-directory.fixture';
import { LocationRepository } from './location.repository';

const refusal = (act: () => unknown): string | undefined => {
  try {
    act();
  } catch (error) {
    if (error instanceof DirectoryError) return error.kind;
    throw error;
  }
  return undefined;
};

describe('LocationRepository', () => {
  let db: Database.Database;
  let close: () => void;
  let locations: LocationRepository;
  beforeEach(() => {
    ({ db, close } = openTestDirectory());
    locations = new LocationRepository(db, manualClock().clock);
  });
  afterEach(() => close());

  it('stores the Kemendagri code of every seeded kecamatan and desa/kelurahan, and finds places by it', () => {
    const areas = locations.list().filter((l) => l.type === 'kecamatan' || l.type === 'desa');
    expect(areas.length).toBeGreaterThan(200);
    expect(areas.every((l) => /^32\.16\.\d{2}(\.\d{4})?$/.test(l.kemendagriCode ?? ''))).toBe(true);
    expect(locations.get('setda')?.kemendagriCode).toBeNull();
    const kecamatan = locations.get('kec-babelan')!;
    expect(locations.list({ q: kecamatan.kemendagriCode! }).map((l) => l.id)).toContain('kec-babelan');
    expect(locations.list({ q: 'BABELAN' }).map((l) => l.id)).toContain('kec-babelan');
    expect(locations.list({ q: 'kec-babelan' }).map((l) => l.id)).toEqual(['kec-babelan']);
  });

  it('renames, moves and deactivates a place, each change audited as before → after', () => {
    locations.create({ id: 'pos-a', name: 'Pos A', type: 'sorting_point', parentId: null }, 'ADMIN-1');
    locations.update('pos-a', { name: 'Pos Arsip A', parentId: 'kec-babelan' }, 'ADMIN-2');
    const after = locations.update('pos-a', { active: false }, 'ADMIN-3');
    expect(after).toMatchObject({ name: 'Pos Arsip A', parentId: 'kec-babelan', active: false });
    expect(new LocationRepository(db).get('pos-a')).toEqual(after);
    expect(locations.list({ active: false }).map((l) => l.id)).toEqual(['pos-a']);
    expect(locations.list({ active: true }).map((l) => l.id)).not.toContain('pos-a');
    expect(
      auditOf(db, 'pos-a').map(({ actorId, action, details }) => ({ actorId, action, details })),
    ).toEqual([
      expect.objectContaining({ actorId: 'ADMIN-1', action: 'location.created' }),
      {
        actorId: 'ADMIN-2',
        action: 'location.updated',
        details: { name: { from: 'Pos A', to: 'Pos Arsip A' }, parentId: { from: null, to: 'kec-babelan' } },
      },
      { actorId: 'ADMIN-3', action: 'location.deactivated', details: { active: { from: true, to: false } } },
    ]);
  });

  it('refuses an unknown place, an unknown parent and a cycle, recording nothing', () => {
    const before = { audit: auditOf(db, 'kec-babelan'), place: locations.get('kec-babelan') };
    expect(refusal(() => locations.update('tidak-ada', { name: 'X' }, 'ADMIN-1'))).toBe('not-found');
    expect(refusal(() => locations.update('kec-babelan', { parentId: 'tidak-ada' }, 'ADMIN-1'))).toBe(
      'unknown-parent',
    );
    expect(refusal(() => locations.update('kec-babelan', { parentId: 'kec-babelan' }, 'ADMIN-1'))).toBe(
      'unknown-parent',
    );
    const desa = locations.list({ parentId: 'kec-babelan' })[0];
    expect(refusal(() => locations.update('kec-babelan', { parentId: desa.id }, 'ADMIN-1'))).toBe(
      'unknown-parent',
    );
    expect({
      audit: auditOf(db, 'kec-babelan'),
      place: new LocationRepository(db).get('kec-babelan'),
    }).toEqual(before);
    expect(auditOf(db, 'tidak-ada')).toEqual([]);
  });

  it('records nothing for a change that changes nothing', () => {
    const name = locations.get('kec-babelan')!.name;
    locations.update('kec-babelan', { name, active: true }, 'ADMIN-1');
    expect(auditOf(db, 'kec-babelan')).toEqual([]);
  });
});

describe('the locations migration', () => {
  it('adds active and the Kemendagri codes to a store made before them, keeping its places', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-locations-'));
    try {
      const old = new Database(join(dir, 'directory.sqlite'));
      old.exec(`CREATE TABLE locations (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
        parent_id TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL)`);
      const insert = old.prepare("INSERT INTO locations VALUES (?, ?, ?, ?, '2026-01-01', 'system:seed')");
      insert.run('kec-babelan', 'Kecamatan Babelan (nama lama)', 'kecamatan', null);
      insert.run('gudang-x', 'Gudang X', 'depot', null);
      old.close();
      const db = openDirectoryDatabase(dir);
      const locations = new LocationRepository(db);
      expect(locations.get('kec-babelan')).toEqual({
        id: 'kec-babelan',
        name: 'Kecamatan Babelan (nama lama)',
        type: 'kecamatan',
        parentId: null,
        active: true,
        kemendagriCode: '32.16.02',
      });
      expect(locations.get('gudang-x')).toMatchObject({ active: true, kemendagriCode: null });
      expect(locations.list()).toHaveLength(2);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
