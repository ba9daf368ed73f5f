'use strict';
/**
 * `node bench/chaos.js` (after `npm run build`): the attack run of issue #18, short and bounded
 * (about a minute on 2 cores). Writes bench/results/chaos.json and prints a summary.
 *
 *   oversized   three 1 MB bodies of 121,837 keys in parallel: answer times, and /health/live
 *               polled every 20 ms meanwhile (its slowest answer)
 *   kill9       CHAOS_KILLS rounds (default 5): 16 clients register and record under load, SIGKILL,
 *               restart; acknowledged writes missing after the restart, and time to ready
 *   twoServices two services on one data directory writing at once: lost, position gaps, duplicates
 *   idempotent  20 concurrent POSTs with one Idempotency-Key: events recorded, distinct answers
 *   slowBodies  100 connections sending a body at 1 byte per second (50 without a token), with
 *               JEJAK_REQUEST_TIMEOUT_MS=3000: how many were cut, and when
 */
const { mkdtempSync, rmSync, writeFileSync, mkdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const net = require('node:net');
const { ADMIN_TOKEN, DIST, spawnService } = require('./support/processes');
/** A 1×1 PNG: the holder's drawn signature that releases each collected file. */
const SIGNATURE_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const KILLS = Number(process.env.CHAOS_KILLS ?? 5);
const json = { 'Content-Type': 'application/json' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stderr.write(`chaos: ${line}\n`);

async function token(baseUrl, body) {
  const r = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { ...json, Authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
  return (await r.json()).token;
}

const item = (id) => ({
  id,
  kind: 'file',
  title: `Berkas uji ${id}`,
  classificationCode: '000.1',
  securityClass: 'biasa',
  originUnitId: 'kec-setu',
});

async function post(baseUrl, path, bearer, body, headers = {}) {
  try {
    const r = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { ...json, ...headers, Authorization: `Bearer ${bearer}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: r.status, body: await r.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

function eventsInLog(dataDir) {
  const Database = require('better-sqlite3');

  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT position, event_id FROM events ORDER BY position').all();
  } finally {
    db.close();
  }
}

async function oversized(dataDir) {
  const service = await spawnService(dataDir);
  try {
    const officer = await token(service.baseUrl, { name: 'o', role: 'officer', unitId: 'kec-setu' });
    const keys = Array.from({ length: 121_837 }, (_, i) => `"${i.toString(36)}":0`).join(',');
    const body = `{"kind":"file",${keys}}`;
    let polling = true;
    let liveMax = 0;
    let livePolls = 0;
    const poller = (async () => {
      while (polling) {
        const t0 = performance.now();
        await fetch(`${service.baseUrl}/health/live`);
        liveMax = Math.max(liveMax, performance.now() - t0);
        livePolls++;
        await sleep(20);
      }
    })();
    await sleep(100);
    const answers = await Promise.all(
      [1, 2, 3].map(async () => {
        const t0 = performance.now();
        const r = await post(service.baseUrl, '/api/items', officer, body);
        return { status: r.status, ms: Math.round(performance.now() - t0), bytes: r.body.length };
      }),
    );
    await sleep(100);
    polling = false;
    await poller;
    return { bodyBytes: body.length, answers, liveSlowestMs: Math.round(liveMax), livePolls };
  } finally {
    await service.stop();
  }
}

async function kill9(dataDir) {
  const rounds = [];
  const acknowledged = new Set();
  for (let round = 0; round < KILLS; round++) {
    const started = performance.now();
    const service = await spawnService(dataDir);
    const readyMs = Math.round(performance.now() - started);
    const officer = await token(service.baseUrl, { name: 'o', role: 'officer', unitId: 'kec-setu' });
    const courier = await token(service.baseUrl, { name: 'c', role: 'courier', principalId: `K-${round}` });
    let stop = false;
    let acks = 0;
    const client = async (n) => {
      for (let i = 0; !stop; i++) {
        const id = `K${round}-${n}-${i}`;
        const r = await post(service.baseUrl, '/api/items', officer, item(id));
        if (r.status !== 201) continue;
        acknowledged.add(JSON.parse(r.body).eventId);
        acks++;
        const e = await post(service.baseUrl, `/api/items/${id}/events`, courier, {
          type: 'collected',
          acknowledgement: { method: 'signature', name: 'Petugas', signature: SIGNATURE_PNG },
        });
        if (e.status === 201) {
          acknowledged.add(JSON.parse(e.body).eventId);
          acks++;
        }
      }
    };
    const clients = Array.from({ length: 16 }, (_, n) => client(n));
    await sleep(1000 + Math.random() * 1000);
    await service.stop('SIGKILL');
    stop = true;
    await Promise.all(clients);
    rounds.push({ readyMs, acknowledged: acks });
  }
  const restarted = await spawnService(dataDir);
  await restarted.stop();
  const inLog = new Set(eventsInLog(dataDir).map((row) => row.event_id));
  const lost = [...acknowledged].filter((id) => !inLog.has(id)).length;
  const readies = rounds.map((r) => r.readyMs).slice(1);
  return {
    kills: KILLS,
    acknowledged: acknowledged.size,
    lost,
    readyMs: { min: Math.min(...readies), max: Math.max(...readies) },
  };
}

async function twoServices(dataDir) {
  const first = await spawnService(dataDir);
  const second = await spawnService(dataDir);
  try {
    const officer = await token(first.baseUrl, { name: 'o', role: 'officer', unitId: 'kec-setu' });
    const acknowledged = [];
    const client = async (service, n) => {
      for (let i = 0; i < 60; i++) {
        const r = await post(service.baseUrl, '/api/items', officer, item(`TWO-${n}-${i}`));
        if (r.status === 201) acknowledged.push(JSON.parse(r.body).eventId);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, n) => client(n % 2 === 0 ? first : second, n)));
    await first.stop();
    await second.stop();
    const rows = eventsInLog(dataDir);
    const ids = rows.map((r) => r.event_id);
    const inLog = new Set(ids);
    let gaps = 0;
    for (let i = 1; i < rows.length; i++) if (rows[i].position !== rows[i - 1].position + 1) gaps++;
    return {
      acknowledged: acknowledged.length,
      lost: acknowledged.filter((id) => !inLog.has(id)).length,
      gaps,
      duplicates: ids.length - inLog.size,
    };
  } finally {
    await first.stop();
    await second.stop();
  }
}

async function idempotent(dataDir) {
  const service = await spawnService(dataDir);
  try {
    const officer = await token(service.baseUrl, { name: 'o', role: 'officer', unitId: 'kec-setu' });
    const before = eventsInLog(dataDir).length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(service.baseUrl, '/api/items', officer, item('IDEM-1'), { 'Idempotency-Key': 'chaos-key-1' }),
      ),
    );
    await service.stop();
    return {
      requests: answers.length,
      statuses: [...new Set(answers.map((a) => a.status))],
      distinctAnswers: new Set(answers.filter((a) => a.status === 201).map((a) => a.body)).size,
      eventsRecorded: eventsInLog(dataDir).length - before,
    };
  } finally {
    await service.stop();
  }
}

async function slowBodies(dataDir) {
  const timeoutMs = 3000;
  const service = await spawnService(dataDir, { env: { JEJAK_REQUEST_TIMEOUT_MS: String(timeoutMs) } });
  try {
    const officer = await token(service.baseUrl, { name: 'o', role: 'officer', unitId: 'kec-setu' });
    const { port } = new URL(service.baseUrl);
    const started = performance.now();
    const one = (withToken) =>
      new Promise((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1');
        let answer = '';
        const auth = withToken ? `Authorization: Bearer ${officer}\r\n` : '';
        socket.on('connect', () =>
          socket.write(
            `POST /api/items HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
          ),
        );
        const drip = setInterval(() => socket.writable && socket.write(' '), 1000);
        socket.on('data', (d) => (answer += d));
        const done = () => {
          clearInterval(drip);
          resolve({
            ms: performance.now() - started,
            status: Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0),
          });
        };
        socket.once('close', done);
        socket.once('error', () => undefined);
        setTimeout(() => socket.destroy(), 30_000).unref();
      });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => one(i % 2 === 0)));
    const times = results.map((r) => r.ms);
    return {
      connections: results.length,
      timeoutMs,
      cutWith408: results.filter((r) => r.status === 408).length,
      closedAfterMs: { min: Math.round(Math.min(...times)), max: Math.round(Math.max(...times)) },
    };
  } finally {
    await service.stop();
  }
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'jejak-chaos-'));
  const result = { measuredAt: new Date().toISOString(), dist: DIST };
  try {
    for (const [name, scenario] of Object.entries({
      oversized,
      slowBodies,
      kill9,
      twoServices,
      idempotent,
    })) {
      log(`${name}…`);
      const dir = join(root, name);
      mkdirSync(dir);
      result[name] = await scenario(dir);
      log(`${name}: ${JSON.stringify(result[name])}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const out = join(__dirname, 'results', 'chaos.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`written ${out}`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
