import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

describe('token guessing is rate limited per client address', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ JEJAK_AUTH_FAILURES_PER_MINUTE: '3' })));
  afterAll(() => t.close());

  it('answers 401 up to the limit, then 429 with Retry-After, and records nothing', async () => {
    const officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    await expectNothingRecorded(t, async () => {
      for (let i = 0; i < 3; i++) {
        const guess = await t
          .http()
          .post('/api/items')
          .set(...bearer(`jjk_guess-${i}`))
          .send(aFile());
        expect(guess.status).toBe(401);
      }
      const blocked = await t
        .http()
        .post('/api/items')
        .set(...bearer('jjk_guess-4'))
        .send(aFile());
      expect({ status: blocked.status, code: blocked.body.code }).toEqual({
        status: 429,
        code: 'rate-limited',
      });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // While blocked, a wrong token is 429 and does not reach the route.
      const wrong = await t
        .http()
        .get('/api/locations')
        .set(...bearer(`jjk_${'x'.repeat(43)}`));
      expect(wrong.status).toBe(429);
    });
    // Someone else's failures do not lock a valid token out.
    await t
      .http()
      .get('/api/locations')
      .set(...bearer(officer))
      .expect(200);
    await t.http().get('/health/live').expect(200);
  });
});

describe('150 bad tokens from one address leave the valid tokens of that address working', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('keeps admin, officer and courier tokens working while guesses get 429', async () => {
    const officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    const courier = (await t.token('courier')).token;
    const statuses: number[] = [];
    await expectNothingRecorded(t, async () => {
      for (let i = 0; i < 150; i++) {
        const guess = await t
          .http()
          .post('/api/items')
          .set(...bearer(`jjk_guess-${i}`))
          .send(aFile());
        statuses.push(guess.status);
      }
    });
    expect(statuses.slice(0, 120).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(120).every((s) => s === 429)).toBe(true);
    for (const token of [ADMIN_TOKEN, officer, courier]) {
      await t
        .http()
        .get('/api/locations')
        .set(...bearer(token))
        .expect(200);
    }
    const registered = await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile());
    expect(registered.status).toBe(201);
  });

  it('keeps a short JEJAK_ADMIN_TOKEN, which could be guessed, behind the limit', async () => {
    const weak = await startTestApp({
      JEJAK_ADMIN_TOKEN: 'short-admin',
      JEJAK_AUTH_FAILURES_PER_MINUTE: '2',
    });
    try {
      for (let i = 0; i < 2; i++) {
        await weak
          .http()
          .get('/api/locations')
          .set(...bearer(`guess-${i}`))
          .expect(401);
      }
      await weak
        .http()
        .get('/api/locations')
        .set(...bearer('short-admin'))
        .expect(429);
    } finally {
      await weak.close();
    }
  });
});

describe('JEJAK_TRUST_PROXY: behind a proxy, the client address comes from X-Forwarded-For', () => {
  const guessFrom = (t: TestApp, client: string) =>
    t
      .http()
      .get('/api/locations')
      .set('X-Forwarded-For', client)
      .set(...bearer('jjk_guess'));

  it('limits only the guessing client when the proxy is trusted', async () => {
    const t = await startTestApp({ JEJAK_AUTH_FAILURES_PER_MINUTE: '2', JEJAK_TRUST_PROXY: '127.0.0.1' });
    try {
      for (let i = 0; i < 2; i++) expect((await guessFrom(t, '203.0.113.7')).status).toBe(401);
      expect((await guessFrom(t, '203.0.113.7')).status).toBe(429);
      expect((await guessFrom(t, '198.51.100.9')).status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('ignores X-Forwarded-For by default (a client cannot pick its own address)', async () => {
    const t = await startTestApp({ JEJAK_AUTH_FAILURES_PER_MINUTE: '2' });
    try {
      for (let i = 0; i < 2; i++) expect((await guessFrom(t, `203.0.113.${i}`)).status).toBe(401);
      expect((await guessFrom(t, '198.51.100.9')).status).toBe(429);
    } finally {
      await t.close();
    }
  });
});
