import { castOf, type Cast } from './support/actors';
import { readYourWrites } from './support/read-your-writes';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

const DEPOT = 'depo-arsip-bekasi';
const ids = (body: { items: { itemId: string }[] }): string[] => body.items.map((item) => item.itemId);

describe('read side as http-api.md says: inventories, history paging, X-Projection-Position', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
  });
  afterAll(() => t.close());

  const { register, record, get, last } = readYourWrites(
    () => t,
    () => cast,
  );
  const toDepot = async (itemId: string) => {
    await record(itemId, 'courierA', { type: 'collected', acknowledgement: SIGNED });
    await record(itemId, 'courierA', { type: 'dispatched', destinationId: DEPOT });
    await record(itemId, 'courierA', { type: 'arrived' });
    await record(itemId, 'depot', { type: 'intake_confirmed', storage: { room: 'R1', shelf: 'R1-02' } });
  };
  const ended = (disposition: string) =>
    aFile({ year: 2010, retention: { activeYears: 1, inactiveYears: 1, disposition } });

  describe('inventories hold the items there now', () => {
    let kept: string;
    let destroyed: string;
    let archived: string;

    beforeAll(async () => {
      kept = await register(ended('musnah'));
      destroyed = await register(ended('musnah'));
      archived = await register(ended('permanen'));
      for (const item of [kept, destroyed, archived]) await toDepot(item);
      await record(destroyed, 'depot', { type: 'disposed', baNumber: 'BA-001/MUS/2026' });
      await record(archived, 'depot', { type: 'transferred_static', baNumber: 'BA-002/STA/2026' });
    });

    it('leaves destroyed and static-archived items out of the depot inventory', async () => {
      const inventory = await get(`/api/locations/${DEPOT}/inventory`).expect(200);
      expect(ids(inventory.body)).toEqual([kept]);
    });

    it("leaves them out of the depot's custody and of a list by place, unless the status asks for them", async () => {
      expect(ids((await get('/api/items', { custodianId: DEPOT }).expect(200)).body)).toEqual([kept]);
      expect(ids((await get('/api/items', { locationId: DEPOT }).expect(200)).body)).toEqual([kept]);
      const disposed = await get('/api/items', { locationId: DEPOT, status: 'disposed' }).expect(200);
      expect(ids(disposed.body)).toEqual([destroyed]);
    });

    it('still answers where a destroyed item was last, with its status', async () => {
      const item = await get(`/api/items/${destroyed}`).expect(200);
      expect(item.body).toMatchObject({ status: 'disposed', locationId: DEPOT, custodianId: DEPOT });
    });
  });

  describe('history pages by cursor', () => {
    let item: string;

    beforeAll(async () => {
      item = await register(aFile({ title: 'Berkas lima peristiwa' }));
      await toDepot(item);
    });

    it('walks a 5-event history 2 at a time with cursor, every event once, oldest first', async () => {
      const pages: number[][] = [];
      let cursor: string | undefined;
      do {
        const page = await get(`/api/items/${item}/history`, { limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.status).toBe(200);
        pages.push(page.body.events.map((event: { revision: number }) => event.revision));
        expect(page.body.nextCursor === null || typeof page.body.nextCursor === 'string').toBe(true);
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(pages).toEqual([[0, 1], [2, 3], [4]]);
    });

    it('still takes afterRevision, the same as cursor', async () => {
      const first = await get(`/api/items/${item}/history`, { limit: 2 }).expect(200);
      const byCursor = await get(`/api/items/${item}/history`, { limit: 2, cursor: first.body.nextCursor });
      const byRevision = await get(`/api/items/${item}/history`, {
        limit: 2,
        afterRevision: first.body.nextCursor,
      });
      expect(byCursor.status).toBe(200);
      expect(byRevision.body).toEqual(byCursor.body);
    });

    it.each([['abc'], ['-1'], ['1.5'], ['99999999999999999999']])(
      'refuses cursor %j with 400 validation-failed naming cursor',
      async (cursor) => {
        const response = await get(`/api/items/${item}/history`, { cursor });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('validation-failed');
        expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
      },
    );

    it('refuses a cursor and an afterRevision that disagree', async () => {
      const response = await get(`/api/items/${item}/history`, { cursor: '1', afterRevision: 3 });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
    });
  });

  describe('X-Projection-Position on every read-model answer', () => {
    it('is on the 404 of an unknown location inventory', async () => {
      const response = await get('/api/locations/no-such-place/inventory').expect(404);
      expect(response.headers['x-projection-position']).toBe(last());
    });

    it('is on the 404 of a disposal list for a place that is not a depot', async () => {
      const response = await t
        .http()
        .get('/api/reports/disposal-list.pdf?depotId=kec-babelan')
        .set(...bearer(ADMIN_TOKEN));
      expect(response.status).toBe(404);
      expect(response.headers['x-projection-position']).toMatch(/^\d+$/);
    });

    it('is on the 503 projection-lagging, the position reached so far', async () => {
      const response = await get(`/api/locations/${DEPOT}/inventory`, { minPosition: '999999999' });
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('projection-lagging');
      expect(response.headers['x-projection-position']).toBe(last());
    }, 15000);
  });
});
