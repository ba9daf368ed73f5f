import { castOf, type Cast } from './support/actors';
import { readYourWrites } from './support/read-your-writes';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

describe('read models over HTTP: search, inventory, watch lists, read-your-writes', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
  });
  afterAll(() => t.close());

  const { register, record, get } = readYourWrites(
    () => t,
    () => cast,
  );

  const toDepot = async (itemId: string, startHoursAgo: number) => {
    await record(itemId, 'courierA', {
      type: 'collected',
      acknowledgement: SIGNED,
      occurredAt: hoursAgo(startHoursAgo),
    });
    await record(itemId, 'courierA', {
      type: 'dispatched',
      destinationId: 'depo-arsip-bekasi',
      occurredAt: hoursAgo(startHoursAgo - 0.5),
    });
    await record(itemId, 'courierA', { type: 'arrived', occurredAt: hoursAgo(startHoursAgo - 1) });
    await record(itemId, 'depot', {
      type: 'intake_confirmed',
      storage: { room: 'R3', shelf: 'R3-01' },
      occurredAt: hoursAgo(startHoursAgo - 1.5),
    });
  };

  let stuck: string;
  let fresh: string;
  let pending: string;
  let lent: string;
  let old: string;

  beforeAll(async () => {
    stuck = await register(
      aFile({
        title: 'Arsip Désa Karangasih: Peraturan Desa 2012',
        classificationCode: '100.3.1',
        year: 2012,
        occurredAt: hoursAgo(40),
      }),
    );
    await record(stuck, 'courierA', { type: 'collected', acknowledgement: SIGNED, occurredAt: hoursAgo(31) });
    await record(stuck, 'courierA', {
      type: 'dispatched',
      destinationId: 'depo-arsip-bekasi',
      occurredAt: hoursAgo(30),
    });

    fresh = await register(
      aFile({
        title: 'Surat Keputusan Camat tentang PERUBAHAN Anggaran',
        classificationCode: '900.1.2',
        year: 2021,
      }),
    );
    await record(fresh, 'courierA', { type: 'collected', acknowledgement: SIGNED });
    await record(fresh, 'courierA', { type: 'dispatched', destinationId: 'depo-arsip-bekasi' });

    pending = await register(
      aFile({ title: 'Buku agenda surat masuk', classificationCode: '000.2.3', occurredAt: hoursAgo(9) }),
    );
    await record(pending, 'courierA', {
      type: 'collected',
      acknowledgement: SIGNED,
      occurredAt: hoursAgo(8),
    });
    await record(pending, 'courierA', {
      type: 'handover_offered',
      toCustodianId: 'KURIR-B',
      occurredAt: hoursAgo(5),
    });

    lent = await register(
      aFile({
        title: 'Daftar gaji pegawai kecamatan',
        classificationCode: '800.1',
        occurredAt: hoursAgo(20 * 24),
      }),
    );
    await toDepot(lent, 19 * 24);
    await record(lent, 'depot', {
      type: 'lent',
      borrowerUnitId: 'bkpsdm',
      borrowerName: 'Pak Dedi',
      dueAt: hoursAgo(3 * 24),
      occurredAt: hoursAgo(10 * 24),
    });

    old = await register(
      aFile({
        title: 'Laporan kegiatan 2010',
        classificationCode: '000.5',
        year: 2010,
        retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
        occurredAt: hoursAgo(6),
      }),
    );
    await toDepot(old, 5);
  });

  it('lists items in transit longer than N hours', async () => {
    const response = await get('/api/watch/in-transit', { olderThanHours: 24 }).expect(200);
    const ids = response.body.items.map((i: { itemId: string }) => i.itemId);
    expect(ids).toContain(stuck);
    expect(ids).not.toContain(fresh);
    const all = await get('/api/watch/in-transit', { olderThanHours: 0 }).expect(200);
    expect(all.body.items.map((i: { itemId: string }) => i.itemId)).toEqual(
      expect.arrayContaining([stuck, fresh]),
    );
  });

  it('lists handovers pending longer than N hours', async () => {
    const longer = await get('/api/watch/pending-handovers', { olderThanHours: 4 }).expect(200);
    expect(longer.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([pending]);
    const shorter = await get('/api/watch/pending-handovers', { olderThanHours: 6 }).expect(200);
    expect(shorter.body.items).toEqual([]);
  });

  it('lists overdue loans and ended retention', async () => {
    const overdue = await get('/api/watch/overdue-loans').expect(200);
    expect(overdue.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([lent]);
    const ended = await get('/api/watch/retention-ended').expect(200);
    expect(ended.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([old]);
  });

  it('searches titles ignoring case and accents, and filters by code prefix, status and year', async () => {
    const byText = await get('/api/items', { q: 'desa karangasih' }).expect(200);
    expect(byText.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([stuck]);
    const upper = await get('/api/items', { q: 'perubahan' }).expect(200);
    expect(upper.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([fresh]);
    const byCode = await get('/api/items', { classificationCode: '900' }).expect(200);
    expect(byCode.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([fresh]);
    const deposited = await get('/api/items', { status: 'deposited' }).expect(200);
    expect(deposited.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([old]);
    const byYear = await get('/api/items', { year: 2012 }).expect(200);
    expect(byYear.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([stuck]);
  });

  it('pages with a cursor through every item exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await get('/api/items', { limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { itemId: string }) => i.itemId));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([stuck, fresh, pending, lent, old].sort());
  });

  it('refuses a cursor it did not give out with 400', async () => {
    const response = await get('/api/items', { cursor: 'bm90LWEtY3Vyc29y' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation-failed');
  });

  it("answers what is at a location and in a courier's bag", async () => {
    const depot = await get('/api/locations/depo-arsip-bekasi/inventory').expect(200);
    expect(depot.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([old]);
    const bag = await get('/api/items', { custodianId: 'KURIR-A' }).expect(200);
    expect(bag.body.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual(
      [stuck, fresh, pending].sort(),
    );
    await get('/api/locations/no-such-place/inventory').expect(404);
  });

  it('answers 503 projection-lagging for a position the read model cannot reach in time', async () => {
    const response = await t
      .http()
      .get(`/api/items/${stuck}`)
      .query({ minPosition: '999999999' })
      .set(...bearer(cast.auditor));
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('projection-lagging');
  }, 15000);
});
