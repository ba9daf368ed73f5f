import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatCheckpoint,
  leafHash,
  MemoryTree,
  openNote,
  parseCheckpoint,
  parseSkey,
  parseVkey,
  signNote,
  verifyAuditBundle,
  verifyConsistency,
  type AuditBundle,
} from '@jejak/verifiable-log';
import { SqliteEventStore } from '@jejak/event-store';
import { castOf, type Cast } from './support/actors';
import { spawnService } from './support/spawned-service';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

const CLI_ENTRY = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built `jejak`, with no service, no data directory and no network to lean on. */
function jejak(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
      env: { PATH: process.env.PATH ?? '', JEJAK_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const noteText = (note: string): string => note.slice(0, note.lastIndexOf('\n\n') + 1);

jest.setTimeout(60_000);

describe('the verifiable log: bundles an auditor checks offline', () => {
  let t: TestApp;
  let cast: Cast;
  let work: string;
  let vkey: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
    work = mkdtempSync(join(tmpdir(), 'jejak-vlog-'));
    vkey = (
      await t
        .http()
        .get('/api/log/key')
        .set(...bearer(cast.courierA))
        .expect(200)
    ).body.vkey;
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function registerAndCollect(title: string): Promise<string> {
    const registered = await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.officer))
      .send(aFile({ title }))
      .expect(201);
    await t
      .http()
      .post(`/api/items/${registered.body.itemId}/events`)
      .set(...bearer(cast.courierA))
      .send({ type: 'collected', acknowledgement: SIGNED })
      .expect(201);
    return registered.body.itemId as string;
  }

  const bundleOf = async (itemId: string, query: Record<string, number> = {}): Promise<AuditBundle> => {
    const response = await t
      .http()
      .get(`/api/audit/items/${itemId}/bundle`)
      .query(query)
      .set(...bearer(cast.auditor))
      .expect(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="jejak-item-.+\.audit\.json"$/,
    );
    return response.body as AuditBundle;
  };

  const saved = (name: string, content: unknown): string => {
    const file = join(work, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  const noDataDir = (): Record<string, string> => ({ JEJAK_DATA_DIR: join(work, 'no-such-dir') });

  it('gives the key and checkpoint to any token, proofs and bundles to auditors and admins only', async () => {
    const itemId = await registerAndCollect('Arsip hak akses log');
    const key = await t
      .http()
      .get('/api/log/key')
      .set(...bearer(cast.courierA))
      .expect(200);
    expect(key.body).toEqual({ vkey, origin: 'jejak.bekasikab.go.id/log' });
    expect(vkey).toMatch(/^jejak\.bekasikab\.go\.id\/log\+[0-9a-f]{8}\+/);
    const checkpoint = await t
      .http()
      .get('/api/log/checkpoint')
      .set(...bearer(cast.officer))
      .expect(200);
    expect(checkpoint.headers['content-type']).toMatch(/^text\/plain/);
    expect(() => openNote(checkpoint.text, [parseVkey(vkey)])).not.toThrow();
    await t
      .http()
      .get('/api/log/proofs/inclusion?index=0&size=1')
      .set(...bearer(cast.officer))
      .expect(403);
    await t
      .http()
      .get(`/api/audit/items/${itemId}/bundle`)
      .set(...bearer(cast.depot))
      .expect(403);
    await t.http().get('/api/log/checkpoint').expect(401);
    await t
      .http()
      .get('/api/audit/items/TIDAK-ADA/bundle')
      .set(...bearer(cast.auditor))
      .expect(404);
    await t
      .http()
      .get('/api/log/proofs/inclusion?index=0&size=999999')
      .set(...bearer(cast.auditor))
      .expect(400);
  });

  it('verifies a downloaded bundle offline (exit 0) and names what failed on each tampered copy (exit 1)', async () => {
    await registerAndCollect('Arsip lain sebelum');
    const itemId = await registerAndCollect('Laporan keuangan yang diaudit');
    const bundle = await bundleOf(itemId);
    expect(bundle.events).toHaveLength(2);
    const good = saved('good.json', bundle);

    const ok = await jejak(['verify-bundle', good, '--key', vkey], noDataDir());
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ok: stream head: revision 1');
    expect(ok.stdout).toContain(`verified: item-${itemId}, 2 events`);

    const selfTrusted = await jejak(['verify-bundle', good], noDataDir());
    expect(selfTrusted.code).toBe(0);
    expect(selfTrusted.stderr).toContain('not independently trusted');

    const data = Buffer.from(bundle.events[0].data, 'base64');
    data[data.indexOf('Laporan')] = 'l'.charCodeAt(0);
    const editedEvent = {
      ...bundle,
      events: [{ ...bundle.events[0], data: data.toString('base64') }, bundle.events[1]],
    };
    const edited = await jejak(
      ['verify-bundle', saved('edited.json', editedEvent), '--key', vkey],
      noDataDir(),
    );
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(
      `FAILED: event index ${bundle.events[0].index} (revision 0): inclusion proof`,
    );

    const proof = Buffer.from(bundle.events[1].proof[0], 'base64');
    proof[0] ^= 0x01;
    const editedProof = {
      ...bundle,
      events: [
        bundle.events[0],
        { ...bundle.events[1], proof: [proof.toString('base64'), ...bundle.events[1].proof.slice(1)] },
      ],
    };
    const brokenProof = await jejak(
      ['verify-bundle', saved('proof.json', editedProof), '--key', vkey],
      noDataDir(),
    );
    expect(brokenProof.code).toBe(1);
    expect(brokenProof.stdout).toContain(
      `FAILED: event index ${bundle.events[1].index} (revision 1): inclusion proof`,
    );

    const cut = await jejak(
      ['verify-bundle', saved('cut.json', { ...bundle, events: bundle.events.slice(0, 1) }), '--key', vkey],
      noDataDir(),
    );
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain('FAILED: stream-head proof');
    expect(cut.stdout).toContain('events left out');

    const otherKey = await jejak(
      ['verify-bundle', good, '--key', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
      noDataDir(),
    );
    expect(otherKey.code).toBe(1);
    expect(otherKey.stdout).toContain('FAILED: checkpoint: signature: note has no verifiable signatures');
  });

  it('gives a transfer its bundle too, which verifies', async () => {
    const itemId = (
      await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .send(aFile({ title: 'Arsip serah' }))
        .expect(201)
    ).body.itemId as string;
    const created = await t
      .http()
      .post('/api/transfers')
      .set(...bearer(cast.officer))
      .send({
        baNumber: 'BA-901/ARS/2026',
        fromId: 'kec-cikarang-utara',
        toId: 'depo-arsip-bekasi',
        itemIds: [itemId],
      })
      .expect(201);
    const transferId = created.body.transferId as string;
    await t
      .http()
      .post(`/api/transfers/${transferId}/events`)
      .set(...bearer(cast.courierA))
      .send({ type: 'collected', acknowledgement: SIGNED })
      .expect(201);
    const response = await t
      .http()
      .get(`/api/audit/transfers/${transferId}/bundle`)
      .set(...bearer(cast.admin))
      .expect(200);
    expect(response.headers['content-disposition']).toContain('jejak-transfer-');
    const bundle = response.body as AuditBundle;
    expect(bundle.stream).toBe(`transfer-${transferId}`);
    const report = verifyAuditBundle(bundle, { trustedVkey: vkey });
    expect(report.failure).toBeUndefined();
    expect(bundle.events.length).toBeGreaterThanOrEqual(2);
  });

  it('checks one checkpoint note with `jejak checkpoint verify`, refusing it with a byte changed', async () => {
    const note = (
      await t
        .http()
        .get('/api/log/checkpoint')
        .set(...bearer(cast.auditor))
        .expect(200)
    ).text;
    const ok = await jejak(['checkpoint', 'verify', '--key', vkey, saved('cp.txt', note)], noDataDir());
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('tree size');
    const changed = note.replace(/\n(\d+)\n/, (_m, size: string) => `\n${Number(size) + 1}\n`);
    const bad = await jejak(
      ['checkpoint', 'verify', '--key', vkey, saved('cp-bad.txt', changed)],
      noDataDir(),
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAILED: invalid signature');
  });

  it('proves the tree only grew between two checkpoints, and not against a forged tree', async () => {
    const itemId = await registerAndCollect('Arsip konsistensi');
    const first = await bundleOf(itemId);
    const earlier = parseCheckpoint(noteText(first.checkpoint));
    const later = await bundleOf(await registerAndCollect('Arsip sesudahnya'));
    const newer = parseCheckpoint(noteText(later.checkpoint));
    expect(newer.size).toBeGreaterThan(earlier.size);

    const withProof = await bundleOf(itemId, { from: earlier.size });
    expect(parseCheckpoint(noteText(withProof.checkpoint)).size).toBe(newer.size);
    const previousFile = saved('previous.txt', first.checkpoint);
    const grown = await jejak(
      ['verify-bundle', saved('grown.json', withProof), '--key', vkey, '--previous', previousFile],
      noDataDir(),
    );
    expect(grown.code).toBe(0);
    expect(grown.stdout).toContain(
      `ok: consistency: the tree of size ${newer.size} extends the one of size ${earlier.size}`,
    );

    const proof = await t
      .http()
      .get(`/api/log/proofs/consistency?from=${earlier.size}&to=${newer.size}`)
      .set(...bearer(cast.auditor))
      .expect(200);
    const hashes = (proof.body.proof as string[]).map((h) => Buffer.from(h, 'base64'));
    expect(() => verifyConsistency(earlier.size, newer.size, earlier.root, newer.root, hashes)).not.toThrow();

    // The operator rewrote history: a tree of the earlier size with other leaves, signed with the real key.
    const forgedTree = new MemoryTree(
      Array.from({ length: earlier.size }, (_, i) => leafHash(Buffer.from(`forged ${i}`))),
    );
    expect(() =>
      verifyConsistency(earlier.size, newer.size, forgedTree.root(), newer.root, hashes),
    ).toThrow();
    const signer = parseSkey(readFileSync(join(t.dataDir, 'log-signing.key'), 'utf8').trim());
    const forged = signNote(formatCheckpoint({ ...earlier, root: forgedTree.root() }), signer);
    const refused = await jejak(
      [
        'verify-bundle',
        saved('grown2.json', withProof),
        '--key',
        vkey,
        '--previous',
        saved('forged.txt', forged),
      ],
      noDataDir(),
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`FAILED: consistency proof from size ${earlier.size}`);
  });

  it("`jejak verify` rebuilds the tree and catches an event removed behind the service's back", async () => {
    const victim = await registerAndCollect('Arsip yang akan dihapus diam-diam');
    await bundleOf(victim); // a checkpoint now covers its last event
    const copy = join(work, 'copy');
    mkdirSync(copy);
    const live = new Database(join(t.dataDir, 'events.sqlite'), { readonly: true });
    live.exec(`VACUUM INTO '${join(copy, 'events.sqlite')}'`);
    live.close();
    copyFileSync(join(t.dataDir, 'log-signing.key'), join(copy, 'log-signing.key'));

    const intact = await jejak(['verify'], { JEJAK_DATA_DIR: copy });
    expect(intact.stdout).toContain('the checkpoint of size');
    expect(intact.code).toBe(0);

    // Its last event: every hash chain still holds, only the tree can tell.
    const db = new Database(join(copy, 'events.sqlite'));
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(`item-${victim}`);
    db.close();
    const caught = await jejak(['verify'], { JEJAK_DATA_DIR: copy });
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('BROKEN verifiable log: checkpoint of size');
    expect(caught.stdout).toMatch(/the log holds only \d+ events: events were removed|another root/);
    expect(caught.stdout).not.toMatch(/BROKEN item-/);
  });
});

describe('the verifiable log at start-up of the built service', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('builds the tree once over an older store, signs it, and logs the vkey but never the key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jejak-vlog-start-'));
    dirs.push(dataDir);
    const older = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite'), verifiableLog: false });
    for (let i = 0; i < 30; i++) {
      await older.append(`legacy-OLD-${i % 4}`, [{ eventId: `old-${i}`, type: 'noted', data: { i } }], 'any');
    }
    await older.close();

    const env = { JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN_TOKEN, JEJAK_LOG_LEVEL: 'info' };
    const first = await spawnService(env);
    const checkpoint = await fetch(`${first.baseUrl}/api/log/checkpoint`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(checkpoint.status).toBe(200);
    expect(parseCheckpoint(noteText(await checkpoint.text())).size).toBe(30);
    first.child.kill('SIGTERM');
    await first.exited;
    const keyFile = join(dataDir, 'log-signing.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const skey = readFileSync(keyFile, 'utf8').trim();
    const vkey = parseSkey(skey).vkey;
    expect(first.output()).toContain('building the verifiable log over existing events: 30 of 30');
    expect(first.output()).toContain(`log key (vkey): ${vkey}`);
    expect(first.output()).not.toContain(skey.split('+').pop());

    const second = await spawnService(env);
    second.child.kill('SIGTERM');
    await second.exited;
    expect(second.output()).not.toContain('building the verifiable log');
    expect(second.output()).toContain(`log key (vkey): ${vkey}`);
  });
});
