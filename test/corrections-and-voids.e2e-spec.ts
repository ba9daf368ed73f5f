import { castOf, type Cast } from './support/actors';
import { readYourWrites } from './support/read-your-writes';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

// Starting the service and importing a list takes more than Jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

const HOUR = 3600 * 1000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const HEADER =
  'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Jumlah;Klasifikasi Keamanan;Retensi Aktif;Retensi Inaktif;Nasib Akhir';
const DAFTAR = [
  HEADER,
  ...Array.from(
    { length: 30 },
    (_, i) => `${i + 1};900.1.3;Kuitansi belanja rangkap nomor ${i + 1};2019;1 berkas;biasa;2;3;musnah`,
  ),
].join('\r\n');

type Body = Record<string, unknown>;

describe('times, corrections and voids over HTTP', () => {
  let t: TestApp;
  let cast: Cast;
  const writes = readYourWrites(
    () => t,
    () => cast,
  );
  const { send: post, get } = writes;
  const register = (id: string, overrides: Body = {}) => writes.register(aFile({ id, ...overrides }));
  const idsOf = (body: { items: { itemId: string }[] }) => body.items.map((item) => item.itemId);
  const expectRefused = async (cases: [string, keyof Cast, Body, number, string][]) => {
    await expectNothingRecorded(t, async () => {
      for (const [itemId, who, body, status, code] of cases) {
        const response = await post(itemId, who, body);
        expect({ itemId, who, body, status: response.status, code: response.body.code }).toEqual({
          itemId,
          who,
          body,
          status,
          code,
        });
      }
    });
  };

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
  });
  afterAll(() => t.close());

  describe('times', () => {
    it('refuses a dispatched dated 1900-01-01 after a collected of today: 409 out-of-order naming both times', async () => {
      const itemId = await register('TV-backdated', { occurredAt: hoursAgo(0.5) });
      const collectedAt = new Date(Date.now() - 60_000).toISOString();
      expect(
        (
          await post(itemId, 'courierA', {
            type: 'collected',
            acknowledgement: SIGNED,
            occurredAt: collectedAt,
          })
        ).status,
      ).toBe(201);
      await expectNothingRecorded(t, async () => {
        const refused = await post(itemId, 'courierA', {
          type: 'dispatched',
          destinationId: 'depo-arsip-bekasi',
          occurredAt: '1900-01-01T00:00:00Z',
        });
        expect({ status: refused.status, code: refused.body.code }).toEqual({
          status: 409,
          code: 'out-of-order',
        });
        expect(refused.body.detail).toContain('1900-01-01T00:00:00.000Z');
        expect(refused.body.detail).toContain(collectedAt);
        const aMinuteEarlier = await post(itemId, 'courierA', {
          type: 'dispatched',
          destinationId: 'depo-arsip-bekasi',
          occurredAt: new Date(Date.parse(collectedAt) - 1000).toISOString(),
        });
        expect(aMinuteEarlier.body.code).toBe('out-of-order');
      });
      const dispatched = await post(itemId, 'courierA', {
        type: 'dispatched',
        destinationId: 'depo-arsip-bekasi',
      });
      expect(dispatched.status).toBe(201);
    });

    it('marks an event recorded more than an hour after it occurred as late, and lists it', async () => {
      const itemId = await register('TV-late', { occurredAt: hoursAgo(5) });
      expect(
        (
          await post(itemId, 'courierA', {
            type: 'collected',
            acknowledgement: SIGNED,
            occurredAt: hoursAgo(3),
          })
        ).status,
      ).toBe(201);
      expect(
        (await post(itemId, 'courierA', { type: 'dispatched', destinationId: 'depo-arsip-bekasi' })).status,
      ).toBe(201);
      const events = (await get(`/api/items/${itemId}/history`).expect(200)).body.events;
      expect(events.map((event: { type: string; late: boolean }) => [event.type, event.late])).toEqual([
        ['registered', true],
        ['collected', true],
        ['dispatched', false],
      ]);
      const late = (await get('/api/watch/late-entries', { limit: 1000 }).expect(200)).body;
      expect(late.lateAfterMinutes).toBe(60);
      const mine = late.entries.filter((entry: { itemId: string }) => entry.itemId === itemId);
      expect(mine.map((entry: { type: string }) => entry.type).sort()).toEqual(['collected', 'registered']);
      expect(
        mine.find((entry: { type: string }) => entry.type === 'collected').lateByMinutes,
      ).toBeGreaterThanOrEqual(179);
      const recent = (
        await get('/api/watch/late-entries', { since: new Date(Date.now() + 60_000).toISOString() }).expect(
          200,
        )
      ).body;
      expect(recent.entries).toEqual([]);
    });
  });

  describe('corrected: a typo in the registered title', () => {
    it('amends the description: the view shows the new values, the trail before → after, search the new title', async () => {
      const itemId = await register('TV-typo', { title: 'Laporan Realisasi Anggran Kecamatan 2019' });
      await expectRefused([
        [
          itemId,
          'officer',
          { type: 'corrected', changes: { kind: 'letter' }, reason: 'x' },
          400,
          'validation-failed',
        ],
        [
          itemId,
          'officer',
          { type: 'corrected', changes: { originUnitId: 'kec-babelan' }, reason: 'x' },
          400,
          'validation-failed',
        ],
        [
          itemId,
          'officer',
          { type: 'corrected', changes: { title: '' }, reason: 'x' },
          400,
          'validation-failed',
        ],
        [
          itemId,
          'officer',
          { type: 'corrected', changes: { year: 1800 }, reason: 'x' },
          400,
          'validation-failed',
        ],
        [
          itemId,
          'officer',
          { type: 'corrected', changes: { status: 'disposed' }, reason: 'x' },
          400,
          'validation-failed',
        ],
        [itemId, 'officer', { type: 'corrected', changes: { title: 'Baru' } }, 400, 'validation-failed'],
        [itemId, 'officer', { type: 'corrected', reason: 'tanpa isi' }, 400, 'validation-failed'],
        [itemId, 'officer', { type: 'corrected', changes: 'judul', reason: 'x' }, 400, 'validation-failed'],
        [
          itemId,
          'officer',
          { type: 'corrected', changes: { securityClass: 'rahasia' }, reason: 'x' },
          422,
          'classified-not-accepted',
        ],
        [
          itemId,
          'otherOfficer',
          { type: 'corrected', changes: { title: 'Baru' }, reason: 'x' },
          403,
          'forbidden',
        ],
        [
          itemId,
          'courierA',
          { type: 'corrected', changes: { title: 'Baru' }, reason: 'x' },
          403,
          'forbidden',
        ],
        [itemId, 'auditor', { type: 'corrected', changes: { title: 'Baru' }, reason: 'x' }, 403, 'forbidden'],
        [
          itemId,
          'officer',
          { type: 'corrected', changes: { title: 'Baru' }, reason: 'x', occurredAt: '1900-01-01T00:00:00Z' },
          409,
          'out-of-order',
        ],
      ]);
      const corrected = await post(itemId, 'officer', {
        type: 'corrected',
        changes: { title: 'Laporan Realisasi Anggaran Kecamatan 2019', notes: 'Judul diperbaiki' },
        reason: 'Salah ketik pada uraian',
      });
      expect(corrected.status).toBe(201);
      expect((await get(`/api/items/${itemId}`).expect(200)).body).toMatchObject({
        title: 'Laporan Realisasi Anggaran Kecamatan 2019',
        notes: 'Judul diperbaiki',
        status: 'registered',
      });
      const events = (await get(`/api/items/${itemId}/history`).expect(200)).body.events;
      expect(events[events.length - 1]).toMatchObject({
        type: 'corrected',
        data: {
          reason: 'Salah ketik pada uraian',
          changes: { title: 'Laporan Realisasi Anggaran Kecamatan 2019', notes: 'Judul diperbaiki' },
          before: { title: 'Laporan Realisasi Anggran Kecamatan 2019', notes: null },
        },
      });
      expect(
        idsOf(
          (await get('/api/items', { q: 'anggaran', originUnitId: 'kec-cikarang-utara' }).expect(200)).body,
        ),
      ).toContain(itemId);
      expect(idsOf((await get('/api/items', { q: 'anggran' }).expect(200)).body)).not.toContain(itemId);
      // The same values again change nothing: refused, not recorded twice.
      await expectRefused([
        [
          itemId,
          'officer',
          { type: 'corrected', changes: { title: 'Laporan Realisasi Anggaran Kecamatan 2019' }, reason: 'x' },
          400,
          'validation-failed',
        ],
      ]);
    });
  });

  describe('voided: the same daftar arsip imported twice', () => {
    const importDaftar = (query: Record<string, string> = {}) =>
      t
        .http()
        .post('/api/imports/daftar-arsip')
        .query(query)
        .set(...bearer(cast.officer))
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(DAFTAR);

    it('voids all 30 duplicates, which leave the unit’s inventory and the search', async () => {
      const first = await importDaftar();
      expect(first.status).toBe(201);
      const again = await importDaftar({ allowDuplicate: 'true' });
      expect(again.status).toBe(201);
      writes.saw(again.body.position);
      const duplicates = again.body.itemIds as string[];
      expect(duplicates).toHaveLength(30);
      const inventory = async () =>
        idsOf((await get('/api/locations/kec-cikarang-utara/inventory', { limit: 500 }).expect(200)).body);
      expect(await inventory()).toEqual(expect.arrayContaining([...first.body.itemIds, ...duplicates]));

      const [one] = duplicates;
      await expectRefused([
        [one, 'otherOfficer', { type: 'voided', reason: 'duplikat' }, 403, 'forbidden'],
        [one, 'admin', { type: 'voided', reason: 'duplikat' }, 403, 'forbidden'],
        [one, 'depot', { type: 'voided', reason: 'duplikat' }, 403, 'forbidden'],
        [one, 'courierA', { type: 'voided', reason: 'duplikat' }, 403, 'forbidden'],
        [one, 'officer', { type: 'voided' }, 400, 'validation-failed'],
        [one, 'officer', { type: 'voided', reason: '   ' }, 400, 'validation-failed'],
      ]);

      for (const itemId of duplicates) {
        const voided = await post(itemId, 'officer', {
          type: 'voided',
          reason: 'Duplikat impor daftar arsip',
        });
        expect({ itemId, status: voided.status }).toEqual({ itemId, status: 201 });
      }
      const after = await inventory();
      expect(after).toEqual(expect.arrayContaining(first.body.itemIds));
      expect(after.filter((id) => duplicates.includes(id))).toEqual([]);
      expect((await get(`/api/items/${one}`).expect(200)).body).toMatchObject({
        status: 'voided',
        locationId: 'kec-cikarang-utara',
      });
      const search = async (query: Body) =>
        idsOf((await get('/api/items', { q: 'rangkap', limit: 100, ...query }).expect(200)).body);
      expect((await search({})).sort()).toEqual([...first.body.itemIds].sort());
      expect((await search({ includeVoided: 'true' })).sort()).toEqual(
        [...first.body.itemIds, ...duplicates].sort(),
      );
      expect((await search({ status: 'voided' })).sort()).toEqual([...duplicates].sort());
      const trail = (await get(`/api/items/${one}/history`).expect(200)).body.events;
      expect(trail.map((event: { type: string }) => event.type)).toEqual(['registered', 'voided']);
      expect(trail[1].data).toEqual({ reason: 'Duplikat impor daftar arsip' });

      // Terminal: nothing but the trail follows, not even a correction.
      await expectRefused([
        [one, 'officer', { type: 'voided', reason: 'lagi' }, 409, 'invalid-transition'],
        [
          one,
          'officer',
          { type: 'corrected', changes: { title: 'X' }, reason: 'x' },
          409,
          'invalid-transition',
        ],
        [one, 'courierA', { type: 'collected', acknowledgement: SIGNED }, 409, 'invalid-transition'],
      ]);
    });

    it('refuses to void an item that has left its origin', async () => {
      const itemId = await register('TV-left');
      expect((await post(itemId, 'courierA', { type: 'collected', acknowledgement: SIGNED })).status).toBe(
        201,
      );
      await expectRefused([
        [itemId, 'officer', { type: 'voided', reason: 'salah daftar' }, 409, 'invalid-transition'],
      ]);
    });
  });
});
