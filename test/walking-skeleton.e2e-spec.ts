import { aFile, aLetter, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { expectNothingRecorded } from './support/store-probe';
import { SIGNED } from './support/acknowledgements';

describe('walking skeleton: register → collect → where is it', () => {
  let t: TestApp;
  let officer: { token: string; principalId: string };
  let courier: { token: string; principalId: string };

  beforeAll(async () => {
    t = await startTestApp();
    officer = await t.token('officer', 'kec-cikarang-utara');
    courier = await t.token('courier', undefined, 'KURIR-007');
  });
  afterAll(() => t.close());

  it('answers health without a token', async () => {
    await t.http().get('/health/live').expect(200);
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
  });

  it('ships the Kabupaten Bekasi directory on a new store', async () => {
    const response = await t
      .http()
      .get('/api/locations')
      .set(...bearer(officer.token))
      .expect(200);
    const locations: { id: string; type: string; name: string }[] = response.body.locations;
    expect(locations.filter((l) => l.type === 'kecamatan')).toHaveLength(23);
    expect(locations.map((l) => l.id)).toEqual(
      expect.arrayContaining([
        'kec-cikarang-utara',
        'kec-muaragembong',
        'dinas-perpustakaan-kearsipan',
        'setda',
      ]),
    );
    expect(locations.some((l) => l.type === 'depot')).toBe(true);
    expect(locations.some((l) => l.type === 'sorting_point')).toBe(true);
  });

  it('records a file registered by an officer and collected by a courier, and answers where it is', async () => {
    const registered = await t
      .http()
      .post('/api/items')
      .set(...bearer(officer.token))
      .send(aFile())
      .expect(201);
    expect(registered.body).toEqual({
      itemId: expect.any(String),
      eventId: expect.any(String),
      revision: 0,
      position: expect.stringMatching(/^\d+$/),
    });
    const itemId = registered.body.itemId;

    const collected = await t
      .http()
      .post(`/api/items/${itemId}/events`)
      .set(...bearer(courier.token))
      .send({ type: 'collected', acknowledgement: SIGNED, note: 'diambil di meja arsip' })
      .expect(201);
    expect(collected.body).toMatchObject({ itemId, type: 'collected', revision: 1 });

    const item = await t
      .http()
      .get(`/api/items/${itemId}`)
      .query({ minPosition: collected.body.position })
      .set(...bearer(officer.token))
      .expect(200);
    expect(item.body).toMatchObject({
      itemId,
      kind: 'file',
      status: 'collected',
      custodianId: 'KURIR-007',
      locationId: 'kec-cikarang-utara',
      revision: 1,
    });
    expect(BigInt(item.headers['x-projection-position'])).toBeGreaterThanOrEqual(
      BigInt(collected.body.position),
    );

    const history = await t
      .http()
      .get(`/api/items/${itemId}/history`)
      .query({ minPosition: collected.body.position })
      .set(...bearer(officer.token))
      .expect(200);
    expect(history.body.itemId).toBe(itemId);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['registered', 'collected']);
    const [first, second] = history.body.events;
    expect(first.actor).toEqual({ id: officer.principalId, role: 'officer', unitId: 'kec-cikarang-utara' });
    expect(second.actor).toEqual({ id: 'KURIR-007', role: 'courier', unitId: null });
    for (const event of history.body.events) {
      expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
      expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
    }
    expect(second.note).toBe('diambil di meja arsip');
  });

  it('registers a letter with its addressee', async () => {
    const response = await t
      .http()
      .post('/api/items')
      .set(...bearer(officer.token))
      .send(aLetter())
      .expect(201);
    const item = await t
      .http()
      .get(`/api/items/${response.body.itemId}`)
      .query({ minPosition: response.body.position })
      .set(...bearer(officer.token))
      .expect(200);
    expect(item.body).toMatchObject({
      kind: 'letter',
      status: 'registered',
      addresseeUnitId: 'dinas-perpustakaan-kearsipan',
    });
  });

  describe('refusals record nothing', () => {
    it('no token → 401 problem+json', async () => {
      await expectNothingRecorded(t, async () => {
        const response = await t.http().post('/api/items').send(aFile()).expect(401);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 401, code: 'unauthenticated' });
      });
    });

    it('a wrong token → 401', async () => {
      await expectNothingRecorded(t, async () => {
        await t
          .http()
          .post('/api/items')
          .set(...bearer('jjk_not-a-real-token'))
          .send(aFile())
          .expect(401);
      });
    });

    it('malformed JSON → 400 validation-failed', async () => {
      await expectNothingRecorded(t, async () => {
        const response = await t
          .http()
          .post('/api/items')
          .set(...bearer(officer.token))
          .set('Content-Type', 'application/json')
          .send('{"kind": "file", "title": ')
          .expect(400);
        expect(response.body.code).toBe('validation-failed');
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      });
    });

    it('a missing field → 400 naming it', async () => {
      await expectNothingRecorded(t, async () => {
        const { title: _title, ...withoutTitle } = aFile();
        const response = await t
          .http()
          .post('/api/items')
          .set(...bearer(officer.token))
          .send(withoutTitle)
          .expect(400);
        expect(response.body.code).toBe('validation-failed');
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'title' })]),
        );
      });
    });

    it.each(['rahasia', 'sangat_rahasia'])(
      'security class %s → 422 classified-not-accepted',
      async (securityClass) => {
        await expectNothingRecorded(t, async () => {
          const response = await t
            .http()
            .post('/api/items')
            .set(...bearer(officer.token))
            .send(aFile({ securityClass }))
            .expect(422);
          expect(response.body.code).toBe('classified-not-accepted');
        });
      },
    );

    it('an unknown event type → 400', async () => {
      const registered = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer.token))
        .send(aFile())
        .expect(201);
      await expectNothingRecorded(t, async () => {
        const response = await t
          .http()
          .post(`/api/items/${registered.body.itemId}/events`)
          .set(...bearer(courier.token))
          .send({ type: 'teleported' })
          .expect(400);
        expect(response.body.code).toBe('validation-failed');
      });
    });

    it('an unknown route → 404 problem+json', async () => {
      const response = await t
        .http()
        .get('/api/nothing-here')
        .set(...bearer(ADMIN_TOKEN))
        .expect(404);
      expect(response.body.code).toBe('not-found');
    });
  });
});
