import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

const PROBLEM_JSON = /^application\/problem\+json/;

function expectProblem(
  response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
  code: string,
): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
  expect(response.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
}

describe('HTTP hardening', () => {
  describe('per-token rate limit', () => {
    let t: TestApp;
    const LIMIT = 5;

    beforeAll(async () => {
      t = await startTestApp({ JEJAK_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    });
    afterAll(() => t.close());

    it('answers 429 rate-limited with Retry-After once a token spent its minute, and only for that token', async () => {
      // Two token creations spend two of the admin token's budget.
      const officer = await t.token('officer', 'kec-cikarang-utara');
      const auditor = await t.token('auditor');
      for (let i = 0; i < LIMIT; i++) {
        await t
          .http()
          .get('/api/locations/kec-cikarang-utara')
          .set(...bearer(officer.token))
          .expect(200);
      }
      const limited = await t
        .http()
        .get('/api/locations/kec-cikarang-utara')
        .set(...bearer(officer.token));
      expectProblem(limited, 429, 'rate-limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);

      await expectNothingRecorded(t, async () => {
        const write = await t
          .http()
          .post('/api/items')
          .set(...bearer(officer.token))
          .send(aFile());
        expectProblem(write, 429, 'rate-limited');
      });

      // Another token of the same client keeps its own budget.
      await t
        .http()
        .get('/api/locations/kec-cikarang-utara')
        .set(...bearer(auditor.token))
        .expect(200);
    });

    it('never limits health probes and the API docs', async () => {
      for (let i = 0; i < LIMIT * 3; i++) {
        await t.http().get('/health/live').expect(200);
      }
      for (let i = 0; i < LIMIT + 2; i++) {
        await t.http().get('/docs-json').expect(200);
      }
      await t.http().get('/health/ready').expect(200);
    });
  });

  describe('limits, headers and errors', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('refuses a body over 1 MiB with 413 payload-too-large and records nothing', async () => {
      await expectNothingRecorded(t, async () => {
        const huge = await t
          .http()
          .post('/api/items')
          .set(...bearer(ADMIN_TOKEN))
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(aFile({ notes: 'x'.repeat(1024 * 1024) })));
        expectProblem(huge, 413, 'payload-too-large');
      });
      const justUnder = await t
        .http()
        .post('/api/items')
        .set(...bearer(ADMIN_TOKEN))
        .send(aFile({ notes: 'x'.repeat(1000 * 1000) }));
      expectProblem(justUnder, 400, 'validation-failed');
    });

    it('sends security headers on answers and on errors', async () => {
      for (const response of [
        await t.http().get('/health/live'),
        await t
          .http()
          .get('/api/items')
          .set(...bearer(ADMIN_TOKEN)),
        await t.http().get('/api/items'),
      ]) {
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('has CORS off when JEJAK_CORS_ORIGINS is not set', async () => {
      const simple = await t
        .http()
        .get('/api/items')
        .set('Origin', 'https://evil.example')
        .set(...bearer(ADMIN_TOKEN));
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t
        .http()
        .options('/api/items')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['content-type']).toMatch(PROBLEM_JSON);
    });

    it('answers unknown routes, wrong methods and unreadable bodies with problem+json', async () => {
      expectProblem(
        await t
          .http()
          .get('/api/nothing-here')
          .set(...bearer(ADMIN_TOKEN)),
        404,
        'not-found',
      );
      expectProblem(await t.http().get('/nothing-here'), 404, 'not-found');
      expectProblem(
        await t
          .http()
          .put('/api/items')
          .set(...bearer(ADMIN_TOKEN))
          .send({}),
        405,
        'method-not-allowed',
      );
      expectProblem(
        await t
          .http()
          .patch('/api/items/some-id')
          .set(...bearer(ADMIN_TOKEN))
          .send({}),
        405,
        'method-not-allowed',
      );
      await expectNothingRecorded(t, async () => {
        expectProblem(
          await t
            .http()
            .post('/api/items')
            .set(...bearer(ADMIN_TOKEN))
            .set('Content-Type', 'application/json')
            .send('{"kind": "file", "title": '),
          400,
          'validation-failed',
        );
        expectProblem(
          await t
            .http()
            .post('/api/items')
            .set(...bearer(ADMIN_TOKEN))
            .set('Content-Type', 'application/json')
            .send(''),
          400,
          'validation-failed',
        );
        expectProblem(
          await t
            .http()
            .post('/api/items')
            .set(...bearer(ADMIN_TOKEN))
            .set('Content-Type', 'text/plain')
            .send('kind=file'),
          415,
          'unsupported-media-type',
        );
        expectProblem(
          await t
            .http()
            .post('/api/items')
            .set(...bearer(ADMIN_TOKEN))
            .set('Content-Type', 'application/x-www-form-urlencoded')
            .send('kind=file'),
          415,
          'unsupported-media-type',
        );
        expectProblem(
          await t
            .http()
            .post('/api/items')
            .set(...bearer(ADMIN_TOKEN))
            .send([aFile()]),
          400,
          'validation-failed',
        );
      });
    });
  });

  describe('CORS when JEJAK_CORS_ORIGINS is set', () => {
    let t: TestApp;
    const allowed = 'https://arsip.bekasikab.go.id';

    beforeAll(async () => {
      t = await startTestApp({ JEJAK_CORS_ORIGINS: `${allowed}, https://other.bekasikab.go.id` });
    });
    afterAll(() => t.close());

    it('allows the listed origins only', async () => {
      const simple = await t
        .http()
        .get('/api/items')
        .set('Origin', allowed)
        .set(...bearer(ADMIN_TOKEN))
        .expect(200);
      expect(simple.headers['access-control-allow-origin']).toBe(allowed);
      const preflight = await t
        .http()
        .options('/api/items')
        .set('Origin', allowed)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
      const stranger = await t
        .http()
        .get('/api/items')
        .set('Origin', 'https://evil.example')
        .set(...bearer(ADMIN_TOKEN));
      expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('an unexpected failure', () => {
    let t: TestApp;
    let officer: string;

    beforeAll(async () => {
      t = await startTestApp();
      officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    });
    afterAll(() => t.close());

    it('is a 500 internal-error problem that leaks neither stack, cause nor token', async () => {
      const registered = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile())
        .expect(201);
      // The store goes away under the running app (a disk failure, say).
      await t.app.get<EventStore>(EVENT_STORE).close();

      const write = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile());
      const replay = await t
        .http()
        .get(`/api/audit/items/${registered.body.itemId}/replay`)
        .set(...bearer(ADMIN_TOKEN));
      for (const response of [write, replay]) {
        expectProblem(response, 500, 'internal-error');
        const text = response.text;
        expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)|\.ts:\d+|node_modules/);
        expect(text).not.toMatch(/database|sqlite|connection/i);
        expect(text).not.toContain(officer);
        expect(text).not.toContain(ADMIN_TOKEN);
      }
    });
  });
});
