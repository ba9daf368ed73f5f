import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@jejak/custody';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { ROUTE_PERMISSIONS } from '../apps/custody-api/src/auth/route-permissions';
import { castOf, type Cast } from './support/actors';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

describe('concurrent writers and retried requests', () => {
  let t: TestApp;
  let cast: Cast;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(() => t.close());

  const register = async () =>
    (
      await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .send(aFile())
        .expect(201)
    ).body.itemId as string;

  it('40 concurrent writers on one item: every answer is 201 or 409, one event per 201, revisions 0..n-1', async () => {
    const itemId = await register();
    // `corrected` is allowed in any status, so every writer is entitled; only the revision races.
    const registered = (await store.readStream(`item-${itemId}`))[0];
    const bodies = Array.from({ length: 40 }, (_, i) => ({
      type: 'corrected',
      correctsEventId: registered.eventId,
      reason: `koreksi ${i}`,
      ...(i % 2 === 0 ? { expectedRevision: 0 } : {}),
    }));
    const responses = await Promise.all(
      bodies.map((body) =>
        t
          .http()
          .post(`/api/items/${itemId}/events`)
          .set(...bearer(cast.officer))
          .send(body),
      ),
    );
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const accepted = responses.filter((r) => r.status === 201);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body.code).toBe('concurrency-conflict');
    }

    const events = await store.readStream(`item-${itemId}`);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(events).toHaveLength(1 + accepted.length);
    expect(new Set(accepted.map((r) => r.body.eventId))).toEqual(
      new Set(events.slice(1).map((e) => e.eventId)),
    );
    const pinnedWinners = responses.filter((r, i) => r.status === 201 && bodies[i].expectedRevision === 0);
    expect(pinnedWinners.length).toBeLessThanOrEqual(1);
  });

  it('50 concurrent relocated on one item without expectedRevision: all 201, 50 events, revisions 0..n-1', async () => {
    const itemId = await register();
    for (const [token, body] of [
      [cast.courierA, { type: 'collected', acknowledgement: SIGNED }],
      [cast.courierA, { type: 'dispatched', destinationId: 'depo-arsip-bekasi' }],
      [cast.courierA, { type: 'arrived' }],
      [cast.depot, { type: 'intake_confirmed', storage: { room: 'R1' } }],
    ] as [string, object][]) {
      await t
        .http()
        .post(`/api/items/${itemId}/events`)
        .set(...bearer(token))
        .send(body)
        .expect(201);
    }
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t
          .http()
          .post(`/api/items/${itemId}/events`)
          .set(...bearer(cast.depot))
          .send({ type: 'relocated', storage: { room: 'R2', shelf: `S-${i}` } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    const events = await store.readStream(`item-${itemId}`);
    expect(events.filter((e) => e.type === 'relocated')).toHaveLength(50);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(new Set(responses.map((r) => r.body.revision)).size).toBe(50);
  });

  it('a retried request with the same Idempotency-Key leaves exactly one event and answers the same', async () => {
    const itemId = await register();
    const send = () =>
      t
        .http()
        .post(`/api/items/${itemId}/events`)
        .set(...bearer(cast.courierA))
        .set('Idempotency-Key', 'scan-7781')
        .send({ type: 'collected', acknowledgement: SIGNED, note: 'ambil' });
    const first = await send().expect(201);
    const second = await send().expect(201);
    const third = await send().expect(201);
    expect(second.body).toEqual(first.body);
    expect(third.body).toEqual(first.body);
    expect(await store.readStream(`item-${itemId}`)).toHaveLength(2);
  });

  it('a refused request keeps its answer for its key: the retry gets the first refusal again and records nothing', async () => {
    const itemId = 'ARS-IDEM-REFUSED-1';
    const send = (key: string) =>
      t
        .http()
        .post(`/api/items/${itemId}/events`)
        .set(...bearer(cast.courierA))
        .set('Idempotency-Key', key)
        .send({ type: 'collected', acknowledgement: SIGNED });
    const first = await send('collect-before-registered');
    expect(first.status).toBe(404);
    await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.officer))
      .send(aFile({ id: itemId }))
      .expect(201);
    const retried = await send('collect-before-registered');
    expect({
      status: retried.status,
      type: retried.headers['content-type'],
      replayed: retried.headers['idempotent-replayed'],
      body: retried.body,
    }).toEqual({
      status: 404,
      type: expect.stringContaining('application/problem+json'),
      replayed: 'true',
      body: first.body,
    });
    expect(await store.readStream(`item-${itemId}`)).toHaveLength(1);
    // A new attempt is a new key.
    expect((await send('collect-after-registered')).status).toBe(201);
    expect(await store.readStream(`item-${itemId}`)).toHaveLength(2);
  });

  it('concurrent retries with one key record once', async () => {
    const itemId = await register();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t
          .http()
          .post(`/api/items/${itemId}/events`)
          .set(...bearer(cast.courierA))
          .set('Idempotency-Key', 'burst-1')
          .send({ type: 'collected', acknowledgement: SIGNED }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body.eventId)).size).toBe(1);
    expect(await store.readStream(`item-${itemId}`)).toHaveLength(2);
  });

  it('registration without an id, retried with its key, creates one item', async () => {
    const send = () =>
      t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .set('Idempotency-Key', 'reg-42')
        .send(aFile());
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.body.itemId).toBe(first.body.itemId);
    expect(await store.readStream(`item-${first.body.itemId}`)).toHaveLength(1);
  });

  it('the same key with another body is 422 idempotency-key-reused and records nothing', async () => {
    const itemId = await register();
    await t
      .http()
      .post(`/api/items/${itemId}/events`)
      .set(...bearer(cast.courierA))
      .set('Idempotency-Key', 'k-1')
      .send({ type: 'collected', acknowledgement: SIGNED })
      .expect(201);
    await expectNothingRecorded(t, async () => {
      const reused = await t
        .http()
        .post(`/api/items/${itemId}/events`)
        .set(...bearer(cast.courierA))
        .set('Idempotency-Key', 'k-1')
        .send({ type: 'handover_offered', toCustodianId: 'KURIR-B' });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('idempotency-key-reused');
    });
  });

  it('keys are per token: another token may use the same key', async () => {
    const a = await register();
    const b = await register();
    await t
      .http()
      .post(`/api/items/${a}/events`)
      .set(...bearer(cast.courierA))
      .set('Idempotency-Key', 'shared')
      .send({ type: 'collected', acknowledgement: SIGNED })
      .expect(201);
    await t
      .http()
      .post(`/api/items/${b}/events`)
      .set(...bearer(cast.courierB))
      .set('Idempotency-Key', 'shared')
      .send({ type: 'collected', acknowledgement: SIGNED })
      .expect(201);
    expect(await store.readStream(`item-${b}`)).toHaveLength(2);
  });

  describe('every POST that records something takes an Idempotency-Key', () => {
    const postRoutes = Object.entries(ROUTE_PERMISSIONS)
      .filter(([key]) => key.startsWith('POST '))
      .map(([key, roles]) => ({ path: key.slice('POST '.length), roles }));

    it('refuses a malformed key on every POST route the service serves, recording nothing', async () => {
      const fastify = t.app.getHttpAdapter().getInstance();
      const tokenOf: Partial<Record<Role, string>> = {
        admin: cast.admin,
        officer: cast.officer,
        courier: cast.courierA,
        depot: cast.depot,
      };
      expect(postRoutes.length).toBeGreaterThanOrEqual(8);
      for (const { path, roles } of postRoutes) {
        expect({ path, served: fastify.hasRoute({ method: 'POST', url: path }) }).toEqual({
          path,
          served: true,
        });
        await expectNothingRecorded(t, async () => {
          const response = await t
            .http()
            .post(path.replace(/:id/g, 'itm-none'))
            .set(...bearer(tokenOf[roles[0]] as string))
            .set('Idempotency-Key', 'not a valid key')
            .send({});
          expect({ path, status: response.status, errors: response.body.errors }).toEqual({
            path,
            status: 400,
            errors: [{ field: 'Idempotency-Key', message: 'invalid' }],
          });
        });
      }
    });

    it('a retried location creation with its key answers the first 201 again, not 409', async () => {
      const send = () =>
        t
          .http()
          .post('/api/locations')
          .set(...bearer(cast.admin))
          .set('Idempotency-Key', 'loc-ruang-arsip-7')
          .send({ id: 'ruang-arsip-7', name: 'Ruang Arsip 7', type: 'depot' });
      const first = await send().expect(201);
      const again = await send();
      expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
      expect(again.headers['idempotent-replayed']).toBe('true');
    });

    it('a retried token creation with its key creates one token', async () => {
      const tokenCount = async () =>
        (
          await t
            .http()
            .get('/api/tokens')
            .set(...bearer(cast.admin))
            .expect(200)
        ).body.tokens.length;
      const before = await tokenCount();
      const send = () =>
        t
          .http()
          .post('/api/tokens')
          .set(...bearer(cast.admin))
          .set('Idempotency-Key', 'token-kurir-c')
          .send({ name: 'kurir C', role: 'courier', principalId: 'KURIR-C' });
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.body).toEqual(first.body);
      expect(await tokenCount()).toBe(before + 1);
      // The answer kept for the retry holds the new token, never in the clear on disk.
      const idempotencyFile = join(t.dataDir, 'idempotency.sqlite');
      const onDisk = ['', '-wal']
        .filter((suffix) => existsSync(idempotencyFile + suffix))
        .map((suffix) => readFileSync(idempotencyFile + suffix).toString('latin1'))
        .join('');
      expect(onDisk.length).toBeGreaterThan(0);
      expect(onDisk).not.toContain(first.body.token);
      expect(onDisk).not.toContain('KURIR-C');
    });
  });
});
