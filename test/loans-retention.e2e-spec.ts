import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { disposalStreamId } from '@jejak/custody';
import { runCli } from '../apps/cli/src/main';
import { castOf, type Cast } from './support/actors';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { pdfText } from './support/pdf-text';
import { SIGNED } from './support/acknowledgements';

// Starting the service and depositing a dozen files takes more than Jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

const DAY = 24 * 3600 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const STORAGE = { room: 'R1', shelf: 'R1-03', box: 'B-0042' };

type Body = Record<string, unknown>;

describe('loans and retention over HTTP (peminjaman, JRA, pemusnahan)', () => {
  let t: TestApp;
  let cast: Cast;
  let position = '0';
  /** Items by role in the story; each is deposited at depo-arsip-bekasi unless said otherwise. */
  const ids: Record<string, string> = {};

  const post = async (itemId: string, who: keyof Cast, body: Body) => {
    const response = await t
      .http()
      .post(`/api/items/${itemId}/events`)
      .set(...bearer(cast[who]))
      .send(body);
    if (response.status === 201) position = response.body.position;
    return response;
  };
  const get = (path: string, query: Body = {}, who: keyof Cast = 'auditor') =>
    t
      .http()
      .get(path)
      .query({ minPosition: position, ...query })
      .set(...bearer(cast[who]));
  const idsOf = (body: { items: { itemId: string }[] }) => body.items.map((i) => i.itemId);

  async function registered(key: string, overrides: Body): Promise<string> {
    const response = await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.officer))
      // Dated three weeks back, so a loan dated ten days ago still follows the item's latest event.
      .send(aFile({ id: `LR-${key}`, occurredAt: daysFromNow(-21), ...overrides }))
      .expect(201);
    position = response.body.position;
    ids[key] = response.body.itemId;
    return response.body.itemId;
  }

  async function deposited(key: string, overrides: Body): Promise<string> {
    const itemId = await registered(key, overrides);
    for (const [who, body] of [
      ['courierA', { type: 'collected', acknowledgement: SIGNED }],
      ['courierA', { type: 'dispatched', destinationId: 'depo-arsip-bekasi' }],
      ['courierA', { type: 'arrived' }],
      ['depot', { type: 'intake_confirmed', storage: STORAGE }],
    ] as [keyof Cast, Body][]) {
      expect((await post(itemId, who, { ...body, occurredAt: daysFromNow(-20) })).status).toBe(201);
    }
    return itemId;
  }

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
    const musnah = (activeYears: number, inactiveYears: number) => ({
      activeYears,
      inactiveYears,
      disposition: 'musnah',
    });
    await deposited('ended', {
      title: 'Buku kas umum 2015',
      classificationCode: '900.1.3',
      year: 2015,
      retention: musnah(1, 1),
    });
    await deposited('ended-period', {
      title: 'Berkas pengadaan barang 2014-2016',
      classificationCode: '027.1',
      year: undefined,
      period: { from: 2014, to: 2016 },
      quantity: { count: 3, unit: 'berkas' },
      notes: 'Sampul rusak',
      retention: musnah(2, 2),
    });
    await deposited('permanen', {
      title: 'Peta wilayah kecamatan 2010',
      classificationCode: '100.1.4',
      year: 2010,
      retention: { activeYears: 2, inactiveYears: 5, disposition: 'permanen' },
    });
    await deposited('running', { title: 'Laporan kegiatan 2025', year: 2025, retention: musnah(2, 5) });
    await deposited('no-retention', { title: 'Berkas tanpa JRA', retention: undefined });
    await deposited('loan', { title: 'Buku kas umum 2016', year: 2016, retention: musnah(1, 1) });
    await deposited('loan-2', { title: 'Buku kas umum 2017', year: 2017, retention: musnah(1, 1) });
    await registered('not-deposited', {
      title: 'Register surat 2012 (belum di depo)',
      year: 2012,
      retention: musnah(1, 1),
    });
  });
  afterAll(() => t.close());

  describe('peminjaman: lending from the depot and returning', () => {
    it('lends a deposited file to a unit with a borrower and due date, lists it once overdue, and takes it back', async () => {
      const itemId = ids.loan;
      const lent = await post(itemId, 'depot', {
        type: 'lent',
        occurredAt: daysFromNow(-10),
        borrowerUnitId: 'kec-cikarang-utara',
        borrowerName: 'Ibu Sari (Kasi Pemerintahan)',
        dueAt: daysFromNow(-3),
      });
      expect(lent.status).toBe(201);
      await post(ids['loan-2'], 'depot', {
        type: 'lent',
        borrowerUnitId: 'kec-babelan',
        borrowerName: 'Pak Budi',
        dueAt: daysFromNow(7),
      }).then((r) => expect(r.status).toBe(201));

      const item = (await get(`/api/items/${itemId}`).expect(200)).body;
      expect(item).toMatchObject({
        status: 'on_loan',
        loan: {
          borrowerUnitId: 'kec-cikarang-utara',
          borrowerName: 'Ibu Sari (Kasi Pemerintahan)',
          dueAt: expect.any(String),
        },
      });
      expect(Date.parse(item.loan.dueAt)).toBeLessThan(Date.now());
      expect(idsOf((await get('/api/watch/overdue-loans').expect(200)).body)).toEqual([itemId]);

      const returned = await post(itemId, 'depot', { type: 'returned' });
      expect(returned.status).toBe(201);
      expect((await get(`/api/items/${itemId}`).expect(200)).body).toMatchObject({
        status: 'deposited',
        loan: null,
        storage: STORAGE,
      });
      expect(idsOf((await get('/api/watch/overdue-loans').expect(200)).body)).toEqual([]);
    });

    it('refuses loans by the wrong people, in the wrong status or without a borrower and due date, recording nothing', async () => {
      const loan = {
        type: 'lent',
        borrowerUnitId: 'kec-babelan',
        borrowerName: 'Pak Budi',
        dueAt: daysFromNow(7),
      };
      await expectNothingRecorded(t, async () => {
        const cases: [keyof Cast, string, Body, number, string][] = [
          ['officer', ids.ended, loan, 403, 'forbidden'],
          ['otherDepot', ids.ended, loan, 403, 'forbidden'],
          // Not in the depot yet: the status refuses the loan (409) before the depot is asked about.
          ['depot', ids['not-deposited'], loan, 409, 'invalid-transition'],
          ['depot', ids['loan-2'], loan, 409, 'invalid-transition'],
          ['depot', ids.ended, { type: 'returned' }, 409, 'invalid-transition'],
          ['depot', ids.ended, { ...loan, dueAt: undefined }, 400, 'validation-failed'],
          ['depot', ids.ended, { ...loan, borrowerName: undefined }, 400, 'validation-failed'],
          ['depot', ids.ended, { ...loan, dueAt: daysFromNow(-1) }, 400, 'validation-failed'],
          ['depot', ids.ended, { ...loan, borrowerUnitId: 'kec-nowhere' }, 400, 'validation-failed'],
        ];
        for (const [who, itemId, body, status, code] of cases) {
          const response = await post(itemId, who, body);
          expect({ who, body, status: response.status, code: response.body.code }).toEqual({
            who,
            body,
            status,
            code,
          });
        }
      });
      const onLoan = await post(ids['loan-2'], 'depot', loan);
      expect(onLoan.body.detail).toContain("status 'on_loan'");
    });
  });

  describe('retention (JRA)', () => {
    it('lists the deposited files whose retention has ended, and only those', async () => {
      const ended = idsOf((await get('/api/watch/retention-ended', { limit: 1000 }).expect(200)).body);
      expect(ended.sort()).toEqual([ids.ended, ids['ended-period'], ids.permanen, ids.loan].sort());
    });

    it('prints the daftar arsip usul musnah as a PDF listing every such file, in Indonesian', async () => {
      const response = await pdf('/api/reports/disposal-list.pdf', 'depot').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/pdf/);
      const text = await textOf(response.body);
      expect(text).toContain('DAFTAR ARSIP USUL MUSNAH');
      for (const header of [
        'No.',
        'Kode Klasifikasi',
        'Uraian Informasi',
        'Kurun Waktu',
        'Jumlah',
        'Retensi',
        'Nasib Akhir',
        'Keterangan',
      ]) {
        expect(text).toContain(header);
      }
      for (const key of ['ended', 'ended-period', 'loan']) {
        const item = (await get(`/api/items/${ids[key]}`).expect(200)).body;
        expect({ key, listed: text.includes(item.title) && text.includes(`ID ${item.itemId}`) }).toEqual({
          key,
          listed: true,
        });
      }
      expect(text).toContain('2014-2016');
      expect(text).toContain('3 berkas');
      expect(text).toContain('Sampul rusak');
      expect(text).toContain('2 th aktif, 2 th inaktif');
      expect(text).toContain('Jumlah: 3 arsip');
      expect(text).not.toContain(ids.permanen);
      expect(text).not.toContain(ids.running);
      expect(text).not.toContain(ids['not-deposited']);

      const permanen = await textOf(
        (
          await pdf(
            '/api/reports/disposal-list.pdf?disposition=permanen&depotId=depo-arsip-bekasi',
            'auditor',
          ).expect(200)
        ).body,
      );
      expect(permanen).toContain('DAFTAR ARSIP USUL SERAH (PERMANEN)');
      expect(permanen).toContain(`ID ${ids.permanen}`);
      expect(permanen).not.toContain(ids.ended);
      expect(
        await textOf(
          (await pdf('/api/reports/disposal-list.pdf?depotId=depo-arsip-cabang-test', 'admin').expect(200))
            .body,
        ),
      ).toContain('Jumlah: 0 arsip');
      // Embedding the Unicode font and reading the PDF back take seconds on a loaded machine.
    }, 30_000);

    it('refuses the printed list to couriers and officers, and an unknown depot', async () => {
      await pdf('/api/reports/disposal-list.pdf', 'courierA').expect(403);
      await pdf('/api/reports/disposal-list.pdf', 'officer').expect(403);
      await pdf('/api/reports/disposal-list.pdf?depotId=kec-babelan', 'depot').expect(404);
      await pdf('/api/reports/disposal-list.pdf?disposition=dibakar', 'depot').expect(400);
    });

    it('records disposed once retention has ended (never for a permanent file) and transferred_static for a permanent file, with a BA number', async () => {
      await expectNothingRecorded(t, async () => {
        const cases: [string, keyof Cast, Body, number, string, string][] = [
          [
            'running',
            'depot',
            { type: 'disposed', baNumber: 'BA-001/MUS/2026' },
            409,
            'invalid-transition',
            'its retention ends at 2033-01-01',
          ],
          [
            'no-retention',
            'depot',
            { type: 'disposed', baNumber: 'BA-001/MUS/2026' },
            409,
            'invalid-transition',
            'retention (JRA) is not recorded',
          ],
          [
            'permanen',
            'depot',
            { type: 'disposed', baNumber: 'BA-001/MUS/2026' },
            409,
            'invalid-transition',
            "its retention disposition is 'permanen': a permanent record goes to the static archive",
          ],
          [
            'ended',
            'depot',
            { type: 'transferred_static', baNumber: 'BA-002/SRH/2026' },
            409,
            'invalid-transition',
            "disposition is 'musnah', not 'permanen'",
          ],
          [
            'loan-2',
            'depot',
            { type: 'disposed', baNumber: 'BA-001/MUS/2026' },
            409,
            'invalid-transition',
            "status 'on_loan'",
          ],
          ['ended', 'depot', { type: 'disposed' }, 400, 'validation-failed', 'baNumber'],
          ['ended', 'depot', { type: 'disposed', baNumber: '' }, 400, 'validation-failed', 'baNumber'],
          ['permanen', 'depot', { type: 'transferred_static' }, 400, 'validation-failed', 'baNumber'],
          ['ended', 'officer', { type: 'disposed', baNumber: 'BA-001/MUS/2026' }, 403, 'forbidden', ''],
          ['ended', 'otherDepot', { type: 'disposed', baNumber: 'BA-001/MUS/2026' }, 403, 'forbidden', ''],
        ];
        for (const [key, who, body, status, code, why] of cases) {
          const response = await post(ids[key], who, body);
          expect({ key, body, status: response.status, code: response.body.code }).toEqual({
            key,
            body,
            status,
            code,
          });
          expect(JSON.stringify(response.body)).toContain(why);
        }
      });

      const disposed = await post(ids.ended, 'depot', {
        type: 'disposed',
        baNumber: 'BA-001/MUS/2026',
        note: 'Pemusnahan dengan pencacahan',
      });
      expect(disposed.status).toBe(201);
      const stat = await post(ids.permanen, 'depot', {
        type: 'transferred_static',
        baNumber: 'BA-002/SRH/2026',
        toArchive: 'Arsip Statis Provinsi Jawa Barat',
      });
      expect(stat.status).toBe(201);

      expect((await get(`/api/items/${ids.ended}`).expect(200)).body).toMatchObject({ status: 'disposed' });
      expect((await get(`/api/items/${ids.permanen}`).expect(200)).body).toMatchObject({
        status: 'transferred_static',
      });
      const history = (await get(`/api/items/${ids.ended}/history`).expect(200)).body.events;
      expect(history[history.length - 1]).toMatchObject({
        type: 'disposed',
        data: { baNumber: 'BA-001/MUS/2026' },
        note: 'Pemusnahan dengan pencacahan',
      });
      const ended = idsOf((await get('/api/watch/retention-ended').expect(200)).body);
      expect(ended.sort()).toEqual([ids['ended-period'], ids.loan].sort());

      // A dinilai_kembali file is refused until re-appraised, ended retention or not; a permanent
      // file goes to the static archive only once its retention has ended too.
      await deposited('reappraised', {
        title: 'Surat keputusan mutasi 2012',
        year: 2012,
        retention: { activeYears: 1, inactiveYears: 1, disposition: 'dinilai_kembali' },
      });
      await deposited('permanen-running', {
        title: 'Rencana tata ruang 2025',
        year: 2025,
        retention: { activeYears: 5, inactiveYears: 10, disposition: 'permanen' },
      });
      const reappraisal = {
        type: 'reappraised',
        disposition: 'musnah',
        decisionNumber: 'SK-07/DEPO/2026',
        reason: 'Nilai guna telah habis menurut tim penilai',
      };
      await expectNothingRecorded(t, async () => {
        const cases: [string, keyof Cast, Body, number, string, string][] = [
          [
            'reappraised',
            'depot',
            { type: 'disposed', baNumber: 'BA-004/MUS/2026' },
            409,
            'invalid-transition',
            'must be re-appraised',
          ],
          [
            'reappraised',
            'depot',
            { type: 'transferred_static', baNumber: 'BA-004/MUS/2026' },
            409,
            'invalid-transition',
            'must be re-appraised',
          ],
          [
            'permanen-running',
            'depot',
            { type: 'transferred_static', baNumber: 'BA-005/SRH/2026' },
            409,
            'invalid-transition',
            'its retention ends at 2041-01-01',
          ],
          ['running', 'depot', reappraisal, 409, 'invalid-transition', "not 'dinilai_kembali'"],
          ['reappraised', 'otherDepot', reappraisal, 403, 'forbidden', ''],
          ['reappraised', 'officer', reappraisal, 403, 'forbidden', ''],
          [
            'reappraised',
            'depot',
            { ...reappraisal, decisionNumber: undefined },
            400,
            'validation-failed',
            'decisionNumber',
          ],
          ['reappraised', 'depot', { ...reappraisal, reason: undefined }, 400, 'validation-failed', 'reason'],
          [
            'reappraised',
            'depot',
            { ...reappraisal, disposition: 'dibakar' },
            400,
            'validation-failed',
            'disposition',
          ],
          [
            'reappraised',
            'depot',
            { ...reappraisal, retention: { activeYears: -1, inactiveYears: 0 } },
            400,
            'validation-failed',
            'retention.activeYears',
          ],
        ];
        for (const [key, who, body, status, code, why] of cases) {
          const response = await post(ids[key], who, body);
          expect({ key, body, status: response.status, code: response.body.code }).toEqual({
            key,
            body,
            status,
            code,
          });
          expect(JSON.stringify(response.body)).toContain(why);
        }
      });
      expect((await post(ids.reappraised, 'depot', reappraisal)).status).toBe(201);
      const trail = (await get(`/api/items/${ids.reappraised}/history`).expect(200)).body.events;
      expect(trail[trail.length - 1]).toMatchObject({
        type: 'reappraised',
        data: {
          previous: { disposition: 'dinilai_kembali' },
          retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
          decisionNumber: 'SK-07/DEPO/2026',
        },
      });
      expect((await get(`/api/items/${ids.reappraised}`).expect(200)).body.retention).toEqual({
        activeYears: 1,
        inactiveYears: 1,
        disposition: 'musnah',
      });
      const afterReappraisal = await post(ids.reappraised, 'depot', {
        type: 'disposed',
        baNumber: 'BA-004/MUS/2026',
      });
      expect(afterReappraisal.status).toBe(201);
      expect((await get(`/api/items/${ids.reappraised}`).expect(200)).body).toMatchObject({
        status: 'disposed',
      });
      expect((await get(`/api/items/${ids['permanen-running']}`).expect(200)).body).toMatchObject({
        status: 'deposited',
      });

      await expectNothingRecorded(t, async () => {
        for (const body of [
          { type: 'disposed', baNumber: 'BA-003/MUS/2026' },
          { type: 'lent', borrowerUnitId: 'kec-babelan', borrowerName: 'X', dueAt: daysFromNow(3) },
        ]) {
          const again = await post(ids.ended, 'depot', body);
          expect({ status: again.status, code: again.body.code }).toEqual({
            status: 409,
            code: 'invalid-transition',
          });
          expect(again.body.detail).toContain("status 'disposed'");
        }
      });
    });
  });

  describe('a loan extended, and overdue loans by borrower unit', () => {
    it('extends a loan to a later due date with its reason, shows it on the loan PDF, and refuses the rest recording nothing', async () => {
      const itemId = await deposited('extended', { title: 'Buku register tanah 2024', year: 2024 });
      const lent = await post(itemId, 'depot', {
        type: 'lent',
        occurredAt: daysFromNow(-10),
        borrowerUnitId: 'kec-cikarang-utara',
        borrowerName: 'Ibu Sari (Kasi Pemerintahan)',
        dueAt: daysFromNow(-2),
      });
      expect(lent.status).toBe(201);
      const overdueHere = await get('/api/watch/overdue-loans', {
        borrowerUnitId: 'kec-cikarang-utara',
      }).expect(200);
      expect(idsOf(overdueHere.body)).toEqual([itemId]);
      expect(overdueHere.body.byBorrowerUnit).toEqual([
        { borrowerUnitId: 'kec-cikarang-utara', count: 1, itemIds: [itemId] },
      ]);
      expect(
        idsOf((await get('/api/watch/overdue-loans', { borrowerUnitId: 'kec-babelan' }).expect(200)).body),
      ).toEqual([]);

      const current = (await get(`/api/items/${itemId}`).expect(200)).body.loan.dueAt as string;
      await expectNothingRecorded(t, async () => {
        const cases: [keyof Cast, Body, number, string][] = [
          ['depot', { type: 'loan_extended', dueAt: current, reason: 'x' }, 400, 'validation-failed'],
          ['depot', { type: 'loan_extended', dueAt: daysFromNow(-5), reason: 'x' }, 400, 'validation-failed'],
          ['depot', { type: 'loan_extended', dueAt: daysFromNow(14) }, 400, 'validation-failed'],
          ['otherDepot', { type: 'loan_extended', dueAt: daysFromNow(14), reason: 'x' }, 403, 'forbidden'],
          ['officer', { type: 'loan_extended', dueAt: daysFromNow(14), reason: 'x' }, 403, 'forbidden'],
          [
            'depot',
            { type: 'loan_extended', occurredAt: daysFromNow(-11), dueAt: daysFromNow(14), reason: 'x' },
            409,
            'out-of-order',
          ],
        ];
        for (const [who, body, status, code] of cases) {
          const response = await post(itemId, who, body);
          expect({ who, body, status: response.status, code: response.body.code }).toEqual({
            who,
            body,
            status,
            code,
          });
        }
        const notLent = await post(ids.running, 'depot', {
          type: 'loan_extended',
          dueAt: daysFromNow(14),
          reason: 'x',
        });
        expect({ status: notLent.status, code: notLent.body.code }).toEqual({
          status: 409,
          code: 'invalid-transition',
        });
      });

      const extended = await post(itemId, 'depot', {
        type: 'loan_extended',
        dueAt: daysFromNow(14),
        reason: 'Masih dipakai untuk pemeriksaan Inspektorat',
      });
      expect(extended.status).toBe(201);
      const item = (await get(`/api/items/${itemId}`).expect(200)).body;
      expect(item).toMatchObject({ status: 'on_loan', loan: { borrowerUnitId: 'kec-cikarang-utara' } });
      expect(Date.parse(item.loan.dueAt)).toBeGreaterThan(Date.now());
      const trail = (await get(`/api/items/${itemId}/history`).expect(200)).body.events;
      expect(trail[trail.length - 1]).toMatchObject({
        type: 'loan_extended',
        data: { previousDueAt: current, reason: 'Masih dipakai untuk pemeriksaan Inspektorat' },
      });
      expect(
        idsOf(
          (await get('/api/watch/overdue-loans', { borrowerUnitId: 'kec-cikarang-utara' }).expect(200)).body,
        ),
      ).toEqual([]);
      const loanPdf = await textOf((await pdf(`/api/items/${itemId}/loan.pdf`, 'depot').expect(200)).body);
      expect(loanPdf).toContain('Perpanjangan');
      expect(loanPdf).toContain('Masih dipakai untuk pemeriksaan Inspektorat');
    }, 30_000);
  });

  describe('disposal and static transfer in batches under one berita acara (POST /api/disposals)', () => {
    const disposals = (who: keyof Cast, body: Body) =>
      t
        .http()
        .post('/api/disposals')
        .set(...bearer(cast[who]))
        .send(body);
    const statusOf = async (itemId: string) => (await get(`/api/items/${itemId}`).expect(200)).body.status;

    it('refuses the whole batch when any item may not end so, recording nothing', async () => {
      const a = await deposited('batch-a', {
        title: 'Kuitansi belanja 2012',
        year: 2012,
        retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
      });
      const b = await deposited('batch-b', {
        title: 'Kuitansi belanja 2013',
        year: 2013,
        retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
      });
      const pending = await deposited('batch-dk', {
        title: 'SK honor 2012',
        year: 2012,
        retention: { activeYears: 1, inactiveYears: 1, disposition: 'dinilai_kembali' },
      });
      await expectNothingRecorded(t, async () => {
        const cases: [keyof Cast, Body, number, string][] = [
          [
            'depot',
            { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [a, b, pending] },
            409,
            'invalid-transition',
          ],
          [
            'depot',
            { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [a, ids.running] },
            409,
            'invalid-transition',
          ],
          [
            'depot',
            { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [a, 'LR-nope'] },
            404,
            'not-found',
          ],
          [
            'depot',
            { baNumber: 'BA-010/MUS/2026', kind: 'statis', itemIds: [a, b] },
            409,
            'invalid-transition',
          ],
          ['otherDepot', { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [a, b] }, 403, 'forbidden'],
          ['officer', { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [a, b] }, 403, 'forbidden'],
          ['admin', { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [a, b] }, 403, 'forbidden'],
          [
            'depot',
            { baNumber: 'BA-010/MUS/2026', kind: 'dibakar', itemIds: [a, b] },
            400,
            'validation-failed',
          ],
          ['depot', { baNumber: '', kind: 'musnah', itemIds: [a, b] }, 400, 'validation-failed'],
          ['depot', { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [] }, 400, 'validation-failed'],
          [
            'depot',
            { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [a, a] },
            400,
            'validation-failed',
          ],
          [
            'depot',
            { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: [a, b], occurredAt: daysFromNow(-30) },
            409,
            'out-of-order',
          ],
        ];
        for (const [who, body, status, code] of cases) {
          const response = await disposals(who, body);
          expect({ who, body, status: response.status, code: response.body.code }).toEqual({
            who,
            body,
            status,
            code,
          });
        }
        const refused = await disposals('depot', {
          baNumber: 'BA-010/MUS/2026',
          kind: 'musnah',
          itemIds: [a, b, pending],
        });
        expect(refused.body.items).toEqual([
          expect.objectContaining({
            itemId: pending,
            code: 'invalid-transition',
            detail: expect.stringContaining('re-appraised'),
          }),
        ]);
      });
      expect([await statusOf(a), await statusOf(b)]).toEqual(['deposited', 'deposited']);
    }, 30_000);

    it('disposes of every item under one BA, refuses the BA number again, and prints the berita acara with its list', async () => {
      const a = ids['batch-a'];
      const b = ids['batch-b'];
      const created = await disposals('depot', {
        baNumber: 'BA-010/MUS/2026',
        kind: 'musnah',
        itemIds: [a, b],
        note: 'Dicacah dengan mesin penghancur kertas',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        disposalId: 'BA-010/MUS/2026',
        baNumber: 'BA-010/MUS/2026',
        kind: 'musnah',
        itemIds: [a, b],
      });
      position = created.body.position;
      expect([await statusOf(a), await statusOf(b)]).toEqual(['disposed', 'disposed']);
      const trail = (await get(`/api/items/${b}/history`).expect(200)).body.events;
      expect(trail[trail.length - 1]).toMatchObject({
        type: 'disposed',
        data: { baNumber: 'BA-010/MUS/2026' },
        correlationId: 'BA-010/MUS/2026',
        note: 'Dicacah dengan mesin penghancur kertas',
      });

      const permanen = await deposited('batch-p', {
        title: 'Peta desa 2005',
        year: 2005,
        retention: { activeYears: 2, inactiveYears: 2, disposition: 'permanen' },
      });
      await expectNothingRecorded(t, async () => {
        const again = await disposals('depot', {
          baNumber: 'BA-010/MUS/2026',
          kind: 'statis',
          itemIds: [permanen],
        });
        expect({ status: again.status, code: again.body.code }).toEqual({
          status: 409,
          code: 'already-exists',
        });
      });
      const stat = await disposals('depot', {
        baNumber: 'BA-011/SRH/2026',
        kind: 'statis',
        itemIds: [permanen],
        toArchive: 'Dinas Perpustakaan dan Kearsipan Provinsi Jawa Barat',
      });
      expect(stat.status).toBe(201);
      position = stat.body.position;
      expect(await statusOf(permanen)).toBe('transferred_static');

      const report = await pdf(
        `/api/disposals/${encodeURIComponent('BA-010/MUS/2026')}/report.pdf`,
        'depot',
      ).expect(200);
      const text = await textOf(report.body);
      expect(text).toContain('BERITA ACARA PEMUSNAHAN ARSIP');
      expect(text).toContain('Kuitansi belanja 2012');
      expect(text).toContain('Kuitansi belanja 2013');
      expect(text).toContain('DAFTAR ARSIP YANG DIMUSNAHKAN');
      const statis = await textOf(
        (
          await pdf(`/api/disposals/${encodeURIComponent('BA-011/SRH/2026')}/report.pdf`, 'auditor').expect(
            200,
          )
        ).body,
      );
      expect(statis).toContain('BERITA ACARA PENYERAHAN ARSIP STATIS');
      expect(statis).toContain('Peta desa 2005');
      if (process.env.JEJAK_KEEP_PDF) {
        writeFileSync(`${process.env.JEJAK_KEEP_PDF}/ba-musnah.pdf`, report.body);
      }
    }, 30_000);

    it('`jejak verify` checks the hash chain of a disposal batch too, and names it when edited behind the service', async () => {
      const ba = 'BA-010/MUS/2026';
      const intact = await jejakVerify(t.dataDir, '--disposal', ba);
      expect(intact.code).toBe(0);
      expect(intact.out.join('\n')).toMatch(/^intact: 1 events in 1 streams/m);

      const streamId = disposalStreamId(ba);
      const db = new Database(join(t.dataDir, 'events.sqlite'));
      try {
        const row = db.prepare('SELECT position, data FROM events WHERE stream_id = ?').get(streamId) as {
          position: number;
          data: string;
        };
        const event = JSON.parse(row.data) as { data: { note: string } };
        event.data.note = 'Tidak pernah dimusnahkan';
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(event), row.position);
      } finally {
        db.close();
      }

      const one = await jejakVerify(t.dataDir, '--disposal', ba);
      expect(one.code).toBe(1);
      expect(one.out.join('\n')).toContain(`BROKEN ${streamId} revision 0`);
      const whole = await jejakVerify(t.dataDir);
      expect(whole.code).toBe(1);
      expect(whole.out.join('\n')).toContain(`BROKEN ${streamId}`);
      const unknown = await jejakVerify(t.dataDir, '--disposal', 'BA-404/MUS/2026');
      expect(unknown.code).toBe(1);
      expect(unknown.err.join('\n')).toContain("no disposal (BA number) 'BA-404/MUS/2026'");
    }, 30_000);
  });

  const jejakVerify = async (dataDir: string, ...args: string[]) => {
    const captured = { out: [] as string[], err: [] as string[] };
    const code = await runCli(
      ['verify', ...args],
      { out: (line) => captured.out.push(line), err: (line) => captured.err.push(line) },
      { JEJAK_DATA_DIR: dataDir, JEJAK_LOG_LEVEL: 'silent' },
    );
    return { code, ...captured };
  };

  const pdf = (path: string, who: keyof Cast) =>
    t
      .http()
      .get(path)
      .query({ minPosition: position })
      .set(...bearer(cast[who]))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  const textOf = async (body: Buffer) => {
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return await pdfText(body);
  };
});
