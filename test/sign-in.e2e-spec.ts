import { expectNothingChanged } from './support/directory-probe';
import { sessionCookieOf, signIn } from './support/session-client';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

const admin = bearer(ADMIN_TOKEN);
// Every password check is a deliberately slow scrypt (about a second of a core here): on a shared machine a
// test of a few sign-ins takes seconds.
jest.setTimeout(60_000);

/** Adds a person through the API and gives them a password (as an admin does). */
async function personWithPassword(
  t: TestApp,
  person: Record<string, unknown> & { id: string },
  password: string,
): Promise<void> {
  await t
    .http()
    .post('/api/people')
    .set(...admin)
    .send(person)
    .expect(201);
  await t
    .http()
    .post(`/api/people/${person.id}/password`)
    .set(...admin)
    .send({ password })
    .expect(204);
}

describe('sign-in and sessions', () => {
  let t: TestApp;
  const officer = {
    id: '198701012010011001',
    name: 'Siti Rahmawati',
    jabatan: 'Arsiparis',
    unitId: 'kec-cikarang-utara',
    role: 'officer',
  };
  const password = 'sandi-kantor-2026';

  beforeAll(async () => {
    t = await startTestApp();
    await personWithPassword(t, officer, password);
  });
  afterAll(() => t.close());

  it('signs in with a password: an HttpOnly SameSite=Strict cookie, the person and a csrfToken', async () => {
    const response = await t.http().post('/api/session').send({ personId: officer.id, password });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      person: { id: officer.id, name: officer.name, role: 'officer', unitId: officer.unitId, active: true },
      csrfToken: expect.any(String),
      idleExpiresAt: expect.any(String),
    });
    const { setCookie, cookie } = sessionCookieOf(response);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Max-Age=43200/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(JSON.stringify(response.body)).not.toContain(cookie.split('=')[1]);

    const current = await t.http().get('/api/session').set('Cookie', cookie).expect(200);
    const seen = await t
      .http()
      .get(`/api/people/${officer.id}`)
      .set(...admin)
      .expect(200);
    expect(seen.body.signIn).toEqual({ hasPassword: true, liveSessions: expect.any(Number) });
    expect(seen.body.signIn.liveSessions).toBeGreaterThanOrEqual(1);
    const byItself = await t.http().get(`/api/people/${officer.id}`).set('Cookie', cookie).expect(200);
    expect(byItself.body.signIn).toBeUndefined();
    expect(current.body).toMatchObject({ person: { id: officer.id }, csrfToken: response.body.csrfToken });
  });

  it('uses the session for a write with X-CSRF-Token, recorded as the same person as their token would be', async () => {
    const session = await signIn(t, { personId: officer.id, password });
    const registered = await t
      .http()
      .post('/api/items')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrfToken)
      .send(aFile())
      .expect(201);
    const history = await t
      .http()
      .get(`/api/items/${registered.body.itemId}/history`)
      .query({ minPosition: registered.body.position })
      .set('Cookie', session.cookie)
      .expect(200);
    expect(history.body.events[0].actor).toEqual({
      id: officer.id,
      role: 'officer',
      unitId: 'kec-cikarang-utara',
    });
  });

  it('refuses a cross-site-style write that carries the cookie alone, or a wrong token, and records nothing', async () => {
    const session = await signIn(t, { personId: officer.id, password });
    const other = await signIn(t, { personId: officer.id, password });
    await expectNothingChanged(t, async () => {
      const alone = await t.http().post('/api/items').set('Cookie', session.cookie).send(aFile());
      expect({ status: alone.status, code: alone.body.code }).toEqual({ status: 403, code: 'forbidden' });
      const wrong = await t
        .http()
        .post('/api/items')
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', other.csrfToken)
        .send(aFile());
      expect(wrong.status).toBe(403);
      const signOut = await t.http().delete('/api/session').set('Cookie', session.cookie);
      expect(signOut.status).toBe(403);
    });
    // The session itself still works for reads, which need no CSRF token.
    await t.http().get('/api/session').set('Cookie', session.cookie).expect(200);
  });

  it('authorises a session exactly as the person’s token: an officer’s session may not act as admin or for another unit', async () => {
    const session = await signIn(t, { personId: officer.id, password });
    const withCsrf = (r: ReturnType<ReturnType<TestApp['http']>['post']>) =>
      r.set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);
    await expectNothingChanged(t, async () => {
      const people = await withCsrf(t.http().post('/api/people')).send({
        id: 'NEW-1',
        name: 'x',
        role: 'courier',
      });
      expect({ status: people.status, code: people.body.code }).toEqual({ status: 403, code: 'forbidden' });
      const elsewhere = await withCsrf(t.http().post('/api/items')).send(
        aFile({ originUnitId: 'kec-babelan' }),
      );
      expect(elsewhere.status).toBe(403);
    });
    // A bearer token needs no CSRF header, as before, even with a cookie beside it.
    await t
      .http()
      .post('/api/items')
      .set(...admin)
      .set('Cookie', session.cookie)
      .send(aFile())
      .expect(201);
  });

  it('answers a wrong password and an unknown id alike (401), and a bearer-less request without cookie 401', async () => {
    await expectNothingChanged(t, async () => {
      const wrong = await t
        .http()
        .post('/api/session')
        .send({ personId: officer.id, password: 'salah-sekali' });
      const unknown = await t
        .http()
        .post('/api/session')
        .send({ personId: 'NOBODY-123', password: 'salah-sekali' });
      const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(wrong.body).toMatchObject({ code: 'unauthenticated' });
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect((await t.http().get('/api/session')).status).toBe(401);
      expect(
        (await t.http().get('/api/session').set('Cookie', 'jejak_session=made-up-secret-000000000000'))
          .status,
      ).toBe(401);
    });
  });

  it('signs in once with a one-time code (and the code’s QR target), after which the person sets their own password', async () => {
    const courier = { id: 'PTAJ-0042', name: 'Budi Santoso', role: 'courier' };
    await t
      .http()
      .post('/api/people')
      .set(...admin)
      .send(courier)
      .expect(201);
    const made = await t
      .http()
      .post(`/api/people/${courier.id}/sign-in-code`)
      .set(...admin)
      .expect(201);
    expect(made.body).toEqual({
      personId: courier.id,
      signInCode: expect.stringMatching(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/),
      expiresAt: expect.any(String),
      signInUrl: expect.stringMatching(/^http:\/\/[^/]+\/masuk#kode=[A-Z2-9]{5}-[A-Z2-9]{5}$/),
    });
    const session = await signIn(t, { signInCode: made.body.signInCode });
    expect(session.body.person).toMatchObject({ id: courier.id, role: 'courier' });
    const again = await t.http().post('/api/session').send({ signInCode: made.body.signInCode });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 401, code: 'unauthenticated' });

    // Their own password: with the session and its CSRF token; the session they used stays.
    await t
      .http()
      .post(`/api/people/${courier.id}/password`)
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrfToken)
      .send({ password: 'sandi-kurir-baru' })
      .expect(204);
    await t.http().get('/api/session').set('Cookie', session.cookie).expect(200);
    await signIn(t, { personId: courier.id, password: 'sandi-kurir-baru' });
    // Not someone else's.
    const others = await t
      .http()
      .post(`/api/people/${officer.id}/password`)
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrfToken)
      .send({ password: 'ambil-alih-akun' });
    expect(others.status).toBe(403);
  });

  it('ends the session at sign-out and at an admin’s password reset', async () => {
    const first = await signIn(t, { personId: officer.id, password });
    await t
      .http()
      .delete('/api/session')
      .set('Cookie', first.cookie)
      .set('X-CSRF-Token', first.csrfToken)
      .expect(204)
      .expect('set-cookie', /jejak_session=; .*Max-Age=0/);
    const after = await t.http().get('/api/session').set('Cookie', first.cookie);
    expect(after.status).toBe(401);
    expect(after.headers['set-cookie']).toEqual([expect.stringMatching(/^jejak_session=; .*Max-Age=0/)]);

    const second = await signIn(t, { personId: officer.id, password });
    await t
      .http()
      .post(`/api/people/${officer.id}/password`)
      .set(...admin)
      .send({ password: 'sandi-reset-admin' })
      .expect(204);
    expect((await t.http().get('/api/session').set('Cookie', second.cookie)).status).toBe(401);
    const old = await t.http().post('/api/session').send({ personId: officer.id, password });
    expect(old.status).toBe(401);
    await signIn(t, { personId: officer.id, password: 'sandi-reset-admin' });
    await t
      .http()
      .post(`/api/people/${officer.id}/password`)
      .set(...admin)
      .send({ password })
      .expect(204);
  });

  it('ends a deactivated person’s sessions and tokens at once, and refuses their sign-in', async () => {
    const depot = { id: '197905052005012002', name: 'Rina', role: 'depot', unitId: 'depo-arsip-bekasi' };
    await personWithPassword(t, depot, 'sandi-depo-2026');
    const session = await signIn(t, { personId: depot.id, password: 'sandi-depo-2026' });
    const token = await t.token('depot', 'depo-arsip-bekasi', depot.id);
    await t
      .http()
      .get('/api/people')
      .set(...bearer(token.token))
      .expect(200);
    await t
      .http()
      .patch(`/api/people/${depot.id}`)
      .set(...admin)
      .send({ active: false })
      .expect(200);
    expect((await t.http().get('/api/session').set('Cookie', session.cookie)).status).toBe(401);
    expect(
      (
        await t
          .http()
          .get('/api/people')
          .set(...bearer(token.token))
      ).status,
    ).toBe(401);
    const again = await t
      .http()
      .post('/api/session')
      .send({ personId: depot.id, password: 'sandi-depo-2026' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
  });
});

