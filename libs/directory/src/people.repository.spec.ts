import type Database from 'better-sqlite3';
import { auditOf } from './directory.database';
import { DirectoryError } from './directory-error';
import { manualClock, openTestDirectory } from './test-directory.fixture';
import { LocationRepository } from './location.repository';
import { PeopleRepository } from './people.repository';
import { SessionRepository } from './session.repository';
import { TokenRepository } from './token.repository';

const refusal = (act: () => unknown): string | undefined => {
  try {
    act();
  } catch (error) {
    if (error instanceof DirectoryError) return error.kind;
    throw error;
  }
  return undefined;
};

describe('PeopleRepository', () => {
  let db: Database.Database;
  let close: () => void;
  let people: PeopleRepository;
  let tokens: TokenRepository;
  beforeEach(() => {
    ({ db, close } = openTestDirectory());
    people = new PeopleRepository(db, manualClock().clock);
    tokens = new TokenRepository(db);
  });
  afterEach(() => close());

  const officer = { id: '198701012010011001', name: 'Siti', role: 'officer' as const, unitId: 'kec-babelan' };

  it('adds, edits and lists people, each change audited with who and before → after', () => {
    people.create({ ...officer, jabatan: 'Arsiparis' }, 'ADMIN-1');
    people.update(officer.id, { jabatan: 'Arsiparis Ahli Muda' }, 'ADMIN-2');
    expect(people.list({ unitId: 'kec-babelan', role: 'officer', q: 'muda' })).toMatchObject([
      { id: officer.id, jabatan: 'Arsiparis Ahli Muda', updatedBy: 'ADMIN-2', active: true },
    ]);
    expect(people.list({ q: 'tidak-ada' })).toEqual([]);
    expect(auditOf(db, officer.id).map((e) => [e.action, e.actorId, e.details])).toEqual([
      ['person.created', 'ADMIN-1', expect.objectContaining({ name: 'Siti', jabatan: 'Arsiparis' })],
      ['person.updated', 'ADMIN-2', { jabatan: { from: 'Arsiparis', to: 'Arsiparis Ahli Muda' } }],
    ]);
  });

  it('never lets a person id be a place id, nor a place id a person id', () => {
    expect(refusal(() => people.create({ ...officer, id: 'kec-babelan' }, 'admin'))).toBe('id-is-a-place');
    people.create(officer, 'admin');
    expect(
      refusal(() =>
        new LocationRepository(db).create(
          { id: officer.id, name: 'X', type: 'desa', parentId: null },
          'admin',
        ),
      ),
    ).toBe('id-is-a-person');
    expect(
      refusal(() =>
        tokens.create({ name: 'x', role: 'courier', unitId: null, principalId: 'kec-setu' }, 'admin'),
      ),
    ).toBe('id-is-a-place');
    expect(people.get('kec-setu')).toBeUndefined();
  });

  it('makes the person of a token for an unknown principal from the token, and refuses another role for them', () => {
    tokens.create({ name: 'Kurir Budi', role: 'courier', unitId: null, principalId: 'KURIR-7' }, 'admin');
    expect(people.get('KURIR-7')).toMatchObject({ name: 'Kurir Budi', role: 'courier', createdBy: 'admin' });
    tokens.create({ name: 'HP kedua', role: 'courier', unitId: undefined, principalId: 'KURIR-7' }, 'admin');
    expect(
      refusal(() =>
        tokens.create({ name: 'x', role: 'admin', unitId: null, principalId: 'KURIR-7' }, 'admin'),
      ),
    ).toBe('person-mismatch');
    const generated = tokens.create({ name: 'Tanpa id', role: 'auditor', unitId: null }, 'admin');
    expect(people.get(generated.record.principalId)).toMatchObject({ name: 'Tanpa id', role: 'auditor' });
  });

  it('deactivating ends the person’s tokens and sessions at once, even a token just used', () => {
    const { token } = tokens.create(
      { name: 'Siti', role: 'officer', unitId: 'kec-babelan', principalId: officer.id },
      'admin',
    );
    const sessions = new SessionRepository(db, 60_000);
    const { secret } = sessions.start(officer.id, 'password');
    expect(tokens.authenticate(token)).not.toBeNull();
    expect(sessions.resolve(secret)).not.toBeNull();
    people.update(officer.id, { active: false }, 'ADMIN-1');
    expect(tokens.authenticate(token)).toBeNull();
    expect(sessions.resolve(secret)).toBeNull();
    expect(
      refusal(() =>
        tokens.create(
          { name: 'lagi', role: 'officer', unitId: 'kec-babelan', principalId: officer.id },
          'admin',
        ),
      ),
    ).toBe('person-inactive');
    expect(auditOf(db, officer.id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['person.deactivated', 'person.credentials-ended']),
    );
  });

  it('needs a known unit for officers and depot staff', () => {
    expect(refusal(() => people.create({ ...officer, unitId: null }, 'admin'))).toBe('unit-required');
    expect(refusal(() => people.create({ ...officer, unitId: 'kec-atlantis' }, 'admin'))).toBe(
      'unknown-unit',
    );
    expect(people.list()).toEqual([]);
  });

  it('migrates the principals of older tokens into people, and revokes tokens held under a place id', () => {
    const insert = db.prepare(
      `INSERT INTO tokens (id, token_hash, name, principal_id, role, unit_id, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'admin')`,
    );
    insert.run('t1', 'h1', 'Kurir lama', 'KURIR-OLD', 'courier', null, '2026-01-01T00:00:00Z');
    insert.run('t2', 'h2', 'Kurir lama (HP baru)', 'KURIR-OLD', 'courier', null, '2026-02-01T00:00:00Z');
    insert.run('t3', 'h3', 'menyamar', 'kec-babelan', 'courier', null, '2026-02-01T00:00:00Z');
    expect(people.migrateTokenPrincipals()).toEqual({
      created: ['KURIR-OLD'],
      revokedPlaceIds: ['kec-babelan'],
    });
    expect(people.get('KURIR-OLD')).toMatchObject({
      name: 'Kurir lama (HP baru)',
      createdBy: 'system:migration',
    });
    expect(db.prepare("SELECT revoked_by FROM tokens WHERE id = 't3'").pluck().get()).toBe(
      'system:migration',
    );
    expect(people.migrateTokenPrincipals()).toEqual({ created: [], revokedPlaceIds: [] });
  });
});
