import { castOf, type Cast } from './support/actors';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, aLetter, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

interface Step {
  by: keyof Cast;
  body: Record<string, unknown>;
  status: string;
  /** A token that may not record this step (refused 403, nothing recorded). */
  wrongActor: keyof Cast;
  /** An event not allowed in the status before this step, by someone otherwise entitled (409). */
  wrongEvent: { by: keyof Cast; body: Record<string, unknown> };
}

describe('the whole custody lifecycle over HTTP', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
  });
  afterAll(() => t.close());

  const register = async (body: Record<string, unknown>) =>
    (
      await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .send(body)
        .expect(201)
    ).body as {
      itemId: string;
      position: string;
    };

  const post = (itemId: string, who: keyof Cast, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/items/${itemId}/events`)
      .set(...bearer(cast[who]))
      .send(body);

  const current = async (itemId: string, minPosition: string) =>
    (
      await t
        .http()
        .get(`/api/items/${itemId}`)
        .query({ minPosition })
        .set(...bearer(cast.auditor))
        .expect(200)
    ).body;

  async function walk(itemId: string, steps: Step[]): Promise<void> {
    let revision = 0;
    for (const step of steps) {
      const before = await current(itemId, '0');
      await expectNothingRecorded(t, async () => {
        const wrongRole = await post(itemId, step.wrongActor, step.body);
        expect({ step: step.body.type, status: wrongRole.status, code: wrongRole.body.code }).toEqual({
          step: step.body.type,
          status: 403,
          code: 'forbidden',
        });
        const wrongState = await post(itemId, step.wrongEvent.by, step.wrongEvent.body);
        expect({ step: step.body.type, status: wrongState.status, code: wrongState.body.code }).toEqual({
          step: step.body.type,
          status: 409,
          code: 'invalid-transition',
        });
        expect(wrongState.body.detail).toContain(String(step.wrongEvent.body.type));
        expect(wrongState.body.detail).toContain(before.status);
      });
      const response = await post(itemId, step.by, step.body);
      expect({ step: step.body.type, status: response.status, body: response.body }).toEqual({
        step: step.body.type,
        status: 201,
        body: expect.objectContaining({ itemId, type: step.body.type, revision: ++revision }),
      });
      const item = await current(itemId, response.body.position);
      expect({ step: step.body.type, status: item.status }).toEqual({
        step: step.body.type,
        status: step.status,
      });
    }
  }

  it('takes a file from its unit to the depot, lends it, takes it back and moves it on the shelf', async () => {
    const { itemId } = await register(aFile());
    await walk(itemId, [
      {
        by: 'courierA',
        body: { type: 'collected', acknowledgement: SIGNED },
        status: 'collected',
        wrongActor: 'officer',
        wrongEvent: { by: 'officer', body: { type: 'found', locationId: 'kec-cikarang-utara' } },
      },
      {
        by: 'courierA',
        body: { type: 'handover_offered', toCustodianId: 'KURIR-B' },
        status: 'collected',
        wrongActor: 'courierB',
        wrongEvent: { by: 'courierA', body: { type: 'arrived' } },
      },
      {
        by: 'courierB',
        body: { type: 'handover_accepted' },
        status: 'collected',
        wrongActor: 'courierA',
        wrongEvent: { by: 'courierA', body: { type: 'arrived' } },
      },
      {
        by: 'courierB',
        body: { type: 'dispatched', destinationId: 'depo-arsip-bekasi' },
        status: 'in_transit',
        wrongActor: 'courierA',
        wrongEvent: { by: 'courierB', body: { type: 'arrived' } },
      },
      {
        by: 'courierB',
        body: { type: 'arrived' },
        status: 'arrived',
        wrongActor: 'courierA',
        wrongEvent: { by: 'courierB', body: { type: 'dispatched', destinationId: 'setda' } },
      },
      {
        by: 'depot',
        body: { type: 'intake_confirmed', storage: { room: 'R1', shelf: 'R1-03', box: 'B-0042' } },
        status: 'deposited',
        wrongActor: 'otherDepot',
        wrongEvent: { by: 'depot', body: { type: 'relocated', storage: { room: 'R2' } } },
      },
      {
        by: 'depot',
        body: {
          type: 'lent',
          borrowerUnitId: 'setda',
          borrowerName: 'Ibu Sari (Bagian Hukum)',
          dueAt: new Date(Date.now() + 7 * 864e5).toISOString(),
        },
        status: 'on_loan',
        wrongActor: 'courierA',
        wrongEvent: { by: 'depot', body: { type: 'returned' } },
      },
      {
        by: 'depot',
        body: { type: 'returned' },
        status: 'deposited',
        wrongActor: 'otherDepot',
        wrongEvent: {
          by: 'depot',
          body: {
            type: 'lent',
            borrowerUnitId: 'setda',
            borrowerName: 'Budi',
            dueAt: '2030-01-01T00:00:00.000Z',
          },
        },
      },
      {
        by: 'depot',
        body: { type: 'relocated', storage: { room: 'R2', shelf: 'R2-01', box: 'B-0100' } },
        status: 'deposited',
        wrongActor: 'officer',
        wrongEvent: { by: 'depot', body: { type: 'returned' } },
      },
    ]);
    const item = await current(itemId, '0');
    expect(item).toMatchObject({
      custodianId: 'depo-arsip-bekasi',
      locationId: 'depo-arsip-bekasi',
      storage: { room: 'R2', shelf: 'R2-01', box: 'B-0100' },
    });
  });

  it('takes a letter from its unit to the addressee', async () => {
    const { itemId } = await register(aLetter());
    await walk(itemId, [
      {
        by: 'courierA',
        body: { type: 'collected', acknowledgement: SIGNED },
        status: 'collected',
        wrongActor: 'depot',
        wrongEvent: { by: 'officer', body: { type: 'found', locationId: 'kec-cikarang-utara' } },
      },
      {
        by: 'courierA',
        body: { type: 'dispatched', destinationId: 'dinas-perpustakaan-kearsipan' },
        status: 'in_transit',
        wrongActor: 'courierB',
        wrongEvent: { by: 'courierA', body: { type: 'arrived' } },
      },
      {
        by: 'courierA',
        body: { type: 'arrived' },
        status: 'arrived',
        wrongActor: 'courierB',
        wrongEvent: {
          by: 'courierA',
          body: { type: 'sorted', locationId: 'pemilahan-cikarang-pusat', destinationId: 'setda' },
        },
      },
      {
        by: 'addresseeOfficer',
        body: {
          type: 'delivered',
          receivedBy: 'Pak Andi (TU Dispusip)',
          acknowledgement: { method: 'account' },
        },
        status: 'delivered',
        wrongActor: 'courierB',
        wrongEvent: { by: 'courierA', body: { type: 'arrived' } },
      },
    ]);
    const item = await current(itemId, '0');
    expect(item.custodianId).toBe('dinas-perpustakaan-kearsipan');
  });

  it('lets an auditor read but never write', async () => {
    const { itemId } = await register(aFile());
    await expectNothingRecorded(t, async () => {
      const response = await post(itemId, 'auditor', { type: 'reported_missing', reason: 'uji' });
      expect(response.status).toBe(403);
    });
    const registering = await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.auditor))
      .send(aFile());
    expect(registering.status).toBe(403);
  });

  it('refuses an officer registering for another unit, and an occurredAt in the future', async () => {
    await expectNothingRecorded(t, async () => {
      const foreign = await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.otherOfficer))
        .send(aFile());
      expect(foreign.status).toBe(403);
      const future = await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .send(aFile({ occurredAt: new Date(Date.now() + 10 * 60_000).toISOString() }));
      expect(future.status).toBe(400);
      expect(future.body.code).toBe('validation-failed');
    });
  });

  it('answers 404 for an event on an item that does not exist, recording nothing', async () => {
    await expectNothingRecorded(t, async () => {
      const response = await post('no-such-item', 'courierA', { type: 'collected', acknowledgement: SIGNED });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not-found');
    });
  });

  it('refuses registering an id twice with 409 already-exists', async () => {
    await register(aFile({ id: 'ARS-DUP-1' }));
    await expectNothingRecorded(t, async () => {
      const again = await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .send(aFile({ id: 'ARS-DUP-1' }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('already-exists');
    });
  });

  it('refuses a stale expectedRevision with 409 concurrency-conflict', async () => {
    const { itemId } = await register(aFile());
    await post(itemId, 'courierA', {
      type: 'collected',
      acknowledgement: SIGNED,
      expectedRevision: 0,
    }).expect(201);
    await expectNothingRecorded(t, async () => {
      const stale = await post(itemId, 'courierA', {
        type: 'handover_offered',
        toCustodianId: 'KURIR-B',
        expectedRevision: 0,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('concurrency-conflict');
    });
  });
});