describe('sign-in lock-out and the Secure cookie switch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      JEJAK_SIGN_IN_SLOW_AFTER: '3',
      JEJAK_SIGN_IN_LOCK_AFTER: '3',
      JEJAK_SESSION_COOKIE_SECURE: 'true',
    });
    await personWithPassword(t, { id: 'PTAJ-0001', name: 'Kurir Satu', role: 'courier' }, 'sandi-benar-1');
  });
  afterAll(() => t.close());

  it('marks the cookie Secure behind HTTPS', async () => {
    const session = await signIn(t, { personId: 'PTAJ-0001', password: 'sandi-benar-1' });
    expect(session.setCookie).toMatch(/; Secure/);
  });

  it('locks an id after repeated failures (429 with Retry-After, even for the right password), alike for an unknown id, recording nothing', async () => {
    const attempts = async (personId: string, password: string) =>
      t.http().post('/api/session').send({ personId, password });
    await expectNothingChanged(t, async () => {
      for (const id of ['PTAJ-0001', 'PTAJ-9999']) {
        const answers: number[] = [];
        for (let i = 0; i < 3; i++) answers.push((await attempts(id, `tebakan-${i}`)).status);
        const locked = await attempts(id, 'sandi-benar-1');
        expect({ id, answers, locked: locked.status, code: locked.body.code }).toEqual({
          id,
          answers: [401, 401, 401],
          locked: 429,
          code: 'rate-limited',
        });
        expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
        expect(locked.body.detail).toMatch(/Coba lagi dalam \d+ detik/);
      }
    });
    // Another person is not locked out by it.
    await personWithPassword(t, { id: 'PTAJ-0002', name: 'Kurir Dua', role: 'courier' }, 'sandi-benar-2');
    await signIn(t, { personId: 'PTAJ-0002', password: 'sandi-benar-2' });
  });
});

describe('sign-in attempts sent in parallel', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ JEJAK_SIGN_IN_SLOW_AFTER: '3', JEJAK_SIGN_IN_LOCK_AFTER: '3' });
    await personWithPassword(t, { id: 'PTAJ-0003', name: 'Kurir Tiga', role: 'courier' }, 'sandi-benar-3');
  });
  afterAll(() => t.close());

  it('are counted as they arrive: no more than the limit get to try a password', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t
          .http()
          .post('/api/session')
          .send({ personId: 'PTAJ-0003', password: `tebakan-paralel-${i}` })
          .then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 401)).toHaveLength(3);
    expect(answers.filter((s) => s === 429)).toHaveLength(9);
  });
});
