import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { runCli } from '../apps/cli/src/main';
import { castOf, type Cast } from './support/actors';
import { pdfText } from './support/pdf-text';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

const ORIGIN = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';
/** The addressee officer's unit: a unit destination, not a depot. */
const UNIT = 'dinas-perpustakaan-kearsipan';
const shelf = { room: 'R3', shelf: 'R3-01', box: 'B-0001' };

/** Transfers as practised (issue 13): list, cancel, consignment handovers, intake in sittings, units, BA numbers, audit. */
describe('transfers as practised, over HTTP', () => {
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

  const post = (path: string, who: keyof Cast, body: Record<string, unknown>) =>
    t
      .http()
      .post(path)
      .set(...bearer(cast[who]))
      .send(body);
  const get = (path: string, who: keyof Cast = 'auditor', query: Record<string, string> = {}) =>
    t
      .http()
      .get(path)
      .query(query)
      .set(...bearer(cast[who]));

  const files = (count: number, label: string): Promise<string[]> =>
    Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const title = `${label} berkas ${index + 1} (${++serial})`;
        const response = await post('/api/items', 'officer', aFile({ title })).expect(201);
        return response.body.itemId as string;
      }),
    );
  const newBa = () => `BA-${String(++serial).padStart(3, '0')}/PRAKTIK/2026`;
  const create = (itemIds: string[], extra: Record<string, unknown> = {}) =>
    post('/api/transfers', 'officer', { baNumber: newBa(), fromId: ORIGIN, toId: DEPOT, itemIds, ...extra });
  const step = (transferId: string, who: keyof Cast, body: Record<string, unknown>) =>
    post(`/api/transfers/${transferId}/events`, who, body);
  const intake = (transferId: string, who: keyof Cast, results: unknown[]) =>
    post(`/api/transfers/${transferId}/intake`, who, { results });

  /** Collected and carried by KURIR-A to `toId`'s door. */
  async function carry(transferId: string): Promise<string> {
    let position = '0';
    for (const type of ['collected', 'dispatched', 'arrived']) {
      // The origin releases the consignment by a drawn signature; the rest is the courier's.
      const release = type === 'collected' ? { acknowledgement: SIGNED } : {};
      const response = await step(transferId, 'courierA', { type, ...release });
      expect({ type, status: response.status, body: response.body }).toMatchObject({ type, status: 201 });
      position = response.body.position;
    }
    return position;
  }

  /** Refused with `status`/`code`, and neither the transfer nor any item stream moved. */
  async function refused(
    act: () => PromiseLike<{ status: number; body: Record<string, unknown> }>,
    status: number,
    code: string,
  ) {
    let body: Record<string, unknown> = {};
    await expectNothingRecorded(t, async () => {
      const response = await act();
      body = response.body;
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    });
    return body;
  }

  const item = async (itemId: string, minPosition: string) =>
    (await get(`/api/items/${itemId}`, 'auditor', { minPosition }).expect(200)).body;
  const lastEvent = async (itemId: string, minPosition: string) => {
    const { events } = (await get(`/api/items/${itemId}/history`, 'auditor', { minPosition }).expect(200))
      .body;
    return events[events.length - 1];
  };

  describe('cancelled before dispatch', () => {
    it('frees the items for another transfer, and cannot be cancelled once dispatched', async () => {
      const itemIds = await files(2, 'Batal');
      const { transferId } = (await create(itemIds).expect(201)).body;
      await refused(() => step(transferId, 'officer', { type: 'cancelled' }), 400, 'validation-failed');
      await refused(() => step(transferId, 'courierA', { type: 'cancelled', reason: 'x' }), 403, 'forbidden');
      await refused(
        () => step(transferId, 'otherOfficer', { type: 'cancelled', reason: 'x' }),
        403,
        'forbidden',
      );
      const cancelled = await step(transferId, 'officer', {
        type: 'cancelled',
        reason: 'daftar salah susun',
      });
      expect(cancelled.status).toBe(201);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', type: 'cancelled' });
      await refused(
        () => step(transferId, 'courierA', { type: 'collected', acknowledgement: SIGNED }),
        409,
        'invalid-transition',
      );
      const again = await create(itemIds);
      expect(again.status).toBe(201);
      await carry(again.body.transferId);
      await refused(
        () => step(again.body.transferId, 'officer', { type: 'cancelled', reason: 'terlambat' }),
        409,
        'invalid-transition',
      );
    });
  });

  describe('the consignment handover', () => {
    it('is declined by its addressee, withdrawn by its offerer, never offered to nobody', async () => {
      const itemIds = await files(2, 'Serah kurir');
      const { transferId } = (await create(itemIds).expect(201)).body;
      await step(transferId, 'courierA', { type: 'collected', acknowledgement: SIGNED }).expect(201);
      await step(transferId, 'courierA', { type: 'dispatched' }).expect(201);
      const mistyped = await refused(
        () => step(transferId, 'courierA', { type: 'handover_offered', toCustodianId: 'KRR-017' }),
        422,
        'unknown-party',
      );
      expect(mistyped.detail).toContain('KRR-017');
      await refused(
        () => step(transferId, 'courierA', { type: 'handover_withdrawn', reason: 'x' }),
        409,
        'invalid-transition',
      );

      await step(transferId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }).expect(201);
      await refused(
        () => step(transferId, 'courierA', { type: 'handover_declined', reason: 'x' }),
        403,
        'forbidden',
      );
      await refused(
        () => step(transferId, 'courierB', { type: 'handover_declined' }),
        400,
        'validation-failed',
      );
      const declined = await step(transferId, 'courierB', {
        type: 'handover_declined',
        reason: 'motor penuh',
      }).expect(201);
      const view = (
        await get(`/api/transfers/${transferId}`, 'auditor', { minPosition: declined.body.position }).expect(
          200,
        )
      ).body;
      expect(view).toMatchObject({ pendingHandover: null, custodianId: 'KURIR-A' });
      expect(await item(itemIds[0], declined.body.position)).toMatchObject({
        pendingHandover: null,
        custodianId: 'KURIR-A',
      });
      expect(await lastEvent(itemIds[1], declined.body.position)).toMatchObject({
        type: 'handover_declined',
        correlationId: transferId,
        data: { reason: 'motor penuh' },
      });

      await step(transferId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }).expect(201);
      await refused(
        () => step(transferId, 'courierB', { type: 'handover_withdrawn', reason: 'x' }),
        403,
        'forbidden',
      );
      const withdrawn = await step(transferId, 'courierA', {
        type: 'handover_withdrawn',
        reason: 'salah orang',
      }).expect(201);
      expect(await lastEvent(itemIds[0], withdrawn.body.position)).toMatchObject({
        type: 'handover_withdrawn',
      });
      await step(transferId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }).expect(201);
      await step(transferId, 'admin', { type: 'handover_withdrawn', reason: 'dibersihkan admin' }).expect(
        201,
      );
      await step(transferId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }).expect(201);
      const accepted = await step(transferId, 'courierB', { type: 'handover_accepted' }).expect(201);
      expect(await item(itemIds[1], accepted.body.position)).toMatchObject({ custodianId: 'KURIR-B' });
    });
  });

  describe('intake in several sittings, with a rejected and an unexpected known file', () => {
    let itemIds: string[];
    let stray: string;
    let transferId: string;
    let baNumber: string;
    let lastPosition: string;

    beforeAll(async () => {
      itemIds = await files(3, 'Sidang');
      [stray] = await files(1, 'Nyasar');
      ({ transferId, baNumber } = (await create(itemIds).expect(201)).body);
      await carry(transferId);
      // A known file that came along on its own, not in this manifest.
      for (const body of [
        { type: 'collected', acknowledgement: SIGNED },
        { type: 'dispatched', destinationId: DEPOT },
        { type: 'arrived', locationId: DEPOT },
      ]) {
        await post(`/api/items/${stray}/events`, 'courierA', body).expect(201);
      }
    });

    it('takes a first sitting and leaves the transfer arrived, the rest awaiting', async () => {
      const first = await intake(transferId, 'depot', [
        { itemId: itemIds[0], outcome: 'received', storage: shelf },
      ]);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'arrived', type: 'intake_recorded' });
      const view = (
        await get(`/api/transfers/${transferId}`, 'auditor', { minPosition: first.body.position }).expect(200)
      ).body;
      expect(view.intake).toMatchObject({
        awaiting: [itemIds[1], itemIds[2]],
        sittings: [{ itemIds: [itemIds[0]] }],
      });
      expect(await item(itemIds[0], first.body.position)).toMatchObject({
        status: 'deposited',
        custodianId: DEPOT,
      });
    });

    it('refuses, recording nothing: a second outcome, a rejection without its reason, an intake by a stranger', async () => {
      await refused(
        () => intake(transferId, 'depot', [{ itemId: itemIds[0], outcome: 'missing' }]),
        409,
        'invalid-transition',
      );
      await refused(
        () => intake(transferId, 'depot', [{ itemId: itemIds[1], outcome: 'rejected' }]),
        400,
        'validation-failed',
      );
      await refused(
        () => intake(transferId, 'otherDepot', [{ itemId: itemIds[1], outcome: 'missing' }]),
        403,
        'forbidden',
      );
      await refused(
        () => intake(transferId, 'otherOfficer', [{ itemId: itemIds[1], outcome: 'missing' }]),
        403,
        'forbidden',
      );
    });

    it('completes with the last manifest item: the soaked file stays with its courier, the stray gets the refusal in its trail', async () => {
      const last = await intake(transferId, 'depot', [
        { itemId: itemIds[1], outcome: 'rejected', note: 'basah terendam banjir' },
        { itemId: itemIds[2], outcome: 'missing' },
        { itemId: stray, outcome: 'unexpected', note: 'tidak ada di daftar' },
      ]);
      expect(last.status).toBe(201);
      expect(last.body).toMatchObject({
        status: 'completed_with_discrepancies',
        reconciliation: {
          received: { count: 1 },
          rejected: { count: 1, itemIds: [itemIds[1]] },
          missing: { count: 1 },
        },
      });
      lastPosition = last.body.position;
      expect(await item(itemIds[1], lastPosition)).toMatchObject({
        status: 'arrived',
        custodianId: 'KURIR-A',
        locationId: DEPOT,
      });
      expect(await lastEvent(itemIds[1], lastPosition)).toMatchObject({
        type: 'intake_rejected',
        data: { reason: 'basah terendam banjir' },
      });
      expect(await item(itemIds[2], lastPosition)).toMatchObject({ status: 'missing' });
      const strayEvent = await lastEvent(stray, lastPosition);
      expect(strayEvent).toMatchObject({ type: 'intake_rejected', correlationId: transferId });
      expect(strayEvent.data.reason).toContain(baNumber);
      expect(await item(stray, lastPosition)).toMatchObject({ status: 'arrived', custodianId: 'KURIR-A' });
    });

    it('prints the berita acara with its couriers and every outcome, the rejection included', async () => {
      const response = await get(`/api/transfers/${transferId}/report.pdf`)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const text = await pdfText(response.body as Buffer);
      expect(text).toContain('KURIR-A');
      expect(text).toContain('basah terendam banjir');
      expect(text).toMatch(/Ditolak: 1/);
    }, 30_000);

    it('replays the transfer stream for an auditor, chain checked, and jejak verify --transfer agrees', async () => {
      const replay = await get(`/api/audit/transfers/${transferId}/replay`).expect(200);
      expect(replay.body).toMatchObject({
        transferId,
        state: { status: 'completed_with_discrepancies', baNumber },
        chain: { valid: true, length: replay.body.events.length },
      });
      expect(replay.body.events.map((event: { type: string }) => event.type)).toEqual([
        'transfer_created',
        'collected',
        'dispatched',
        'arrived',
        'intake_recorded',
        'intake_recorded',
        'completed',
      ]);
      const early = await get(`/api/audit/transfers/${transferId}/replay`, 'admin', {
        atRevision: '3',
      }).expect(200);
      expect(early.body.state).toMatchObject({ status: 'arrived', intake: null });
      await get(`/api/audit/transfers/${transferId}/replay`, 'officer').expect(403);
      await get('/api/audit/transfers/no-such-transfer/replay').expect(404);

      const verified = await jejakVerify(t.dataDir, '--transfer', transferId);
      expect(verified.code).toBe(0);
      expect(verified.out.join('\n')).toMatch(/intact: 7 events in 1 streams/);
      expect((await jejakVerify(t.dataDir, '--transfer', 'no-such-transfer')).code).toBe(1);
    });

    it('shows an edit of the transfer stream behind the service, in the replay and in jejak verify', async () => {
      const db = new Database(join(t.dataDir, 'events.sqlite'));
      try {
        const row = db
          .prepare('SELECT position, data FROM events WHERE stream_id = ? AND revision = 0')
          .get(`transfer-${transferId}`) as { position: number; data: string };
        const event = JSON.parse(row.data);
        event.data.baNumber = 'BA-PALSU';
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(event), row.position);
      } finally {
        db.close();
      }
      const replay = await get(`/api/audit/transfers/${transferId}/replay`).expect(200);
      expect(replay.body.chain).toMatchObject({ valid: false, firstBrokenRevision: 0 });
      const verified = await jejakVerify(t.dataDir, '--transfer', transferId);
      expect(verified.code).toBe(1);
      expect(verified.out.join('\n')).toContain(`BROKEN transfer-${transferId} revision 0`);
    });
  });

  describe('intake and a pending consignment handover', () => {
    it('refuses intake while a handover is pending and a handover once intake began, recording nothing', async () => {
      const itemIds = await files(2, 'Serah atau terima');
      const { transferId } = (await create(itemIds).expect(201)).body;
      await carry(transferId);
      await step(transferId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }).expect(201);
      const first = [{ itemId: itemIds[0], outcome: 'received', storage: shelf }];
      await refused(() => intake(transferId, 'depot', first), 409, 'invalid-transition');
      await step(transferId, 'courierA', { type: 'handover_withdrawn', reason: 'depo sudah buka' }).expect(
        201,
      );
      await intake(transferId, 'depot', first).expect(201);
      await refused(
        () => step(transferId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }),
        409,
        'invalid-transition',
      );
    });
  });

  describe('a file travels with its open transfer', () => {
    const onItem = (itemId: string, who: keyof Cast, body: Record<string, unknown>) =>
      post(`/api/items/${itemId}/events`, who, body);

    it('refuses its journey on the item route (409, naming the transfer), recording nothing, and frees a file turned away', async () => {
      const itemIds = await files(2, 'Ikut transfer');
      const ba = newBa();
      const { transferId } = (
        await post('/api/transfers', 'officer', {
          baNumber: ba,
          fromId: ORIGIN,
          toId: DEPOT,
          itemIds,
        }).expect(201)
      ).body;
      const named = (body: Record<string, unknown>) =>
        expect(body.detail).toContain(`open transfer '${transferId}' (${ba})`);
      named(
        await refused(
          () => onItem(itemIds[0], 'officer', { type: 'handover_offered', toCustodianId: 'KURIR-A' }),
          409,
          'invalid-transition',
        ),
      );
      named(
        await refused(
          () => onItem(itemIds[0], 'courierA', { type: 'collected', acknowledgement: SIGNED }),
          409,
          'invalid-transition',
        ),
      );
      await step(transferId, 'courierA', { type: 'collected', acknowledgement: SIGNED }).expect(201);
      named(
        await refused(
          () => onItem(itemIds[1], 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }),
          409,
          'invalid-transition',
        ),
      );
      await refused(
        () => onItem(itemIds[1], 'courierA', { type: 'dispatched', destinationId: DEPOT }),
        409,
        'invalid-transition',
      );
      // What is no step of the journey is still the file's own.
      await onItem(itemIds[0], 'officer', {
        type: 'corrected',
        changes: { title: 'Ikut transfer, judul dibetulkan' },
        reason: 'salah ketik',
      }).expect(201);
      await step(transferId, 'courierA', { type: 'dispatched' }).expect(201);
      await step(transferId, 'courierA', { type: 'arrived' }).expect(201);
      await refused(
        () => onItem(itemIds[0], 'depot', { type: 'intake_confirmed', storage: shelf }),
        409,
        'invalid-transition',
      );
      const sitting = await intake(transferId, 'depot', [
        { itemId: itemIds[0], outcome: 'received', storage: shelf },
        { itemId: itemIds[1], outcome: 'rejected', note: 'bukan arsip depo ini' },
      ]).expect(201);
      // The file turned away stays with its courier, who takes it back alone.
      const back = await onItem(itemIds[1], 'courierA', { type: 'dispatched', destinationId: ORIGIN });
      expect({ status: back.status, body: back.body }).toMatchObject({ status: 201 });
      expect(await item(itemIds[1], back.body.position)).toMatchObject({
        status: 'in_transit',
        custodianId: 'KURIR-A',
        destinationId: ORIGIN,
      });
      expect((await item(itemIds[0], sitting.body.position)).status).toBe('deposited');
    });
  });

  describe('a transfer to a unit, not a depot', () => {
    it("is taken in by an officer of that unit and completes; another unit's officer is refused", async () => {
      const itemIds = await files(2, 'Ke dinas');
      const { transferId } = (await create(itemIds, { toId: UNIT }).expect(201)).body;
      await carry(transferId);
      const results = itemIds.map((itemId) => ({
        itemId,
        outcome: 'received',
        storage: { room: 'Ruang Arsip' },
      }));
      await refused(() => intake(transferId, 'otherOfficer', results), 403, 'forbidden');
      await refused(() => intake(transferId, 'depot', results), 403, 'forbidden');
      const done = await intake(transferId, 'addresseeOfficer', results);
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({ status: 'completed' });
      expect(await item(itemIds[0], done.body.position)).toMatchObject({
        status: 'deposited',
        locationId: UNIT,
        custodianId: UNIT,
      });
    });
  });

  describe('BA numbers and the list', () => {
    it('refuses a BA number that another transfer has (any case or spacing), naming it, recording nothing', async () => {
      const [a, b] = await files(2, 'Nomor BA');
      const baNumber = newBa();
      const first = (await create([a], { baNumber }).expect(201)).body;
      const clash = await refused(
        () => create([b], { baNumber: `  ${baNumber.toLowerCase()} ` }),
        409,
        'already-exists',
      );
      expect(clash).toMatchObject({ transferId: first.transferId });
      expect(clash.detail).toContain(first.transferId);
      expect(await store.readStream(`item-${b}`)).toHaveLength(1);
      // Cancelled, its number stays its own.
      await step(first.transferId, 'officer', { type: 'cancelled', reason: 'batal' }).expect(201);
      await refused(() => create([b], { baNumber }), 409, 'already-exists');
    });

    it('lists transfers filtered by status, origin, destination, courier, BA number and period, paged', async () => {
      const itemIds = await files(3, 'Daftar');
      const startedAt = new Date().toISOString();
      const ba = newBa();
      const toUnit = (await create([itemIds[0]], { toId: UNIT, baNumber: ba }).expect(201)).body;
      const carried = (await create([itemIds[1]]).expect(201)).body;
      const position = await carry(carried.transferId);
      const listed = async (query: Record<string, string>) =>
        (await get('/api/transfers', 'courierB', { minPosition: position, ...query }).expect(200)).body;
      expect((await listed({ baNumber: ba.toLowerCase() })).transfers).toEqual([
        expect.objectContaining({ transferId: toUnit.transferId, status: 'open', toId: UNIT, itemCount: 1 }),
      ]);
      const sinceStart = await listed({ from: startedAt });
      expect(sinceStart.transfers.map((x: { transferId: string }) => x.transferId)).toEqual([
        toUnit.transferId,
        carried.transferId,
      ]);
      expect((await listed({ from: startedAt, courierId: 'KURIR-A', status: 'arrived' })).transfers).toEqual([
        expect.objectContaining({ transferId: carried.transferId, courierIds: ['KURIR-A'] }),
      ]);
      expect((await listed({ from: startedAt, toId: UNIT })).transfers).toHaveLength(1);
      expect((await listed({ fromId: 'kec-babelan' })).transfers).toEqual([]);
      const page = await listed({ from: startedAt, limit: '1' });
      expect(page.transfers).toHaveLength(1);
      const next = await listed({ from: startedAt, limit: '1', cursor: page.nextCursor });
      expect(next.transfers.map((x: { transferId: string }) => x.transferId)).toEqual([carried.transferId]);
      await get('/api/transfers', 'auditor', { status: 'lost' }).expect(400);
      await get('/api/transfers', 'auditor', { from: 'kemarin' }).expect(400);
      await get('/api/transfers', 'auditor', { cursor: 'bukan-kursor' }).expect(400);
    });
  });
});

async function jejakVerify(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['verify', ...args],
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { JEJAK_DATA_DIR: dataDir, JEJAK_LOG_LEVEL: 'silent' },
  );
  return { code, out, err };
}
