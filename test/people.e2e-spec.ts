import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReleaseCodeStore } from '@jejak/directory';
import { runCli } from '../apps/cli/src/main';
import { expectNothingChanged } from './support/directory-probe';
import { ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

const admin = bearer(ADMIN_TOKEN);

describe('the people directory', () => {
  let t: TestApp;
  let officer: string;
  let courier: string;
  beforeAll(async () => {
    t = await startTestApp();
    officer = (await t.token('officer', 'kec-cikarang-utara', 'OFFICER-CU')).token;
    courier = (await t.token('courier', undefined, 'PTAJ-0100')).token;
  });
  afterAll(() => t.close());

  const siti = {
    id: '198701012010011001',
    name: 'Siti Rahmawati',
    jabatan: 'Arsiparis Ahli Pertama',
    nip: '198701012010011001',
    unitId: 'kec-babelan',
    role: 'officer',
  };

  it('adds a person (admin) whom any token finds by unit, role and text', async () => {
    const created = await t
      .http()
      .post('/api/people')
      .set(...admin)
      .send(siti)
      .expect(201);
    expect(created.body).toMatchObject({ ...siti, active: true, createdBy: 'admin' });
    const found = await t
      .http()
      .get('/api/people')
      .query({ unitId: 'kec-babelan', role: 'officer', q: 'rahma' })
      .set(...bearer(courier))
      .expect(200);
    expect(found.body.people.map((p: { id: string }) => p.id)).toEqual([siti.id]);
    expect(found.body.people[0]).toEqual(
      expect.objectContaining({ id: siti.id, name: siti.name, jabatan: siti.jabatan, unitId: 'kec-babelan' }),
    );
    const none = await t
      .http()
      .get('/api/people')
      .query({ unitId: 'kec-babelan', role: 'courier' })
      .set(...bearer(courier))
      .expect(200);
    expect(none.body.people).toEqual([]);
  });

  it('edits a person (admin) and keeps who changed what, before → after', async () => {
    const edited = await t
      .http()
      .patch(`/api/people/${siti.id}`)
      .set(...admin)
      .send({ jabatan: 'Arsiparis Ahli Muda', unitId: 'kec-setu' })
      .expect(200);
    expect(edited.body).toMatchObject({
      jabatan: 'Arsiparis Ahli Muda',
      unitId: 'kec-setu',
      updatedBy: 'admin',
    });
    const changes = await t
      .http()
      .get(`/api/people/${siti.id}/changes`)
      .set(...admin)
      .expect(200);
    expect(changes.body.changes.map((c: { action: string }) => c.action)).toEqual([
      'person.created',
      'person.updated',
    ]);
    expect(changes.body.changes[1]).toMatchObject({
      actorId: 'admin',
      at: expect.any(String),
      details: {
        jabatan: { from: 'Arsiparis Ahli Pertama', to: 'Arsiparis Ahli Muda' },
        unitId: { from: 'kec-babelan', to: 'kec-setu' },
      },
    });
  });

  it('refuses adding and editing people to non-admins, recording nothing', async () => {
    await expectNothingChanged(t, async () => {
      for (const token of [officer, courier]) {
        const add = await t
          .http()
          .post('/api/people')
          .set(...bearer(token))
          .send({ id: 'SNEAKY-1', name: 'Penyusup', role: 'admin' });
        expect({ status: add.status, code: add.body.code }).toEqual({ status: 403, code: 'forbidden' });
        const edit = await t
          .http()
          .patch(`/api/people/${siti.id}`)
          .set(...bearer(token))
          .send({ active: false });
        expect(edit.status).toBe(403);
        const code = await t
          .http()
          .post(`/api/people/${siti.id}/sign-in-code`)
          .set(...bearer(token));
        expect(code.status).toBe(403);
        const password = await t
          .http()
          .post(`/api/people/${siti.id}/password`)
          .set(...bearer(token))
          .send({ password: 'ambil-alih-akun' });
        expect(password.status).toBe(403);
      }
    });
    expect(
      (
        await t
          .http()
          .get(`/api/people/${siti.id}`)
          .set(...admin)
      ).body,
    ).toMatchObject({ active: true });
  });

  it('refuses bad people (no unit, unknown unit, a taken id, bad fields) with their problem, recording nothing', async () => {
    await expectNothingChanged(t, async () => {
      const cases: [Record<string, unknown>, number, string][] = [
        [{ id: 'NO-UNIT', name: 'x', role: 'officer' }, 400, 'validation-failed'],
        [{ id: 'BAD-UNIT', name: 'x', role: 'depot', unitId: 'depo-atlantis' }, 400, 'validation-failed'],
        [{ id: siti.id, name: 'lagi', role: 'courier' }, 409, 'already-exists'],
        [{ id: 'KUR\u0406-1', name: 'look-alike', role: 'courier' }, 400, 'validation-failed'],
        [{ id: 'x'.repeat(101), name: 'long', role: 'courier' }, 400, 'validation-failed'],
        [{ id: 'NO-ROLE', name: 'x', role: 'boss' }, 400, 'validation-failed'],
      ];
      for (const [body, status, code] of cases) {
        const r = await t
          .http()
          .post('/api/people')
          .set(...admin)
          .send(body);
        expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status, code });
      }
      for (const change of [{ role: 'admin' }, { active: 'no' }, { unitId: 'kec-atlantis' }, { name: '' }]) {
        const r = await t
          .http()
          .patch(`/api/people/${siti.id}`)
          .set(...admin)
          .send(change);
        expect({ change, status: r.status, code: r.body.code }).toEqual({
          change,
          status: 400,
          code: 'validation-failed',
        });
      }
      for (const validMinutes of [4, 1441, 'lama']) {
        const r = await t
          .http()
          .post(`/api/people/${siti.id}/sign-in-code`)
          .set(...admin)
          .send({ validMinutes });
        expect({ validMinutes, status: r.status }).toEqual({ validMinutes, status: 400 });
      }
      const nobody = await t
        .http()
        .post('/api/people/NOBODY/sign-in-code')
        .set(...admin);
      expect(nobody.status).toBe(404);
      const missing = await t
        .http()
        .patch('/api/people/NOBODY')
        .set(...admin)
        .send({ name: 'x' });
      expect(missing.status).toBe(404);
    });
  });

  it('never lets a person id and a place id collide, whichever is made first', async () => {
    await expectNothingChanged(t, async () => {
      const person = await t
        .http()
        .post('/api/people')
        .set(...admin)
        .send({ id: 'kec-babelan', name: 'Menyamar', role: 'courier' });
      expect({ status: person.status, code: person.body.code, with: person.body.conflictsWith }).toEqual({
        status: 409,
        code: 'already-exists',
        with: 'place',
      });
      const token = await t
        .http()
        .post('/api/tokens')
        .set(...admin)
        .send({ name: 'Menyamar', role: 'courier', principalId: 'kec-babelan' });
      expect({ status: token.status, code: token.body.code }).toEqual({
        status: 409,
        code: 'already-exists',
      });
    });
    await t
      .http()
      .post('/api/people')
      .set(...admin)
      .send({ id: 'desa-budi', name: 'Budi', role: 'courier' })
      .expect(201);
    const place = await t
      .http()
      .post('/api/locations')
      .set(...admin)
      .send({ id: 'desa-budi', name: 'Desa Budi', type: 'desa', parentId: 'kec-setu' });
    expect({ status: place.status, code: place.body.code, with: place.body.conflictsWith }).toEqual({
      status: 409,
      code: 'already-exists',
      with: 'person',
    });
  });

  it('makes the person of a token for a new principal (or none) from the token, and refuses another role for them', async () => {
    const fresh = await t
      .http()
      .post('/api/tokens')
      .set(...admin)
      .send({ name: 'Kurir Baru (HP dinas)', role: 'courier', principalId: 'PTAJ-0777' })
      .expect(201);
    expect(fresh.body.principalId).toBe('PTAJ-0777');
    const person = await t
      .http()
      .get('/api/people/PTAJ-0777')
      .set(...bearer(fresh.body.token))
      .expect(200);
    expect(person.body).toMatchObject({ name: 'Kurir Baru (HP dinas)', role: 'courier', active: true });
    const generated = await t
      .http()
      .post('/api/tokens')
      .set(...admin)
      .send({ name: 'Auditor Inspektorat', role: 'auditor' })
      .expect(201);
    await t
      .http()
      .get(`/api/people/${generated.body.principalId}`)
      .set(...admin)
      .expect(200);
    await expectNothingChanged(t, async () => {
      const other = await t
        .http()
        .post('/api/tokens')
        .set(...admin)
        .send({ name: 'naik pangkat', role: 'admin', principalId: 'PTAJ-0777' });
      expect({ status: other.status, code: other.body.code }).toEqual({
        status: 400,
        code: 'validation-failed',
      });
    });
  });

  it('deactivating a person ends their tokens at once (401) and no new token can be made for them', async () => {
    const token = (await t.token('courier', undefined, 'PTAJ-0888')).token;
    await t
      .http()
      .get('/api/people')
      .set(...bearer(token))
      .expect(200);
    await t
      .http()
      .patch('/api/people/PTAJ-0888')
      .set(...admin)
      .send({ active: false })
      .expect(200);
    const refused = await t
      .http()
      .get('/api/people')
      .set(...bearer(token));
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    await expectNothingChanged(t, async () => {
      const again = await t
        .http()
        .post('/api/tokens')
        .set(...admin)
        .send({ name: 'lagi', role: 'courier', principalId: 'PTAJ-0888' });
      expect(again.status).toBe(400);
      const code = await t
        .http()
        .post('/api/people/PTAJ-0888/sign-in-code')
        .set(...admin);
      expect({ status: code.status, code: code.body.code }).toEqual({
        status: 409,
        code: 'invalid-transition',
      });
    });
    const inactive = await t
      .http()
      .get('/api/people')
      .query({ active: 'false' })
      .set(...admin)
      .expect(200);
    expect(inactive.body.people.map((p: { id: string }) => p.id)).toContain('PTAJ-0888');
  });

  it('pages the list with nextCursor', async () => {
    const first = await t
      .http()
      .get('/api/people')
      .query({ limit: 2 })
      .set(...admin)
      .expect(200);
    expect(first.body.people).toHaveLength(2);
    const second = await t
      .http()
      .get('/api/people')
      .query({ limit: 2, cursor: first.body.nextCursor })
      .set(...admin)
      .expect(200);
    expect(second.body.people[0].id > first.body.people[1].id).toBe(true);
  });
});

