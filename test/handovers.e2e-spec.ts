import { castOf, type Cast } from './support/actors';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

/** Every party is real and no handover is left stuck (issue #13), over HTTP. */
describe('handovers over HTTP: real parties, withdrawn or lapsed offers, releases as collection', () => {
  let t: TestApp;
  let cast: Cast;
  let last = '0';

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
  });
  afterAll(() => t.close());

  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

  const register = async (occurredAt?: string): Promise<string> => {
    const response = await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.officer))
      .send({ ...aFile(), ...(occurredAt ? { occurredAt } : {}) })
      .expect(201);
    last = response.body.position;
    return response.body.itemId as string;
  };
  const post = (itemId: string, who: keyof Cast, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/items/${itemId}/events`)
      .set(...bearer(cast[who]))
      .send(body);
  const record = async (itemId: string, who: keyof Cast, body: Record<string, unknown>) => {
    const response = await post(itemId, who, body);
    expect({
      type: body.type,
      status: response.status,
      body: response.status === 201 ? 'ok' : response.body,
    }).toEqual({ type: body.type, status: 201, body: 'ok' });
    last = response.body.position;
    return response.body as { eventId: string; type: string; position: string };
  };
  const view = async (itemId: string) =>
    (
      await t
        .http()
        .get(`/api/items/${itemId}`)
        .query({ minPosition: last })
        .set(...bearer(cast.auditor))
        .expect(200)
    ).body;
  const history = async (itemId: string) =>
    (
      await t
        .http()
        .get(`/api/items/${itemId}/history`)
        .query({ minPosition: last })
        .set(...bearer(cast.auditor))
        .expect(200)
    ).body.events as { type: string; data: Record<string, unknown>; actor: { id: string } }[];
  const pendingList = async () =>
    (
      await t
        .http()
        .get('/api/watch/pending-handovers')
        .query({ minPosition: last })
        .set(...bearer(cast.auditor))
        .expect(200)
    ).body.items as { itemId: string; pendingHandover: { expiresAt: string } }[];

  /** Registered at the unit, released by its officer to courier A, who takes it: in A's bag. */
  const withCourierA = async (occurredAt?: (step: number) => string): Promise<string> => {
    const itemId = await register(occurredAt?.(0));
    const at = (step: number) => (occurredAt ? { occurredAt: occurredAt(step) } : {});
    await record(itemId, 'officer', { type: 'handover_offered', toCustodianId: 'KURIR-A', ...at(1) });
    await record(itemId, 'courierA', { type: 'handover_accepted', ...at(2) });
    return itemId;
  };

  it('refuses a handover to a party that is not in the directory (422 unknown-party), recording nothing', async () => {
    const itemId = await withCourierA();
    // KRR-0017 is a courier of the directory; KRR-017 is the id as mistyped.
    await t.token('courier', undefined, 'KRR-0017');
    const lookAlike = 'KURIR-\u0412'; // Cyrillic Ve, not Latin B
    for (const toCustodianId of ['KRR-017', 'NOBODY', lookAlike, 'kurir-a', 'K'.repeat(5_000)]) {
      await expectNothingRecorded(t, async () => {
        const refused = await post(itemId, 'courierA', { type: 'handover_offered', toCustodianId });
        expect({ id: toCustodianId.slice(0, 12), status: refused.status, code: refused.body.code }).toEqual({
          id: toCustodianId.slice(0, 12),
          status: 422,
          code: 'unknown-party',
        });
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.body.detail.length).toBeLessThan(300);
        expect(refused.body.errors).toEqual([{ field: 'toCustodianId', message: 'no such person or unit' }]);
      });
    }
    await expectNothingRecorded(t, async () => {
      // 900,000 characters never reach the domain: the body's shape is refused at the edge.
      const huge = await post(itemId, 'courierA', {
        type: 'handover_offered',
        toCustodianId: 'K'.repeat(900_000),
      });
      expect({ status: huge.status, code: huge.body.code }).toEqual({
        status: 400,
        code: 'validation-failed',
      });
    });
    expect((await view(itemId)).pendingHandover).toBeNull();
  });

  it('refuses a handover to a deactivated person', async () => {
    const itemId = await withCourierA();
    await t
      .http()
      .post('/api/people')
      .set(...bearer(ADMIN_TOKEN))
      .send({ id: 'KURIR-PENSIUN', name: 'Kurir Pensiun', role: 'courier' })
      .expect(201);
    await t
      .http()
      .patch('/api/people/KURIR-PENSIUN')
      .set(...bearer(ADMIN_TOKEN))
      .send({ active: false })
      .expect(200);
    await expectNothingRecorded(t, async () => {
      const refused = await post(itemId, 'courierA', {
        type: 'handover_offered',
        toCustodianId: 'KURIR-PENSIUN',
      });
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 422,
        code: 'unknown-party',
      });
      expect(refused.body.detail).toMatch(/deactivated/);
    });
  });

  it('the stale offer is withdrawn by its offerer, then a new offer goes through', async () => {
    const itemId = await withCourierA();
    await record(itemId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' });
    const pending = (await view(itemId)).pendingHandover;
    expect(pending).toMatchObject({ toCustodianId: 'KURIR-B', offeredById: 'KURIR-A', lapsed: false });
    expect(Date.parse(pending.expiresAt) - Date.parse(pending.offeredAt)).toBe(24 * 3_600_000);
    expect((await pendingList()).map((item) => item.itemId)).toContain(itemId);

    await expectNothingRecorded(t, async () => {
      const blocked = await post(itemId, 'courierA', {
        type: 'handover_offered',
        toCustodianId: 'depo-arsip-bekasi',
      });
      expect({ status: blocked.status, code: blocked.body.code }).toEqual({
        status: 409,
        code: 'invalid-transition',
      });
      const byOther = await post(itemId, 'courierB', { type: 'handover_withdrawn', reason: 'bukan saya' });
      expect({ status: byOther.status, code: byOther.body.code }).toEqual({ status: 403, code: 'forbidden' });
      const noReason = await post(itemId, 'courierA', { type: 'handover_withdrawn' });
      expect(noReason.status).toBe(400);
    });
    await record(itemId, 'courierA', { type: 'handover_withdrawn', reason: 'salah alamat' });
    expect(await view(itemId)).toMatchObject({ custodianId: 'KURIR-A', pendingHandover: null });
    expect((await pendingList()).map((item) => item.itemId)).not.toContain(itemId);

    await record(itemId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' });
    await record(itemId, 'courierB', { type: 'handover_accepted' });
    expect(await view(itemId)).toMatchObject({ custodianId: 'KURIR-B', pendingHandover: null });
    const withdrawn = (await history(itemId)).find((event) => event.type === 'handover_withdrawn');
    expect(withdrawn).toMatchObject({
      actor: { id: 'KURIR-A' },
      data: { fromCustodianId: 'KURIR-A', toCustodianId: 'KURIR-B', reason: 'salah alamat' },
    });
  });

  it('an admin clears an offer nobody else will, and the item moves on', async () => {
    const itemId = await withCourierA();
    await record(itemId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' });
    await record(itemId, 'admin', { type: 'handover_withdrawn', reason: 'kurir B cuti' });
    expect((await view(itemId)).pendingHandover).toBeNull();
    await record(itemId, 'courierA', { type: 'handover_offered', toCustodianId: 'depo-arsip-bekasi' });
    expect((await view(itemId)).pendingHandover).toMatchObject({ toCustodianId: 'depo-arsip-bekasi' });
  });

  it('a lapsed offer cannot be accepted (409 naming the lapse), leaves the watch list, and a new offer goes through', async () => {
    // Each step reported as it happened, a day and more ago: the offer lapsed 24 hours after it.
    const itemId = await withCourierA((step) => hoursAgo(30 - step));
    await record(itemId, 'courierA', {
      type: 'handover_offered',
      toCustodianId: 'KURIR-B',
      occurredAt: hoursAgo(27),
    });
    const pending = (await view(itemId)).pendingHandover;
    expect(pending).toMatchObject({ toCustodianId: 'KURIR-B', lapsed: true });
    expect(Date.parse(pending.expiresAt)).toBeLessThan(Date.now());
    expect((await pendingList()).map((item) => item.itemId)).not.toContain(itemId);

    await expectNothingRecorded(t, async () => {
      const late = await post(itemId, 'courierB', { type: 'handover_accepted' });
      expect({ status: late.status, code: late.body.code }).toEqual({
        status: 409,
        code: 'invalid-transition',
      });
      expect(late.body.detail).toContain(`lapsed at ${pending.expiresAt}`);
    });
    await record(itemId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' });
    await record(itemId, 'courierB', { type: 'handover_accepted' });
    expect(await view(itemId)).toMatchObject({ custodianId: 'KURIR-B', pendingHandover: null });
  });

  it("the holder's offer to a courier, accepted, is the collection: collected, released by account", async () => {
    const itemId = await register();
    await expectNothingRecorded(t, async () => {
      const toOfficer = await post(itemId, 'officer', {
        type: 'handover_offered',
        toCustodianId: 'dinas-perpustakaan-kearsipan',
      });
      expect({ status: toOfficer.status, code: toOfficer.body.code }).toEqual({
        status: 400,
        code: 'validation-failed',
      });
      const byStranger = await post(itemId, 'otherOfficer', {
        type: 'handover_offered',
        toCustodianId: 'KURIR-A',
      });
      expect(byStranger.status).toBe(403);
    });
    const offered = await record(itemId, 'officer', { type: 'handover_offered', toCustodianId: 'KURIR-A' });
    expect(await view(itemId)).toMatchObject({
      status: 'registered',
      custodianId: 'kec-cikarang-utara',
      pendingHandover: { kind: 'release', toCustodianId: 'KURIR-A', locationId: 'kec-cikarang-utara' },
    });
    await expectNothingRecorded(t, async () => {
      const notHers = await post(itemId, 'courierB', { type: 'handover_accepted' });
      expect(notHers.status).toBe(403);
    });
    const accepted = await record(itemId, 'courierA', { type: 'handover_accepted' });
    expect(accepted.type).toBe('collected');
    expect(await view(itemId)).toMatchObject({
      status: 'collected',
      custodianId: 'KURIR-A',
      pendingHandover: null,
    });
    const events = await history(itemId);
    expect(events.map((event) => event.type)).toEqual(['registered', 'handover_offered', 'collected']);
    const officerId = events[1].actor.id;
    expect(events[2]).toMatchObject({
      actor: { id: 'KURIR-A' },
      data: {
        locationId: 'kec-cikarang-utara',
        custodianId: 'KURIR-A',
        fromCustodianId: 'kec-cikarang-utara',
        acknowledgement: { method: 'account', byId: officerId, placeId: 'kec-cikarang-utara' },
      },
    });
    expect(offered.type).toBe('handover_offered');
  });

  it("refuses the attacker's found: an officer of another unit naming a custodian that does not exist", async () => {
    const itemId = await register();
    await record(itemId, 'officer', { type: 'reported_missing', reason: 'tidak ada di lemari' });
    await expectNothingRecorded(t, async () => {
      const attack = await post(itemId, 'otherOfficer', {
        type: 'found',
        locationId: 'kec-babelan',
        custodianId: 'KUR-9999',
      });
      expect({ status: attack.status, code: attack.body.code }).toEqual({
        status: 422,
        code: 'unknown-party',
      });
      const toACourier = await post(itemId, 'otherOfficer', {
        type: 'found',
        locationId: 'kec-babelan',
        custodianId: 'KURIR-A',
      });
      expect({ status: toACourier.status, code: toACourier.body.code }).toEqual({
        status: 403,
        code: 'forbidden',
      });
      const elsewhere = await post(itemId, 'otherOfficer', {
        type: 'found',
        locationId: 'kec-cikarang-utara',
      });
      expect(elsewhere.status).toBe(403);
    });
    await record(itemId, 'officer', { type: 'found', locationId: 'kec-cikarang-utara' });
    expect(await view(itemId)).toMatchObject({
      status: 'registered',
      locationId: 'kec-cikarang-utara',
      custodianId: 'kec-cikarang-utara',
    });
  });

  it('never lets a token act as a place: a principal id that is a location id is refused', async () => {
    await expectNothingRecorded(t, async () => {
      const token = await t
        .http()
        .post('/api/tokens')
        .set(...bearer(ADMIN_TOKEN))
        .send({ name: 'Menyamar', role: 'courier', principalId: 'kec-babelan' });
      expect({ status: token.status, code: token.body.code }).toEqual({
        status: 409,
        code: 'already-exists',
      });
      expect(token.body.detail).toMatch(
        /'kec-babelan' is the id of a place: person ids and place ids never collide/,
      );
    });
  });
});

describe('JEJAK_HANDOVER_TTL_HOURS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ JEJAK_HANDOVER_TTL_HOURS: '2' });
  });
  afterAll(() => t.close());

  it('sets how long a new offer stays open, kept in the event', async () => {
    const officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    await t.token('courier', undefined, 'KURIR-TTL');
    const registered = await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile())
      .expect(201);
    const offered = await t
      .http()
      .post(`/api/items/${registered.body.itemId}/events`)
      .set(...bearer(officer))
      .send({ type: 'handover_offered', toCustodianId: 'KURIR-TTL' })
      .expect(201);
    const item = await t
      .http()
      .get(`/api/items/${registered.body.itemId}`)
      .query({ minPosition: offered.body.position })
      .set(...bearer(ADMIN_TOKEN))
      .expect(200);
    const { offeredAt, expiresAt } = item.body.pendingHandover;
    expect(Date.parse(expiresAt) - Date.parse(offeredAt)).toBe(2 * 3_600_000);
  });
});
