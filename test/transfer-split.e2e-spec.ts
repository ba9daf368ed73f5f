import { SIGNED } from './support/acknowledgements';
import { castOf, type Cast } from './support/actors';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { pdfText } from './support/pdf-text';

const ORIGIN = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';

/**
 * A transfer's consignment split between couriers over HTTP: KURIR-A collects three files and
 * hands one to KURIR-B; each carries their part, the depot takes both in, the berita acara says
 * who carried which. Each refusal records nothing.
 */
describe('a consignment split between couriers over HTTP', () => {
  let t: TestApp;
  let cast: Cast;
  let serial = 0;
  let courierC: string;

  beforeAll(async () => {
    t = await startTestApp({ JEJAK_RATE_LIMIT_PER_MINUTE: '1000000' });
    cast = await castOf(t, ADMIN_TOKEN);
    courierC = (await t.token('courier', undefined, 'KURIR-C')).token;
  }, 60_000);
  afterAll(() => t.close());

  const as = (who: keyof Cast | 'courierC') => (who === 'courierC' ? courierC : cast[who]);
  const post = (path: string, who: keyof Cast | 'courierC', body: Record<string, unknown>) =>
    t
      .http()
      .post(path)
      .set(...bearer(as(who)))
      .send(body);
  const get = (path: string, who: keyof Cast = 'officer') =>
    t
      .http()
      .get(path)
      .set(...bearer(cast[who]));

  async function threeFilesCollected(): Promise<{ transferId: string; ids: string[] }> {
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const answer = await post(
        '/api/items',
        'officer',
        aFile({ title: `Berkas terpisah ${n} (${++serial})` }),
      );
      expect(answer.status).toBe(201);
      ids.push(answer.body.itemId);
    }
    const created = await post('/api/transfers', 'officer', {
      baNumber: `BA-PISAH-${++serial}/ARS/2026`,
      fromId: ORIGIN,
      toId: DEPOT,
      itemIds: ids,
    });
    expect(created.status).toBe(201);
    const transferId = created.body.transferId as string;
    expect(
      (
        await post(`/api/transfers/${transferId}/events`, 'courierA', {
          type: 'collected',
          acknowledgement: SIGNED,
        })
      ).status,
    ).toBe(201);
    return { transferId, ids };
  }

  const step = (transferId: string, who: keyof Cast | 'courierC', body: Record<string, unknown>) =>
    post(`/api/transfers/${transferId}/events`, who, body);

  it('hands one file of three to a colleague; each courier carries their part; the depot takes both in; the berita acara names both parts', async () => {
    const { transferId, ids } = await threeFilesCollected();
    const offered = await step(transferId, 'courierA', {
      type: 'handover_offered',
      toCustodianId: 'KURIR-B',
      itemIds: [ids[2]],
    });
    expect(offered.status).toBe(201);
    expect((await get(`/api/transfers/${transferId}`)).body.pendingHandover).toMatchObject({
      fromCustodianId: 'KURIR-A',
      toCustodianId: 'KURIR-B',
      itemIds: [ids[2]],
    });
    expect((await step(transferId, 'courierB', { type: 'handover_accepted' })).status).toBe(201);
    for (const [who, type] of [
      ['courierA', 'dispatched'],
      ['courierB', 'dispatched'],
      ['courierA', 'arrived'],
    ] as const)
      expect({ who, type, status: (await step(transferId, who, { type })).status }).toEqual({
        who,
        type,
        status: 201,
      });
    expect((await get(`/api/transfers/${transferId}`)).body).toMatchObject({
      status: 'arrived',
      carriers: [
        { custodianId: 'KURIR-A', stage: 'arrived', itemIds: ids.slice(0, 2) },
        { custodianId: 'KURIR-B', stage: 'in_transit', itemIds: [ids[2]] },
      ],
    });
    const shelf = { room: 'R1', shelf: 'S1' };
    const first = await post(`/api/transfers/${transferId}/intake`, 'depot', {
      results: ids.slice(0, 2).map((itemId) => ({ itemId, outcome: 'received', storage: shelf })),
    });
    expect({ status: first.status, transfer: first.body.status }).toEqual({
      status: 201,
      transfer: 'arrived',
    });
    expect((await step(transferId, 'courierB', { type: 'arrived' })).status).toBe(201);
    const last = await post(`/api/transfers/${transferId}/intake`, 'depot', {
      results: [{ itemId: ids[2], outcome: 'damaged', storage: shelf, note: 'sampul sobek' }],
    });
    expect({ status: last.status, transfer: last.body.status }).toEqual({
      status: 201,
      transfer: 'completed_with_discrepancies',
    });
    const pdf = await get(`/api/transfers/${transferId}/report.pdf`, 'depot')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain('(KURIR-B), sebagian muatan: no. 3 daftar arsip (1 dari 3 berkas)');
    expect(text).toContain('sebagian muatan: no. 1, 2 daftar arsip (2 dari 3 berkas)');
  });

  it('refuses, recording nothing: a file the courier does not carry (400), itemIds not a list (400), a courier carrying none (403), a part already gone (409), an intake of a part on its way (409)', async () => {
    const { transferId, ids } = await threeFilesCollected();
    const refused = async (
      act: () => Promise<{ status: number; body: { code?: string } }>,
      status: number,
      code: string,
    ) =>
      expectNothingRecorded(t, async () => {
        const response = await act();
        expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      });
    await refused(
      () =>
        step(transferId, 'courierA', {
          type: 'handover_offered',
          toCustodianId: 'KURIR-B',
          itemIds: ['no-such'],
        }),
      400,
      'validation-failed',
    );
    await refused(
      () =>
        step(transferId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B', itemIds: ids[0] }),
      400,
      'validation-failed',
    );
    expect(
      (
        await step(transferId, 'courierA', {
          type: 'handover_offered',
          toCustodianId: 'KURIR-B',
          itemIds: [ids[0]],
        })
      ).status,
    ).toBe(201);
    expect((await step(transferId, 'courierB', { type: 'handover_accepted' })).status).toBe(201);
    await refused(() => step(transferId, 'courierC', { type: 'dispatched' }), 403, 'forbidden');
    expect((await step(transferId, 'courierB', { type: 'dispatched' })).status).toBe(201);
    await refused(() => step(transferId, 'courierB', { type: 'dispatched' }), 409, 'invalid-transition');
    expect((await step(transferId, 'courierA', { type: 'dispatched' })).status).toBe(201);
    expect((await step(transferId, 'courierA', { type: 'arrived' })).status).toBe(201);
    await refused(
      () =>
        post(`/api/transfers/${transferId}/intake`, 'depot', {
          results: [{ itemId: ids[0], outcome: 'received', storage: { room: 'R1' } }],
        }),
      409,
      'invalid-transition',
    );
  });

  it('refuses a transfer collected while one of its files has its own release pending (409 naming it), recording nothing', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 2; n++)
      ids.push(
        (await post('/api/items', 'officer', aFile({ title: `Berkas dilepas ${n} (${++serial})` }))).body
          .itemId,
      );
    // Released on its own before the transfer listed it: once listed, it is released only with it.
    const released = await post(`/api/items/${ids[1]}/events`, 'officer', {
      type: 'handover_offered',
      toCustodianId: 'KURIR-B',
    });
    expect(released.status).toBe(201);
    const created = await post('/api/transfers', 'officer', {
      baNumber: `BA-LEPAS-${++serial}/ARS/2026`,
      fromId: ORIGIN,
      toId: DEPOT,
      itemIds: ids,
    });
    expect(created.status).toBe(201);
    await expectNothingRecorded(t, async () => {
      const response = await step(created.body.transferId, 'courierA', {
        type: 'collected',
        acknowledgement: SIGNED,
      });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 409,
        code: 'invalid-transition',
      });
      expect(response.body.detail).toContain(`item '${ids[1]}'`);
      expect(response.body.detail).toContain("a release to 'KURIR-B' is pending");
    });
    expect((await get(`/api/items/${ids[1]}`)).body.pendingHandover).toMatchObject({
      toCustodianId: 'KURIR-B',
    });
  });
});