describe('release codes', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('gives an officer a code for their own place that the first courier may use there', async () => {
    const officer = await t.token('officer', 'kec-cikarang-utara', 'OFFICER-REL');
    const issued = await t
      .http()
      .post('/api/release-codes')
      .set(...bearer(officer.token))
      .send({ placeId: 'kec-cikarang-utara' })
      .expect(201);
    expect(issued.body).toEqual({
      code: expect.stringMatching(/^[A-Z2-9]{6}$/),
      placeId: 'kec-cikarang-utara',
      expiresAt: expect.any(String),
    });
    const codes = t.app.get(ReleaseCodeStore);
    const check = (placeId: string, courierId: string) =>
      codes.check({ code: issued.body.code, placeId, courierId });
    expect((await check('kec-babelan', 'PTAJ-1')).valid).toBe(false);
    expect(await check('kec-cikarang-utara', 'PTAJ-1')).toMatchObject({
      valid: true,
      issuedBy: 'OFFICER-REL',
    });
    expect(await check('kec-cikarang-utara', 'PTAJ-2')).toEqual({
      valid: false,
      reason: 'used-by-another-courier',
    });
  });

  it('refuses a code for another place, or to a courier or auditor, recording nothing', async () => {
    const officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    const depot = (await t.token('depot', 'depo-arsip-bekasi')).token;
    const courier = (await t.token('courier')).token;
    const auditor = (await t.token('auditor')).token;
    await expectNothingChanged(t, async () => {
      const cases: [string, string, number][] = [
        [officer, 'kec-babelan', 403],
        [officer, 'depo-arsip-bekasi', 403],
        [depot, 'kec-cikarang-utara', 403],
        [courier, 'kec-cikarang-utara', 403],
        [auditor, 'depo-arsip-bekasi', 403],
        [officer, 'kec-atlantis', 404],
      ];
      for (const [token, placeId, status] of cases) {
        const r = await t
          .http()
          .post('/api/release-codes')
          .set(...bearer(token))
          .send({ placeId });
        expect({ placeId, status: r.status }).toEqual({ placeId, status });
      }
    });
    await t
      .http()
      .post('/api/release-codes')
      .set(...bearer(depot))
      .send({ placeId: 'depo-arsip-bekasi' })
      .expect(201);
  });
});

