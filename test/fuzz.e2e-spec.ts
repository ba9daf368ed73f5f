import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { headPosition } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

/** The error codes of http-api.md's table: a malformed body may only ever earn one of these. */
const CONTRACT_CODES = [
  'validation-failed',
  'unauthenticated',
  'forbidden',
  'not-found',
  'invalid-transition',
  'concurrency-conflict',
  'already-exists',
  'out-of-order',
  'unknown-party',
  'payload-too-large',
  'classified-not-accepted',
  'idempotency-key-reused',
  'rate-limited',
];

/** Per route; 4 routes × 350 ≈ 1 400 requests, about 30 s on a shared 2-core machine. */
const RUNS = Number(process.env.JEJAK_FUZZ_RUNS ?? 350);

// ---- arbitraries: what a confused or hostile client might send ----

const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** An object with own properties named exactly so (a literal `__proto__:` would set the prototype instead). */
const objectOf = (entries: [string, unknown][]): Record<string, unknown> => {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
};

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    'ñandú — Cikarang',
    '𝔍𝔢𝔧𝔞𝔨',
    '<script>alert(1)</script>',
    "'; DROP TABLE events;--",
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('true', 'null', '2026-13-45T99:99:99Z', 'NaN', '1e999'),
);

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: weirdString },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 63, -0, 1e308) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }) },
);

/** Nesting deep enough to trouble a recursive validator, as arrays or objects. */
const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean())
  .map(([depth, asArrays]) =>
    asArrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );

/** Bodies shaped like the route's own body, with each field possibly wrong, missing, or extra. */
function mutatedBody(valid: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(valid);
  return fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...keys), weirdValue), { maxLength: 4 }),
      fc.subarray(keys),
      fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 10 })), weirdValue),
        {
          maxLength: 3,
        },
      ),
    )
    .map(([replaced, removed, extra]) => {
      const entries = new Map<string, unknown>(Object.entries(valid));
      for (const key of removed) entries.delete(key);
      for (const [key, value] of replaced) entries.set(key, value);
      for (const [key, value] of extra) entries.set(key, value);
      return objectOf([...entries]);
    });
}

/** The raw JSON text sent: mostly serialised values, sometimes hand-made text no serialiser would write. */
function bodyText(valid: Record<string, unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: mutatedBody(valid).map((body) => JSON.stringify(body)) },
    { weight: 3, arbitrary: weirdValue.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: fc.constant(JSON.stringify([valid])) },
    { weight: 1, arbitrary: deepNesting },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('__proto__', 'constructor'), fc.jsonValue({ maxDepth: 1 }))
        .map(([key, value]) =>
          key === 'constructor'
            ? JSON.stringify({ ...valid, constructor: { prototype: { isAdmin: true, value } } })
            : JSON.stringify(valid).replace(
                /^\{/,
                `{"__proto__":{"role":"admin","polluted":${JSON.stringify(value)}},`,
              ),
        ),
    },
    {
      weight: 1,
      // Huge strings, built by repetition: generating 60 000 random characters one by one is slow.
      arbitrary: fc
        .tuple(weirdString, fc.integer({ min: 1_000, max: 60_000 }))
        .map(([piece, length]) => (piece || 'x').repeat(Math.ceil(length / Math.max(1, piece.length))))
        .map((s) => JSON.stringify({ ...valid, title: s, name: s, reason: s })),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, // not JSON at all
  );
}

describe('fuzzing the write routes with malformed bodies', () => {
  let t: TestApp;
  let officer: string;
  let itemId: string;
  let directory: Database.Database;

  beforeAll(async () => {
    t = await startTestApp({ JEJAK_RATE_LIMIT_PER_MINUTE: '1000000' });
    officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    itemId = (
      await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile())
        .expect(201)
    ).body.itemId;
    directory = new Database(join(t.dataDir, 'directory.sqlite'), { readonly: true });
  });
  afterAll(async () => {
    directory.close();
    await t.close();
  });

  const directoryState = () =>
    directory
      .prepare(
        `SELECT (SELECT count(*) FROM tokens) AS tokens, (SELECT count(*) FROM locations) AS locations,
                (SELECT coalesce(max(seq), 0) FROM directory_audit) AS audit`,
      )
      .get();

  const routes: { name: string; path: () => string; token: () => string; valid: Record<string, unknown> }[] =
    [
      {
        name: '/api/items',
        path: () => '/api/items',
        token: () => officer,
        valid: aFile({ id: 'fuzz-item', notes: 'catatan' }),
      },
      {
        name: '/api/items/:id/events',
        path: () => `/api/items/${itemId}/events`,
        token: () => ADMIN_TOKEN,
        valid: {
          type: 'reported_missing',
          reason: 'tidak ditemukan',
          occurredAt: new Date().toISOString(),
          note: 'x',
        },
      },
      {
        name: '/api/tokens',
        path: () => '/api/tokens',
        token: () => ADMIN_TOKEN,
        valid: { name: 'Kurir Fuzz', role: 'courier', principalId: 'KURIR-FUZZ' },
      },
      {
        name: '/api/locations',
        path: () => '/api/locations',
        token: () => ADMIN_TOKEN,
        valid: { id: 'desa-fuzz', name: 'Desa Fuzz', type: 'desa', parentId: 'kec-cikarang-utara' },
      },
    ];

  it.each(routes.map((route) => [route.name, route] as const))(
    'POST %s: never a 5xx; every 4xx is problem+json with a contract code and records nothing',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(bodyText(route.valid), async (text) => {
          const head = await headPosition(t);
          const before = directoryState();
          const response = await t
            .http()
            .post(route.path())
            .set(...bearer(route.token()))
            .set('Content-Type', 'application/json')
            .send(text);
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(CONTRACT_CODES).toContain(response.body.code);
            expect(response.body.status).toBe(response.status);
            expect({ head: await headPosition(t), directory: directoryState() }).toEqual({
              head,
              directory: before,
            });
          }
          // Whatever was sent, nothing anywhere gained a polluted prototype.
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
        }),
        { numRuns: RUNS },
      );
    },
    60_000,
  );

  it('a polluted body never turns into a privilege (the token still decides the role)', async () => {
    const text = JSON.stringify({ name: 'x', role: 'courier' }).replace(
      /^\{/,
      '{"__proto__":{"role":"admin"},',
    );
    const response = await t
      .http()
      .post('/api/tokens')
      .set(...bearer(officer))
      .set('Content-Type', 'application/json')
      .send(text);
    expect([400, 403]).toContain(response.status);
  });
});
