import { castOf, type Cast } from './support/actors';
import { releasedByCode, SIGNATURE_PNG, SIGNED, signatureHashOf } from './support/acknowledgements';
import { headPosition } from './support/store-probe';
import { aFile, aLetter, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

const ORIGIN = 'kec-cikarang-utara';
const ADDRESSEE = 'dinas-perpustakaan-kearsipan';
const SORTING_POINT = 'pemilahan-cikarang-pusat';
const DEPOT = 'depo-arsip-bekasi';

interface TrailEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * Two-party custody over HTTP (domain.md "Two-party custody"): a courier collects only what the
 * holder released, where it is; a letter is delivered only at its addressee unit with that unit's
 * acknowledgement; a letter travels only toward its addressee or a sorting point.
 */
describe('two-party custody over HTTP', () => {
  let t: TestApp;
  let cast: Cast;
  let last = '0';

  // Codes last one minute here, so an expired one is reached by its occurredAt, never by waiting.
  beforeAll(async () => {
    t = await startTestApp({ JEJAK_RELEASE_CODE_TTL_MINUTES: '1' });
    cast = await castOf(t, ADMIN_TOKEN);
  });
  afterAll(() => t.close());

  const register = async (body: Record<string, unknown> = aFile()): Promise<string> => {
    const response = await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.officer))
      .send(body)
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
    return response.body as { eventId: string; position: string };
  };
  const history = async (itemId: string): Promise<TrailEvent[]> =>
    (
      await t
        .http()
        .get(`/api/items/${itemId}/history`)
        .query({ minPosition: last })
        .set(...bearer(cast.auditor))
        .expect(200)
    ).body.events;
  /** Refused with `status`/`code`, and nothing recorded: the store's head and the item's trail stay put. */
  const refused = async (
    itemId: string,
    who: keyof Cast,
    body: Record<string, unknown>,
    status: number,
    code: string,
  ): Promise<{ detail: string; errors?: { field: string }[] }> => {
    const trail = await history(itemId);
    const head = await headPosition(t);
    const response = await post(itemId, who, body);
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(await headPosition(t)).toBe(head);
    expect(await history(itemId)).toEqual(trail);
    return response.body;
  };
  const codeOf = (who: keyof Cast, placeId: string) => releasedByCode(t.http, cast[who], placeId);

  describe('collected needs the holder’s release', () => {
    it('takes a kode serah of the place: one code covers the sitting, and both parties are in the trail', async () => {
      const [first, second, third] = [await register(), await register(), await register()];
      const acknowledgement = await codeOf('officer', ORIGIN);
      await record(first, 'courierA', { type: 'collected', acknowledgement });
      await record(second, 'courierA', { type: 'collected', acknowledgement });
      const collected = (await history(first)).find((event) => event.type === 'collected')!;
      expect(collected.data).toMatchObject({
        locationId: ORIGIN,
        custodianId: 'KURIR-A',
        fromCustodianId: ORIGIN,
        acknowledgement: { method: 'code', placeId: ORIGIN, byId: expect.any(String) },
      });
      expect(JSON.stringify(collected.data)).not.toContain(acknowledgement.code);
      const detail = await refused(
        third,
        'courierB',
        { type: 'collected', acknowledgement },
        403,
        'forbidden',
      );
      expect(detail.detail).toMatch(/already used by another courier/);
    });

    it('refuses an expired code, judged at the collection’s occurredAt', async () => {
      const itemId = await register();
      const issued = await t
        .http()
        .post('/api/release-codes')
        .set(...bearer(cast.officer))
        .send({ placeId: ORIGIN })
        .expect(201);
      const occurredAt = new Date(Date.parse(issued.body.expiresAt) + 1000).toISOString();
      const body = {
        type: 'collected',
        occurredAt,
        acknowledgement: { method: 'code', code: issued.body.code },
      };
      const answer = await refused(itemId, 'courierA', body, 403, 'forbidden');
      expect(answer.detail).toMatch(/had expired/);
    });

    it('refuses a code of another place, an unknown code and the courier’s own account (403)', async () => {
      const itemId = await register();
      const elsewhere = await codeOf('otherOfficer', 'kec-babelan');
      const another = await refused(
        itemId,
        'courierA',
        { type: 'collected', acknowledgement: elsewhere },
        403,
        'forbidden',
      );
      expect(another.detail).toMatch(/not one issued for 'kec-cikarang-utara'/);
      await refused(
        itemId,
        'courierA',
        { type: 'collected', acknowledgement: { method: 'code', code: 'ZZZZZZ' } },
        403,
        'forbidden',
      );
      const own = await refused(
        itemId,
        'courierA',
        { type: 'collected', acknowledgement: { method: 'account' } },
        403,
        'forbidden',
      );
      expect(own.detail).toMatch(/cannot release an item to themselves/);
    });

    it('refuses a collection elsewhere than where the item is (409) and one without acknowledgement (400)', async () => {
      const itemId = await register();
      const acknowledgement = await codeOf('officer', ORIGIN);
      await refused(
        itemId,
        'courierA',
        { type: 'collected', locationId: 'kec-babelan', acknowledgement },
        409,
        'invalid-transition',
      );
      const missing = await refused(itemId, 'courierA', { type: 'collected' }, 400, 'validation-failed');
      expect(missing.errors?.map((error) => error.field)).toEqual(['acknowledgement']);
    });

    it('keeps a drawn signature: its hash in the event and the trail, the image behind its own route', async () => {
      const itemId = await register();
      const { eventId } = await record(itemId, 'courierA', { type: 'collected', acknowledgement: SIGNED });
      const collected = (await history(itemId)).find((event) => event.eventId === eventId)!;
      expect(collected.data.acknowledgement).toEqual({
        method: 'signature',
        byId: null,
        placeId: ORIGIN,
        name: SIGNED.name,
        nip: SIGNED.nip,
        signatureHash: signatureHashOf(SIGNATURE_PNG),
      });
      const image = await t
        .http()
        .get(`/api/items/${itemId}/events/${eventId}/signature.png`)
        .set(...bearer(cast.auditor))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
        .expect('Content-Type', 'image/png');
      expect((image.body as Buffer).equals(Buffer.from(SIGNATURE_PNG.split(',')[1], 'base64'))).toBe(true);
    });

    it('refuses a signature that is not a PNG (400) or over 256 KB (413), keeping nothing', async () => {
      const itemId = await register();
      const notPng = {
        ...SIGNED,
        signature: `data:image/png;base64,${Buffer.from('GIF89a-not-a-png-at-all-0123456789').toString('base64')}`,
      };
      const bad = await refused(
        itemId,
        'courierA',
        { type: 'collected', acknowledgement: notPng },
        400,
        'validation-failed',
      );
      expect(bad.errors?.map((error) => error.field)).toEqual(['acknowledgement.signature']);
      const png = Buffer.from(SIGNATURE_PNG.split(',')[1], 'base64');
      const huge = Buffer.concat([png, Buffer.alloc(257 * 1024)]);
      const tooBig = { ...SIGNED, signature: `data:image/png;base64,${huge.toString('base64')}` };
      await refused(
        itemId,
        'courierA',
        { type: 'collected', acknowledgement: tooBig },
        413,
        'payload-too-large',
      );
    });
  });

  describe('delivered happens only at the addressee unit, with its acknowledgement', () => {
    /** A letter collected (with its origin's code), dispatched to `toward` and arrived at `at`. */
    const letterArrived = async (at = ADDRESSEE, toward = ADDRESSEE): Promise<string> => {
      const itemId = await register(aLetter());
      await record(itemId, 'courierA', {
        type: 'collected',
        acknowledgement: await codeOf('officer', ORIGIN),
      });
      await record(itemId, 'courierA', { type: 'dispatched', destinationId: toward });
      await record(itemId, 'courierA', { type: 'arrived', locationId: at });
      return itemId;
    };
    const delivery = async (itemId: string) =>
      (await history(itemId)).find((event) => event.type === 'delivered')!;

    it('records an officer of the addressee unit receiving it by account', async () => {
      const itemId = await letterArrived();
      await record(itemId, 'addresseeOfficer', { type: 'delivered', acknowledgement: { method: 'account' } });
      expect((await delivery(itemId)).data).toMatchObject({
        locationId: ADDRESSEE,
        custodianId: ADDRESSEE,
        fromCustodianId: 'KURIR-A',
        acknowledgement: { method: 'account', placeId: ADDRESSEE },
      });
    });

    it('records the courier with the unit’s kode serah, or with the receiver’s signature', async () => {
      const byCode = await letterArrived();
      await record(byCode, 'courierA', {
        type: 'delivered',
        acknowledgement: await codeOf('addresseeOfficer', ADDRESSEE),
      });
      expect((await delivery(byCode)).data.acknowledgement).toMatchObject({
        method: 'code',
        placeId: ADDRESSEE,
      });
      const bySignature = await letterArrived();
      await record(bySignature, 'courierA', { type: 'delivered', acknowledgement: SIGNED });
      expect((await delivery(bySignature)).data).toMatchObject({
        receivedBy: SIGNED.name,
        acknowledgement: { method: 'signature', signatureHash: signatureHashOf(SIGNATURE_PNG) },
      });
    });

    it('refuses a letter still in transit, or arrived at another unit (409), and the origin’s code (403)', async () => {
      const inTransit = await register(aLetter());
      await record(inTransit, 'courierA', { type: 'collected', acknowledgement: SIGNED });
      await record(inTransit, 'courierA', { type: 'dispatched', destinationId: ADDRESSEE });
      await refused(
        inTransit,
        'courierA',
        { type: 'delivered', acknowledgement: SIGNED },
        409,
        'invalid-transition',
      );
      const misrouted = await letterArrived(SORTING_POINT, SORTING_POINT);
      await refused(
        misrouted,
        'courierA',
        { type: 'delivered', acknowledgement: SIGNED },
        409,
        'invalid-transition',
      );
      const arrived = await letterArrived();
      const originCode = await codeOf('officer', ORIGIN);
      await refused(
        arrived,
        'courierA',
        { type: 'delivered', acknowledgement: originCode },
        403,
        'forbidden',
      );
      await refused(
        arrived,
        'courierA',
        { type: 'delivered', acknowledgement: { method: 'account' } },
        403,
        'forbidden',
      );
    });

    it('sends a misrouted letter onward to its addressee, and refuses one toward another unit (400 destinationId)', async () => {
      const misrouted = await letterArrived(SORTING_POINT, SORTING_POINT);
      const wrong = await refused(
        misrouted,
        'courierA',
        { type: 'dispatched', destinationId: 'kec-babelan' },
        400,
        'validation-failed',
      );
      expect(wrong.errors?.map((error) => error.field)).toEqual(['destinationId']);
      await record(misrouted, 'courierA', { type: 'dispatched', destinationId: ADDRESSEE });
      await record(misrouted, 'courierA', { type: 'arrived' });
      await record(misrouted, 'courierA', { type: 'delivered', acknowledgement: SIGNED });
    });
  });

  describe('a transfer', () => {
    it('is collected with one kode serah of its origin for every item, and refused without a release', async () => {
      const itemIds = [await register(), await register()];
      const created = await t
        .http()
        .post('/api/transfers')
        .set(...bearer(cast.officer))
        .send({ baNumber: 'BA-777/ARS/2026', fromId: ORIGIN, toId: DEPOT, itemIds })
        .expect(201);
      const transferId = created.body.transferId as string;
      const step = (who: keyof Cast, body: Record<string, unknown>) =>
        t
          .http()
          .post(`/api/transfers/${transferId}/events`)
          .set(...bearer(cast[who]))
          .send(body);
      const head = await headPosition(t);
      const missing = await step('courierA', { type: 'collected' });
      expect({ status: missing.status, code: missing.body.code }).toEqual({
        status: 400,
        code: 'validation-failed',
      });
      const own = await step('courierA', { type: 'collected', acknowledgement: { method: 'account' } });
      expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'forbidden' });
      expect(await headPosition(t)).toBe(head);
      const collected = await step('courierA', {
        type: 'collected',
        acknowledgement: await codeOf('officer', ORIGIN),
      });
      expect(collected.status).toBe(201);
      last = collected.body.position;
      for (const itemId of itemIds) {
        const event = (await history(itemId)).find((entry) => entry.type === 'collected')!;
        expect(event.data).toMatchObject({
          custodianId: 'KURIR-A',
          fromCustodianId: ORIGIN,
          acknowledgement: { method: 'code', placeId: ORIGIN },
        });
      }
    });
  });
});