describe('people made from the tokens of an older store', () => {
  it('migrates every token principal into a person at start, and revokes a token held under a place id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-people-migration-'));
    try {
      const before = await startTestApp({}, dir);
      const kept = await before.token('courier', undefined, 'PTAJ-OLD');
      await before.close();
      // As the store was before people existed: tokens without people, one under a place id.
      const db = new Database(join(dir, 'directory.sqlite'));
      db.exec('DELETE FROM people');
      db.prepare(
        `INSERT INTO tokens (id, token_hash, name, principal_id, role, unit_id, created_at, created_by)
         VALUES ('old-place', 'h-place', 'menyamar', 'kec-babelan', 'courier', NULL, '2026-01-01T00:00:00Z', 'admin')`,
      ).run();
      db.close();

      const after = await startTestApp({}, dir);
      try {
        const person = await after
          .http()
          .get('/api/people/PTAJ-OLD')
          .set(...bearer(kept.token))
          .expect(200);
        expect(person.body).toMatchObject({ role: 'courier', active: true, createdBy: 'system:migration' });
        const tokens = await after
          .http()
          .get('/api/tokens')
          .set(...admin)
          .expect(200);
        expect(tokens.body.tokens.find((x: { id: string }) => x.id === 'old-place').revokedAt).not.toBeNull();
        await after
          .http()
          .get('/api/people/kec-babelan')
          .set(...admin)
          .expect(404);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('`jejak person` on the data folder of a running service', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['person', ...args],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      { JEJAK_DATA_DIR: t.dataDir, JEJAK_LOG_LEVEL: 'silent' },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('makes a sign-in code an admin who cannot sign in any more signs in with, and deactivates a person whose token then fails at once', async () => {
    await t
      .http()
      .post('/api/people')
      .set(...admin)
      .send({ id: '198001012005011003', name: 'Admin Dinas', role: 'admin' })
      .expect(201);
    const made = await run(['sign-in-code', '198001012005011003', '--minutes', '10']);
    expect(made.code).toBe(0);
    const { signInCode } = JSON.parse(made.out) as { signInCode: string };
    const signedIn = await t.http().post('/api/session').send({ signInCode }).expect(201);
    expect(signedIn.body.person).toMatchObject({ id: '198001012005011003', role: 'admin' });

    const courier = await t.token('courier', undefined, 'PTAJ-CLI');
    expect((await run(['list'])).out).toMatch(/PTAJ-CLI\s+courier.*active/);
    expect((await run(['deactivate', 'PTAJ-CLI'])).code).toBe(0);
    const refused = await t
      .http()
      .get('/api/people')
      .set(...bearer(courier.token));
    expect(refused.status).toBe(401);
    expect(await run(['sign-in-code', 'PTAJ-CLI'])).toMatchObject({
      code: 1,
      err: expect.stringContaining('deactivated'),
    });
    expect((await run(['sign-in-code', 'NOBODY'])).code).toBe(1);
  });
});
