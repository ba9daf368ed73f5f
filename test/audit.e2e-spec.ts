import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { runCli } from '../apps/cli/src/main';
import { castOf, type Cast } from './support/actors';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Captured {
  out: string[];
  err: string[];
}

async function jejakVerify(dataDir: string, ...args: string[]): Promise<{ code: number } & Captured> {
  const captured: Captured = { out: [], err: [] };
  const code = await runCli(
    ['verify', ...args],
    { out: (line) => captured.out.push(line), err: (line) => captured.err.push(line) },
    { JEJAK_DATA_DIR: dataDir, JEJAK_LOG_LEVEL: 'silent' },
  );
  return { code, ...captured };
}

/** Edits a stored event's JSON behind the service's back, as someone with file access could. */
function tamper(
  dataDir: string,
  itemId: string,
  revision: number,
  edit: (event: { data: Record<string, unknown> }) => void,
): void {
  const db = new Database(join(dataDir, 'events.sqlite'));
  try {
    const row = db
      .prepare('SELECT position, data FROM events WHERE stream_id = ? AND revision = ?')
      .get(`item-${itemId}`, revision) as { position: number; data: string };
    const event = JSON.parse(row.data);
    edit(event);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(event), row.position);
  } finally {
    db.close();
  }
}

describe('auditor replay and verification from the event store', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
  });
  afterAll(() => t.close());

  const replay = (itemId: string, query: Record<string, string | number> = {}, token = cast.auditor) =>
    t
      .http()
      .get(`/api/audit/items/${itemId}/replay`)
      .query(query)
      .set(...bearer(token));

  /** Registered, then (a little later) collected by a courier: two events at distinct moments. */
  async function registeredThenCollected(title = aFile().title): Promise<string> {
    const registered = await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.officer))
      .send(aFile({ title }))
      .expect(201);
    await sleep(25);
    await t
      .http()
      .post(`/api/items/${registered.body.itemId}/events`)
      .set(...bearer(cast.courierA))
      .send({ type: 'collected', acknowledgement: SIGNED })
      .expect(201);
    return registered.body.itemId;
  }

  it('replays the whole stream with a verified chain when no cut is given', async () => {
    const itemId = await registeredThenCollected();
    const response = await replay(itemId).expect(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        itemId,
        state: expect.objectContaining({
          status: 'collected',
          custodianId: 'KURIR-A',
          locationId: 'kec-cikarang-utara',
          revision: 1,
          since: expect.any(String),
        }),
        chain: expect.objectContaining({ valid: true, length: 2, headHash: response.body.events[1].hash }),
      }),
    );
    expect(response.body.events.map((e: { type: string }) => e.type)).toEqual(['registered', 'collected']);
    expect(response.body.chain.firstBrokenRevision).toBeUndefined();
  });

  it('as of a moment between two events answers the earlier state, yet verifies the whole chain', async () => {
    const itemId = await registeredThenCollected();
    const whole = (await replay(itemId).expect(200)).body;
    const [first, second] = whole.events as { recordedAt: string }[];
    const between = new Date(
      (Date.parse(first.recordedAt) + Date.parse(second.recordedAt)) / 2,
    ).toISOString();
    expect(between > first.recordedAt && between < second.recordedAt).toBe(true);

    const asOf = (await replay(itemId, { asOf: between }).expect(200)).body;
    expect(asOf.state).toEqual(
      expect.objectContaining({ status: 'registered', custodianId: 'kec-cikarang-utara', revision: 0 }),
    );
    expect(asOf.events).toHaveLength(1);
    expect(asOf.chain).toEqual(
      expect.objectContaining({ valid: true, length: 2, headHash: whole.chain.headHash }),
    );

    const atSecond = (await replay(itemId, { asOf: second.recordedAt }).expect(200)).body;
    expect(atSecond.state.status).toBe('collected');

    const before = new Date(Date.parse(first.recordedAt) - 60_000).toISOString();
    const beforeAll = (await replay(itemId, { asOf: before }).expect(200)).body;
    expect({ state: beforeAll.state, events: beforeAll.events }).toEqual({ state: null, events: [] });
  });

  it('at a revision keeps the events up to that revision', async () => {
    const itemId = await registeredThenCollected();
    const atZero = (await replay(itemId, { atRevision: 0 }).expect(200)).body;
    expect(atZero.state.status).toBe('registered');
    expect(atZero.events.map((e: { revision: number }) => e.revision)).toEqual([0]);
    const atOne = (await replay(itemId, { atRevision: 1 }).expect(200)).body;
    expect(atOne.state.status).toBe('collected');
  });

  it('refuses asOf with atRevision, malformed cuts, unknown items and non-auditors', async () => {
    const itemId = await registeredThenCollected();
    const both = await replay(itemId, { asOf: new Date().toISOString(), atRevision: 0 }).expect(400);
    expect(both.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(both.body.code).toBe('validation-failed');
    expect((await replay(itemId, { asOf: 'yesterday' })).body.code).toBe('validation-failed');
    expect((await replay(itemId, { atRevision: -1 })).body.code).toBe('validation-failed');
    const unknown = await replay('no-such-item').expect(404);
    expect(unknown.body.code).toBe('not-found');
    expect((await replay(itemId, {}, cast.officer)).status).toBe(403);
    expect((await replay(itemId, {}, cast.courierA)).status).toBe(403);
    await replay(itemId, {}, ADMIN_TOKEN).expect(200);
  });

  it('exports the trail as JSON and as UTF-8 CSV with a header row', async () => {
    const title = 'Arsip Desa Sukaraja, "Tambun Selatan" — surat keputusan kepala desa é ñ';
    const itemId = await registeredThenCollected(title);
    const json = await t
      .http()
      .get(`/api/audit/items/${itemId}/export`)
      .set(...bearer(cast.auditor))
      .expect(200);
    expect(json.body).toEqual(
      expect.objectContaining({ itemId, chain: expect.objectContaining({ valid: true, length: 2 }) }),
    );
    expect(json.body.events[0].data.title).toBe(title);

    const csv = await t
      .http()
      .get(`/api/audit/items/${itemId}/export`)
      .query({ format: 'csv' })
      .set(...bearer(cast.auditor))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toContain(`jejak-${itemId}.csv`);
    const rows: Record<string, string>[] = parse(csv.body as string, { bom: true, columns: true });
    expect(rows.map((r) => [r.revision, r.type, r.actorId])).toEqual([
      ['0', 'registered', json.body.events[0].actor.id],
      ['1', 'collected', 'KURIR-A'],
    ]);
    expect(JSON.parse(rows[0].data).title).toBe(title);
    expect(rows[1].hash).toBe(json.body.chain.headHash);

    const missing = await t
      .http()
      .get('/api/audit/items/no-such-item/export')
      .set(...bearer(cast.auditor))
      .expect(404);
    expect(missing.body.code).toBe('not-found');
  });

  it('shows an edit made behind the service’s back, in the replay and in `jejak verify`', async () => {
    const itemId = await registeredThenCollected();
    const untouched = await jejakVerify(t.dataDir);
    expect(untouched.code).toBe(0);
    expect(untouched.out.join('\n')).toMatch(/intact/);

    tamper(t.dataDir, itemId, 0, (event) => {
      event.data.title = 'Judul yang diubah diam-diam';
    });

    const replayed = (await replay(itemId).expect(200)).body;
    expect(replayed.chain).toEqual(
      expect.objectContaining({ valid: false, length: 2, firstBrokenRevision: 0 }),
    );
    expect(replayed.chain.problems[0]).toEqual(
      expect.objectContaining({ revision: 0, problem: 'hash-mismatch' }),
    );

    const verified = await jejakVerify(t.dataDir);
    expect(verified.code).toBe(1);
    expect(verified.out.join('\n')).toContain(`item-${itemId}`);
    const one = await jejakVerify(t.dataDir, '--item', itemId);
    expect(one.code).toBe(1);
  });

  it('shows tampering after the asOf moment too', async () => {
    const itemId = await registeredThenCollected();
    const whole = (await replay(itemId).expect(200)).body;
    tamper(t.dataDir, itemId, 1, (event) => {
      event.data.custodianId = 'KURIR-B';
    });
    const asOf = (await replay(itemId, { asOf: whole.events[0].recordedAt }).expect(200)).body;
    expect(asOf.state.status).toBe('registered');
    expect(asOf.chain).toEqual(expect.objectContaining({ valid: false, firstBrokenRevision: 1 }));
  });
});
