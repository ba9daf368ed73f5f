import { expectNothingRecorded } from './support/store-probe';
import { aFile, bearer, startTestApp, type TestApp } from './support/test-app';

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
      // While blocked, no token from that address is even looked at.
      const valid = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile());
      expect(valid.status).toBe(429);
    });
    await t.http().get('/health/live').expect(200);
  });
});
