import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type StreamAppend,
} from '@jejak/event-store';
import { castOf, type Cast } from './support/actors';
import { expectNothingRecorded, headPosition } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { pdfText } from './support/pdf-text';
import { SIGNED } from './support/acknowledgements';

const ORIGIN = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';
const INDONESIAN_DATE =
  /\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}\b/;

describe('transfers and depot intake over HTTP', () => {
  let t: TestApp;
  let cast: Cast;
  let store: EventStore;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp({ JEJAK_RATE_LIMIT_PER_MINUTE: '1000000' });
    cast = await castOf(t, ADMIN_TOKEN);
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(() => t.close());

  const register = async (title: string, overrides: Record<string, unknown> = {}): Promise<string> =>
    (
      await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .send(aFile({ title, ...overrides }))
        .expect(201)
    ).body.itemId;

  const files = (count: number, label: string) =>
    Promise.all(
      Array.from({ length: count }, (_, index) => register(`${label} berkas ${index + 1} (${++serial})`)),
    );

  const post = (path: string, who: keyof Cast, body: Record<string, unknown>) =>
    t
      .http()
      .post(path)
      .set(...bearer(cast[who]))
      .send(body);

  const createTransfer = (who: keyof Cast, itemIds: string[], extra: Record<string, unknown> = {}) =>
    post('/api/transfers', who, {
      baNumber: `BA-${String(++serial).padStart(3, '0')}/ARS/2026`,
      fromId: ORIGIN,
      toId: DEPOT,
      itemIds,
      ...extra,
    });

  const step = (transferId: string, who: keyof Cast, body: Record<string, unknown>) =>
    post(`/api/transfers/${transferId}/events`, who, body);

  /** Collected by KURIR-A, dispatched, handed to KURIR-B on the way, arrived at the depot. */
  async function carryToDepot(transferId: string): Promise<string> {
    let position = '0';
    for (const [who, body] of [
      ['courierA', { type: 'collected', acknowledgement: SIGNED }],
      ['courierA', { type: 'dispatched' }],
      ['courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }],
      ['courierB', { type: 'handover_accepted' }],
      ['courierB', { type: 'arrived' }],
    ] as [keyof Cast, Record<string, unknown>][]) {
      const response = await step(transferId, who, body);
      expect({ type: body.type, status: response.status }).toEqual({ type: body.type, status: 201 });
      position = response.body.position;
    }
    return position;
  }

  const getJson = async (path: string, minPosition: string) =>
    (
      await t
        .http()
        .get(path)
        .query({ minPosition })
        .set(...bearer(cast.auditor))
        .expect(200)
    ).body;

  const getPdf = (path: string) =>
    t
      .http()
      .get(path)
      .set(...bearer(cast.auditor))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  const eventsOf = async (streamId: string) => store.readStream(streamId);

  describe('a consignment from a kecamatan to the depot with every kind of intake result', () => {
    const titles = {
      received: 'Buku Register Surat Masuk Kecamatan Cikarang Utara 2018',
      damaged: 'Berkas Perizinan Usaha Mikro Desa Karangasih 2017',
      missing: 'Laporan Kependudukan Semester II Kecamatan Cikarang Utara 2016',
    };
    const storage = { room: 'R2', shelf: 'R2-07', box: 'B-0113' };
    const stray = 'BERKAS-TANPA-DAFTAR-01';
    let ids: { received: string; damaged: string; missing: string };
    let transferId: string;
    let baNumber: string;
    let intakePosition: string;
    let createdPosition: string;

    beforeAll(async () => {
      ids = {
        received: await register(titles.received, { copyStatus: 'asli', boxNo: '12', folderNo: '3' }),
        damaged: await register(titles.damaged, { period: { from: 2015, to: 2017 } }),
        missing: await register(titles.missing),
      };
      const created = await createTransfer('officer', [ids.received, ids.damaged, ids.missing]);
      expect(created.status).toBe(201);
      ({ transferId, baNumber, position: createdPosition } = created.body);
      await carryToDepot(transferId);
      const intake = await post(`/api/transfers/${transferId}/intake`, 'depot', {
        results: [
          { itemId: ids.received, outcome: 'received', storage },
          { itemId: ids.damaged, outcome: 'damaged', storage: { room: 'R2' }, note: 'sampul sobek, basah' },
          { itemId: ids.missing, outcome: 'missing' },
          { itemId: stray, outcome: 'unexpected', note: 'ikut terkirim, tidak ada di daftar' },
        ],
      });
      expect(intake.status).toBe(201);
      expect(intake.body).toMatchObject({
        transferId,
        status: 'completed_with_discrepancies',
        reconciliation: {
          received: { count: 1, itemIds: [ids.received] },
          damaged: { count: 1, itemIds: [ids.damaged] },
          missing: { count: 1, itemIds: [ids.missing] },
          unexpected: { count: 1, itemIds: [stray] },
        },
      });
      intakePosition = intake.body.position;
    });

    it('was created open at the kecamatan, with its manifest, readable at the position it answered', async () => {
      const view = await getJson(`/api/transfers/${transferId}`, createdPosition);
      expect(view.items.map((line: { itemId: string }) => line.itemId)).toEqual([
        ids.received,
        ids.damaged,
        ids.missing,
      ]);
      const created = (await eventsOf(`transfer-${transferId}`))[0];
      // The answered position is the transfer's own event, which the projector reads (the claims it never does).
      expect(created.position).toBe(createdPosition);
      expect(created.data).toMatchObject({
        type: 'transfer_created',
        data: { baNumber, fromId: ORIGIN, toId: DEPOT, itemIds: [ids.received, ids.damaged, ids.missing] },
        actor: { role: 'officer', unitId: ORIGIN },
      });
    });

    it('ends completed_with_discrepancies, and GET shows each item state and the intake result', async () => {
      const response = await t
        .http()
        .get(`/api/transfers/${transferId}`)
        .query({ minPosition: intakePosition })
        .set(...bearer(cast.auditor))
        .expect(200);
      expect(BigInt(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(
        BigInt(intakePosition),
      );
      const view = response.body;
      expect(view).toMatchObject({
        transferId,
        baNumber,
        status: 'completed_with_discrepancies',
        custodianId: DEPOT,
      });
      expect(view.items).toEqual([
        expect.objectContaining({
          itemId: ids.received,
          title: titles.received,
          status: 'deposited',
          locationId: DEPOT,
          storage,
          intake: { outcome: 'received', storage },
        }),
        expect.objectContaining({
          itemId: ids.damaged,
          status: 'deposited',
          storage: { room: 'R2' },
          intake: { outcome: 'damaged', storage: { room: 'R2' }, note: 'sampul sobek, basah' },
        }),
        expect.objectContaining({ itemId: ids.missing, status: 'missing', intake: { outcome: 'missing' } }),
      ]);
      expect(view.intake.reconciliation).toMatchObject({
        received: { count: 1 },
        damaged: { count: 1 },
        missing: { count: 1 },
        unexpected: { count: 1, itemIds: [stray] },
      });
      expect(view.events.map((event: { type: string }) => event.type)).toEqual([
        'transfer_created',
        'collected',
        'dispatched',
        'handover_offered',
        'handover_accepted',
        'arrived',
        'intake_recorded',
        'completed',
      ]);
    });

    it("agrees with every item's own state and trail", async () => {
      const journey = [
        'registered',
        'collected',
        'dispatched',
        'handover_offered',
        'handover_accepted',
        'arrived',
      ];
      const expected = {
        received: { status: 'deposited', custodianId: DEPOT, storage, last: 'intake_confirmed' },
        damaged: {
          status: 'deposited',
          custodianId: DEPOT,
          storage: { room: 'R2' },
          last: 'intake_confirmed',
        },
        missing: { status: 'missing', custodianId: 'KURIR-B', storage: null, last: 'reported_missing' },
      };
      for (const [kind, want] of Object.entries(expected) as [
        keyof typeof ids,
        (typeof expected)['received'],
      ][]) {
        const item = await getJson(`/api/items/${ids[kind]}`, intakePosition);
        expect({ kind, status: item.status, custodianId: item.custodianId, storage: item.storage }).toEqual({
          kind,
          status: want.status,
          custodianId: want.custodianId,
          storage: want.storage,
        });
        const { events } = await getJson(`/api/items/${ids[kind]}/history`, intakePosition);
        expect({ kind, types: events.map((e: { type: string }) => e.type) }).toEqual({
          kind,
          types: [...journey, want.last],
        });
        for (const event of events.slice(1)) {
          expect({ kind, type: event.type, correlationId: event.correlationId }).toEqual({
            kind,
            type: event.type,
            correlationId: transferId,
          });
        }
        const carriers = events.slice(1).map((e: { actor: { id: string } }) => e.actor.id);
        expect(carriers.slice(0, 3)).toEqual(['KURIR-A', 'KURIR-A', 'KURIR-A']);
        expect(carriers.slice(3, 5)).toEqual(['KURIR-B', 'KURIR-B']);
      }
      const damagedTrail = (await getJson(`/api/items/${ids.damaged}/history`, intakePosition)).events;
      expect(damagedTrail[damagedTrail.length - 1].note).toContain('sampul sobek, basah');
      const missingTrail = (await getJson(`/api/items/${ids.missing}/history`, intakePosition)).events;
      expect(missingTrail[missingTrail.length - 1].data.reason).toContain(baNumber);
    });

    it('records the unexpected file on the transfer only', async () => {
      await t
        .http()
        .get(`/api/items/${stray}`)
        .query({ minPosition: intakePosition })
        .set(...bearer(cast.auditor))
        .expect(404);
      expect(await eventsOf(`item-${stray}`)).toEqual([]);
      const transferEvents = await eventsOf(`transfer-${transferId}`);
      const intake = transferEvents.find((event) => event.type === 'intake_recorded');
      expect(intake?.data.data).toMatchObject({
        results: expect.arrayContaining([{ itemId: stray, outcome: 'unexpected', note: expect.any(String) }]),
      });
    });

    it('prints the berita acara serah terima with its number, date, parties, items and reconciliation', async () => {
      const response = await getPdf(`/api/transfers/${transferId}/report.pdf`).expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/pdf/);
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(pdf);
      expect(text).toContain('BERITA ACARA SERAH TERIMA ARSIP');
      expect(text).toContain(baNumber);
      expect(text).toMatch(INDONESIAN_DATE);
      for (const title of Object.values(titles)) expect(text).toContain(title);
      const origin = (await getJson(`/api/locations/${ORIGIN}`, '0')).name as string;
      const depot = (await getJson(`/api/locations/${DEPOT}`, '0')).name as string;
      expect(text).toContain(origin);
      expect(text).toContain(depot);
      for (const header of ['Kode Klasifikasi', 'Uraian Informasi', 'Kurun Waktu', 'Keterangan']) {
        expect(text).toContain(header);
      }
      expect(text).toContain('2015–2017');
      expect(text).toContain('PIHAK PERTAMA');
      expect(text).toContain('PIHAK KEDUA');
      expect(text).toContain('KURIR-A');
      expect(text).toMatch(/Diterima: 1; Rusak: 1; Tidak ada: 1; Tidak sesuai daftar: 1/);
      expect(text).toContain(stray);
      // Embedding the Unicode font and reading the PDF back take seconds on a loaded machine.
    }, 30_000);

    it('lets the depot send a taken-in file on: the first transfer no longer holds it', async () => {
      const onward = await post('/api/transfers', 'depot', {
        baNumber: `BA-${++serial}/ARS/2026`,
        fromId: DEPOT,
        toId: 'depo-arsip-cabang-test',
        itemIds: [ids.received],
      });
      expect(onward.status).toBe(201);
      expect(onward.body).toMatchObject({ status: 'open', fromId: DEPOT, itemIds: [ids.received] });
    });
  });

  describe('refusals record nothing', () => {
    let itemIds: string[];
    let transferId: string;

    beforeAll(async () => {
      itemIds = await files(2, 'Refusal');
      const created = await createTransfer('officer', itemIds);
      expect(created.status).toBe(201);
      transferId = created.body.transferId;
    });

    const refused = async (
      act: () => Promise<{ status: number; body: Record<string, unknown> }>,
      status: number,
      code: string,
      label = '',
    ) => {
      let body: Record<string, unknown> = {};
      await expectNothingRecorded(t, async () => {
        const response = await act();
        body = response.body;
        expect({ label, status: response.status, code: response.body.code }).toEqual({ label, status, code });
      });
      return body;
    };

    it('refuses creation by a role or unit that may not send from the origin', async () => {
      const [item] = await files(1, 'Wrong creator');
      await refused(() => createTransfer('courierA', [item]), 403, 'forbidden');
      await refused(() => createTransfer('auditor', [item]), 403, 'forbidden');
      const otherUnit = await refused(() => createTransfer('otherOfficer', [item]), 403, 'forbidden');
      expect(otherUnit.detail).toMatch(/sending unit/);
      await refused(() => createTransfer('otherDepot', [item]), 403, 'forbidden');
      // An administrator may send from anywhere.
      expect((await createTransfer('admin', [item])).status).toBe(201);
    });

    it('refuses items that are not at the origin or do not exist, naming each', async () => {
      const [atOrigin, carried] = await files(2, 'Not at origin');
      await post(`/api/items/${carried}/events`, 'courierA', {
        type: 'collected',
        acknowledgement: SIGNED,
      }).expect(201);
      const body = await refused(
        () => createTransfer('officer', [atOrigin, carried, 'no-such-item']),
        409,
        'invalid-transition',
      );
      expect(body.items).toEqual([
        expect.objectContaining({ itemId: carried, reason: 'not-at-origin', status: 'collected' }),
        expect.objectContaining({ itemId: 'no-such-item', reason: 'not-found' }),
      ]);
      expect(body.detail).toContain(carried);
      expect(body.detail).toContain('no-such-item');
      expect(body.detail).not.toContain(atOrigin);
    });

    it('answers 404 not-found when the manifest names only items that do not exist, recording nothing', async () => {
      await expectNothingRecorded(t, async () => {
        const body = await refused(
          () => createTransfer('officer', ['no-such-item-1', 'no-such-item-2']),
          404,
          'not-found',
        );
        expect(body.items).toEqual([
          expect.objectContaining({ itemId: 'no-such-item-1', reason: 'not-found' }),
          expect.objectContaining({ itemId: 'no-such-item-2', reason: 'not-found' }),
        ]);
      });
    });

    it('refuses an item already in another open transfer, naming it and that transfer', async () => {
      const [free] = await files(1, 'Free');
      const body = await refused(
        () => createTransfer('officer', [free, itemIds[1]]),
        409,
        'invalid-transition',
      );
      expect(body.items).toEqual([
        expect.objectContaining({ itemId: itemIds[1], reason: 'in-open-transfer', transferId }),
      ]);
      expect(body.detail).toContain(itemIds[1]);
    });

    it('refuses a transfer id that exists already', async () => {
      const [item] = await files(1, 'Duplicate id');
      await refused(() => createTransfer('officer', [item], { id: transferId }), 409, 'already-exists');
    });

    it('refuses bad bodies at the edge', async () => {
      const [item] = await files(1, 'Bad body');
      const cases: [string, () => ReturnType<typeof post>][] = [
        [
          'no baNumber',
          () => post('/api/transfers', 'officer', { fromId: ORIGIN, toId: DEPOT, itemIds: [item] }),
        ],
        ['empty manifest', () => createTransfer('officer', [])],
        ['an item twice', () => createTransfer('officer', [item, item])],
        ['unknown field', () => createTransfer('officer', [item], { priority: 'high' })],
        ['unknown destination', () => createTransfer('officer', [item], { toId: 'no-such-depot' })],
        ['unknown event type', () => step(transferId, 'courierA', { type: 'teleported' })],
        ['intake as an event', () => step(transferId, 'courierA', { type: 'intake_recorded' })],
        ['handover to nobody', () => step(transferId, 'courierA', { type: 'handover_offered' })],
        [
          'a far-future time',
          () =>
            step(transferId, 'courierA', {
              type: 'collected',
              acknowledgement: SIGNED,
              occurredAt: '2999-01-01T00:00:00Z',
            }),
        ],
      ];
      for (const [name, act] of cases) {
        const body = await refused(act, 400, 'validation-failed', name);
        expect({ name, errors: Array.isArray(body.errors) }).toEqual({ name, errors: true });
      }
    });

    it('refuses journey steps in the wrong state or by the wrong courier', async () => {
      await refused(
        () => step(transferId, 'officer', { type: 'collected', acknowledgement: SIGNED }),
        403,
        'forbidden',
        'officer collects',
      );
      await step(transferId, 'courierA', { type: 'collected', acknowledgement: SIGNED }).expect(201);
      const early = await refused(
        () => step(transferId, 'courierA', { type: 'arrived' }),
        409,
        'invalid-transition',
      );
      expect(early.detail).toMatch(/'arrived'.*'collected'/);
      await refused(
        () => step(transferId, 'courierA', { type: 'collected', acknowledgement: SIGNED }),
        409,
        'invalid-transition',
        'twice',
      );
      await refused(
        () => step(transferId, 'courierB', { type: 'dispatched' }),
        403,
        'forbidden',
        'not carrying',
      );
      await refused(
        () => step(transferId, 'courierA', { type: 'handover_accepted' }),
        409,
        'invalid-transition',
        'nothing offered',
      );
      await refused(
        () => post(`/api/transfers/${transferId}/intake`, 'depot', { results: itemIds.map(received) }),
        409,
        'invalid-transition',
        'intake before arrival',
      );
      await refused(
        () => step('no-such-transfer', 'courierA', { type: 'collected', acknowledgement: SIGNED }),
        404,
        'not-found',
      );
    });

    const received = (itemId: string) => ({ itemId, outcome: 'received', storage: { room: 'R1' } });

    // Intake in several sittings: a sitting that leaves items for later is not refused (see
    // transfer-practice.e2e-spec.ts); a malformed result still is.
    it('refuses intake by the wrong depot, a wrong role, or with malformed results', async () => {
      const [a, b] = await files(2, 'Intake refusals');
      const { transferId: arrivedId } = (await createTransfer('officer', [a, b]).expect(201)).body;
      await carryToDepot(arrivedId);
      const intake = (who: keyof Cast, results: unknown[]) =>
        post(`/api/transfers/${arrivedId}/intake`, who, { results });
      await refused(() => intake('otherDepot', [received(a), received(b)]), 403, 'forbidden');
      await refused(() => intake('courierB', [received(a), received(b)]), 403, 'forbidden');
      await refused(() => intake('officer', [received(a), received(b)]), 403, 'forbidden');
      await refused(
        () => intake('depot', [{ itemId: a, outcome: 'received' }, received(b)]),
        400,
        'validation-failed',
      );
      await refused(
        () => intake('depot', [{ itemId: a, outcome: 'damaged', storage: { room: 'R1' } }, received(b)]),
        400,
        'validation-failed',
      );
      await refused(
        () => intake('depot', [{ itemId: a, outcome: 'lost' }, received(b)]),
        400,
        'validation-failed',
      );
      await refused(
        () => intake('depot', [received(a), received(b), received('stray-1')]),
        400,
        'validation-failed',
      );
      await refused(() => intake('depot', []), 400, 'validation-failed');
      const done = await intake('depot', [received(a), received(b)]);
      expect(done.body).toMatchObject({ status: 'completed' });
      await refused(() => intake('depot', [received(a), received(b)]), 409, 'invalid-transition');
    });

    it('refuses the whole step when one item of the manifest cannot take it, naming that item', async () => {
      const [a, b] = await files(2, 'Item refuses');
      const { transferId: id } = (await createTransfer('officer', [a, b]).expect(201)).body;
      // Someone took b out of the story behind the transfer's back: it can no longer be collected.
      await post(`/api/items/${b}/events`, 'officer', {
        type: 'reported_missing',
        reason: 'tidak ditemukan di rak',
      }).expect(201);
      const body = await refused(
        () => step(id, 'courierA', { type: 'collected', acknowledgement: SIGNED }),
        409,
        'invalid-transition',
      );
      expect(body.items).toEqual([expect.objectContaining({ itemId: b, code: 'invalid-transition' })]);
      expect(body.detail).toContain(b);
      expect(body.detail).not.toContain(`'${a}'`);
    });
  });

  describe('concurrency and atomicity', () => {
    /**
     * Holds the first two appendMany calls until both have arrived, so both requests have read the
     * item's claims before either commits: a real race, not two requests one after the other.
     */
    function holdFirstTwoAppends() {
      const original = store.appendMany.bind(store);
      let arrived = 0;
      let release!: () => void;
      const bothThere = new Promise<void>((resolve) => (release = resolve));
      const spy = jest.spyOn(store, 'appendMany').mockImplementation(async (appends: StreamAppend[]) => {
        arrived += 1;
        if (arrived === 2) release();
        if (arrived <= 2)
          await Promise.race([bothThere, new Promise((resolve) => setTimeout(resolve, 3000))]);
        return original(appends);
      });
      return { spy, raced: () => arrived >= 2 };
    }

    it('two transfers racing for the same item: exactly one is created', async () => {
      for (let round = 0; round < 3; round++) {
        const [shared, mine, theirs] = await files(3, `Race ${round}`);
        const ids = [`race-${round}-a-${serial}`, `race-${round}-b-${serial}`];
        const { spy, raced } = holdFirstTwoAppends();
        let answers: Awaited<ReturnType<typeof createTransfer>>[];
        try {
          answers = await Promise.all([
            createTransfer('officer', [mine, shared], { id: ids[0] }),
            createTransfer('officer', [shared, theirs], { id: ids[1] }),
          ]);
        } finally {
          spy.mockRestore();
        }
        expect(raced()).toBe(true);
        const statuses = answers.map((answer) => answer.status).sort();
        expect({ round, statuses }).toEqual({ round, statuses: [201, 409] });
        const loser = ids[answers.findIndex((answer) => answer.status === 409)];
        const winner = answers.find((answer) => answer.status === 201)!;
        const refusal = answers.find((answer) => answer.status === 409)!;
        expect(refusal.body.items).toEqual([
          expect.objectContaining({
            itemId: shared,
            reason: 'in-open-transfer',
            transferId: winner.body.transferId,
          }),
        ]);
        expect(await eventsOf(`transfer-${loser}`)).toEqual([]);
        for (const itemId of [mine, theirs]) {
          const claimed = await createTransfer('officer', [itemId]);
          expect({ itemId, status: claimed.status }).toEqual({
            itemId,
            status: itemId === (loser === ids[0] ? mine : theirs) ? 201 : 409,
          });
        }
      }
    });

    it('records a step on the transfer and on every item in one commit: one conflicting item stream, nothing lands', async () => {
      const itemIds = await files(3, 'Atomic');
      const { transferId } = (await createTransfer('officer', itemIds).expect(201)).body;
      const original = store.appendMany.bind(store);
      const observed: {
        streams: string[];
        error: unknown;
        headBefore: string | null;
        headAfter: string | null;
      }[] = [];
      const spy = jest.spyOn(store, 'appendMany').mockImplementationOnce(async (appends: StreamAppend[]) => {
        // The middle item's expected revision is made stale, as if another writer had just moved it.
        const forced = appends.map((append) =>
          append.streamId === `item-${itemIds[1]}`
            ? { ...append, expectedRevision: (append.expectedRevision as number) + 5 }
            : append,
        );
        const headBefore = await headPosition(t);
        const error = await original(forced).then(
          () => null,
          (caught: unknown) => caught,
        );
        observed.push({
          streams: appends.map((a) => a.streamId),
          error,
          headBefore,
          headAfter: await headPosition(t),
        });
        throw error;
      });
      try {
        const response = await step(transferId, 'courierA', { type: 'collected', acknowledgement: SIGNED });
        expect(response.status).toBe(201);
      } finally {
        spy.mockRestore();
      }
      expect(observed).toHaveLength(1);
      expect(observed[0].streams).toEqual([`transfer-${transferId}`, ...itemIds.map((id) => `item-${id}`)]);
      expect(observed[0].error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(observed[0].headAfter).toBe(observed[0].headBefore);
      // The handler reloaded and retried: exactly one `collected` everywhere, none doubled.
      const transferTypes = (await eventsOf(`transfer-${transferId}`)).map((e) => e.type);
      expect(transferTypes).toEqual(['transfer_created', 'collected']);
      for (const itemId of itemIds) {
        expect((await eventsOf(`item-${itemId}`)).map((e) => e.type)).toEqual(['registered', 'collected']);
      }
    });

    it('a retried step with the same Idempotency-Key records once and answers the same', async () => {
      const itemIds = await files(2, 'Idempotent');
      const { transferId } = (await createTransfer('officer', itemIds).expect(201)).body;
      const send = () =>
        step(transferId, 'courierA', { type: 'collected', acknowledgement: SIGNED }).set(
          'Idempotency-Key',
          `collect-${transferId}`,
        );
      const first = await send();
      expect(first.status).toBe(201);
      await expectNothingRecorded(t, async () => {
        const again = await send();
        expect(again.status).toBe(201);
        expect(again.body).toEqual(first.body);
      });
      for (const itemId of itemIds) {
        const events = await eventsOf(`item-${itemId}`);
        expect(events.map((e) => [e.type, e.data.commandId])).toEqual([
          ['registered', null],
          ['collected', `collect-${transferId}`],
        ]);
      }
    });

    it('a retried intake with the same Idempotency-Key records once and answers the same', async () => {
      const itemIds = await files(2, 'Idempotent intake');
      const { transferId } = (await createTransfer('officer', itemIds).expect(201)).body;
      await carryToDepot(transferId);
      const send = () =>
        post(`/api/transfers/${transferId}/intake`, 'depot', {
          results: itemIds.map((itemId) => ({ itemId, outcome: 'received', storage: { room: 'R1' } })),
        }).set('Idempotency-Key', `intake-${transferId}`);
      const first = await send();
      expect(first.status).toBe(201);
      await expectNothingRecorded(t, async () => {
        const again = await send();
        expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
        expect(again.headers['idempotent-replayed']).toBe('true');
      });
      const transferTypes = (await eventsOf(`transfer-${transferId}`)).map((e) => e.type);
      expect(transferTypes.filter((type) => type === 'intake_recorded')).toHaveLength(1);
    });

    it('a request whose answer was lost is recognised from its event ids: the same answer, nothing recorded', async () => {
      const itemIds = await files(2, 'Lost answer');
      const key = `lost-${itemIds[0]}`;
      const forgetAnswers = () => {
        // As if the process died between the append and saving the answer for the key.
        const db = new Database(join(t.dataDir, 'idempotency.sqlite'));
        try {
          db.prepare('DELETE FROM idempotency WHERE key LIKE ?').run(`${key}%`);
        } finally {
          db.close();
        }
      };
      const create = () =>
        post('/api/transfers', 'officer', {
          baNumber: 'BA-901/ARS/2026',
          fromId: ORIGIN,
          toId: DEPOT,
          itemIds,
        }).set('Idempotency-Key', `${key}-create`);
      const first = await create().expect(201);
      forgetAnswers();
      await expectNothingRecorded(t, async () => {
        const again = await create();
        expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
      });
      const transferId = first.body.transferId;
      const collect = (body: Record<string, unknown>) =>
        step(transferId, 'courierA', body).set('Idempotency-Key', `${key}-collect`);
      const collected = await collect({ type: 'collected', acknowledgement: SIGNED }).expect(201);
      forgetAnswers();
      await expectNothingRecorded(t, async () => {
        const again = await collect({ type: 'collected', acknowledgement: SIGNED });
        expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: collected.body });
        const reused = await collect({ type: 'collected', acknowledgement: SIGNED, note: 'lain' });
        expect({ status: reused.status, code: reused.body.code }).toEqual({
          status: 422,
          code: 'idempotency-key-reused',
        });
      });
    });

    it('creation without an id, retried with its key, creates one transfer', async () => {
      const itemIds = await files(1, 'Keyed creation');
      const send = () =>
        post('/api/transfers', 'officer', {
          baNumber: 'BA-900/ARS/2026',
          fromId: ORIGIN,
          toId: DEPOT,
          itemIds,
        }).set('Idempotency-Key', `create-${itemIds[0]}`);
      const first = await send();
      expect(first.status).toBe(201);
      await expectNothingRecorded(t, async () => {
        expect((await send()).body.transferId).toBe(first.body.transferId);
      });
    });
  });
});
