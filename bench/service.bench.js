'use strict';
/**
 * The service against the floor, in the same run on the same machine: registrations, custody
 * events, where-is reads and 20-event histories over HTTP with 32 connections, projection lag
 * under the write load, and a durability check (SIGKILL, then every 2xx must be in the store).
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { load, sendAll } = require('./support/load');
const { scrapeHistogram, quantileBetween } = require('./support/metrics');
const { ADMIN_TOKEN, FLOOR_TOKEN, spawnFloor, spawnService } = require('./support/processes');
const { summarise } = require('./support/stats');

const UNIT = 'kec-cikarang-utara';
const HISTORY_LENGTH = 20;

const json = (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

const registration = (id) => ({
  id,
  kind: 'file',
  title: `Laporan realisasi anggaran ${id}`,
  classificationCode: '000.2.3',
  securityClass: 'biasa',
  originUnitId: UNIT,
  year: 2019,
});

async function createOfficerToken(baseUrl) {
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: json(ADMIN_TOKEN),
    body: JSON.stringify({ name: 'Bench officer', role: 'officer', unitId: UNIT }),
  });
  if (!response.ok) throw new Error(`POST /api/tokens: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

/** Registers `count` items `<prefix>-<i>` through the API; answers their `registered` event ids. */
async function registerItems(baseUrl, token, prefix, count) {
  const answers = await sendAll(count, 32, (i) => ({
    url: `${baseUrl}/api/items`,
    init: { method: 'POST', headers: json(token), body: JSON.stringify(registration(`${prefix}-${i}`)) },
  }));
  return answers.map((a) => a.eventId);
}

/** `count` items of HISTORY_LENGTH events each: registered, then corrections. */
async function createHistories(baseUrl, token, prefix, count) {
  const firstEvents = await registerItems(baseUrl, token, prefix, count);
  await Promise.all(
    firstEvents.map(async (eventId, i) => {
      for (let n = 1; n < HISTORY_LENGTH; n++) {
        const response = await fetch(`${baseUrl}/api/items/${prefix}-${i}/events`, {
          method: 'POST',
          headers: json(token),
          body: JSON.stringify({ type: 'corrected', correctsEventId: eventId, reason: `correction ${n}` }),
        });
        if (!response.ok)
          throw new Error(`history ${prefix}-${i}: ${response.status} ${await response.text()}`);
      }
    }),
  );
}

const pick = (count) => Math.floor(Math.random() * count);

/** A POST whose body carries a fresh id each time (autocannon reuses request objects). */
function uniqueRegistrations(path, token, prefix) {
  let n = 0;
  return {
    method: 'POST',
    path,
    headers: json(token),
    setupRequest: (request) => ({ ...request, body: JSON.stringify(registration(`${prefix}-${n++}`)) }),
  };
}

/** Custody events (corrections) on random items `<prefix>-<i>`, whose `registered` ids are given. */
function custodyEventRequests(token, prefix, registeredEventIds) {
  return {
    method: 'POST',
    headers: json(token),
    setupRequest: (request) => {
      const i = pick(registeredEventIds.length);
      return {
        ...request,
        path: `/api/items/${prefix}-${i}/events`,
        body: JSON.stringify({
          type: 'corrected',
          correctsEventId: registeredEventIds[i],
          reason: 'bench correction',
        }),
      };
    },
  };
}

/**
 * Waits until the projector has applied everything written so far: one more registration, then a
 * read with its position as minPosition. A read load must not pay for the previous write load.
 */
async function waitForProjection(baseUrl, token, id) {
  const response = await fetch(`${baseUrl}/api/items`, {
    method: 'POST',
    headers: json(token),
    body: JSON.stringify(registration(id)),
  });
  if (!response.ok) throw new Error(`POST /api/items: ${response.status}`);
  const { position } = await response.json();
  for (let attempt = 0; attempt < 60; attempt++) {
    const read = await fetch(`${baseUrl}/api/items/${id}?minPosition=${position}`, { headers: json(token) });
    if (read.ok) return;
  }
  throw new Error(`the projection did not reach ${position}`);
}

function countStoredEvents(dataDir) {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) AS n FROM events').get().n;
  } finally {
    db.close();
  }
}

async function runOnce(run, options) {
  const { connections, durationSeconds, warmupSeconds, preItems, historyItems } = options;
  const serviceDir = mkdtempSync(join(tmpdir(), 'jejak-bench-service-'));
  const floorDir = mkdtempSync(join(tmpdir(), 'jejak-bench-floor-'));
  const floor = await spawnFloor(floorDir);
  const service = await spawnService(serviceDir, { env: options.serviceEnv, nodeArgs: options.nodeArgs });
  const measure = (target, request) =>
    load({ url: target.baseUrl, pid: target.pid, connections, durationSeconds, warmupSeconds, request });
  try {
    const officer = await createOfficerToken(service.baseUrl);
    const tag = `r${run}`;
    const preEventIds = await registerItems(service.baseUrl, officer, `pre-${tag}`, preItems);
    await createHistories(service.baseUrl, officer, `hist-${tag}`, historyItems);
    await sendAll(preItems, 32, (i) => ({
      url: `${floor.baseUrl}/items`,
      init: {
        method: 'POST',
        headers: json(FLOOR_TOKEN),
        body: JSON.stringify(registration(`pre-${tag}-${i}`)),
      },
    }));
    // The two sync registrations (waitForProjection) are acknowledged writes too.
    const setupWrites = preItems + historyItems * HISTORY_LENGTH + 2;

    const floorWrites = await measure(floor, uniqueRegistrations('/items', FLOOR_TOKEN, `fw-${tag}`));

    const lagBefore = await scrapeHistogram(service.baseUrl, ADMIN_TOKEN, 'jejak_projection_lag_seconds');
    const registrations = await measure(service, uniqueRegistrations('/api/items', officer, `reg-${tag}`));
    await waitForProjection(service.baseUrl, officer, `sync-${tag}-1`);
    const custodyEvents = await measure(service, custodyEventRequests(officer, `pre-${tag}`, preEventIds));
    await waitForProjection(service.baseUrl, officer, `sync-${tag}-2`);
    const lagAfter = await scrapeHistogram(service.baseUrl, ADMIN_TOKEN, 'jejak_projection_lag_seconds');
    const projectionLagP99 = quantileBetween(lagBefore, lagAfter, 0.99);

    const floorReads = await measure(floor, {
      method: 'GET',
      headers: { authorization: `Bearer ${FLOOR_TOKEN}` },
      setupRequest: (request) => ({ ...request, path: `/items/pre-${tag}-${pick(preItems)}` }),
    });
    const whereIs = await measure(service, {
      method: 'GET',
      headers: { authorization: `Bearer ${officer}` },
      setupRequest: (request) => ({ ...request, path: `/api/items/pre-${tag}-${pick(preItems)}` }),
    });
    const history = await measure(service, {
      method: 'GET',
      headers: { authorization: `Bearer ${officer}` },
      setupRequest: (request) => ({
        ...request,
        path: `/api/items/hist-${tag}-${pick(historyItems)}/history`,
      }),
    });

    // Durability: a crash right after the load must lose no acknowledged write.
    await service.stop('SIGKILL');
    const acknowledged = setupWrites + registrations.ok + custodyEvents.ok;
    const stored = countStoredEvents(serviceDir);
    return {
      floorWrites,
      floorReads,
      registrations,
      custodyEvents,
      whereIs,
      history,
      projectionLagP99,
      durability: { acknowledged, stored, allDurable: stored >= acknowledged },
    };
  } finally {
    await service.stop('SIGKILL');
    await floor.stop('SIGKILL');
    rmSync(serviceDir, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
  }
}

const TARGETS = {
  writesVsFloor: 2,
  writeP99Ms: 50,
  whereIsVsFloor: 0.5,
  whereIsP99Ms: 10,
  historyP99Ms: 15,
  projectionLagP99Ms: 100,
};

function summariseRuns(runs) {
  const of = (f, digits) => summarise(runs.map(f), digits);
  const lagMs = runs.map((r) => (r.projectionLagP99 ? r.projectionLagP99.upperBoundSeconds * 1000 : NaN));
  const scenario = (key, floorKey) => ({
    perSecond: of((r) => r[key].perSecond, 0),
    p99Ms: of((r) => r[key].latencyMs.p99, 1),
    serverCpuMsPerRequest: of((r) => r[key].serverCpuMsPerRequest, 3),
    ...(floorKey ? { vsFloor: of((r) => r[key].perSecond / r[floorKey].perSecond) } : {}),
    non2xx: runs.reduce((sum, r) => sum + r[key].non2xx + r[key].errors + r[key].timeouts, 0),
  });
  const figures = {
    floorWrites: scenario('floorWrites'),
    floorReads: scenario('floorReads'),
    registrations: scenario('registrations', 'floorWrites'),
    custodyEvents: scenario('custodyEvents', 'floorWrites'),
    whereIs: scenario('whereIs', 'floorReads'),
    history: scenario('history'),
    projectionLagP99Ms: { ...summarise(lagMs, 0), note: 'upper bound of the Prometheus bucket' },
    allDurable: runs.every((r) => r.durability.allDurable),
  };
  const m = (s) => s.median;
  const checks = [
    check(
      'registrations >= 2x floor writes/s',
      m(figures.registrations.vsFloor),
      '>=',
      TARGETS.writesVsFloor,
      'x',
    ),
    check('registrations p99 < 50 ms', m(figures.registrations.p99Ms), '<', TARGETS.writeP99Ms, 'ms'),
    check(
      'custody events >= 2x floor writes/s',
      m(figures.custodyEvents.vsFloor),
      '>=',
      TARGETS.writesVsFloor,
      'x',
    ),
    check('custody events p99 < 50 ms', m(figures.custodyEvents.p99Ms), '<', TARGETS.writeP99Ms, 'ms'),
    {
      target: 'every 2xx write durable (SIGKILL after the load)',
      value: figures.allDurable,
      met: figures.allDurable,
    },
    check('where-is >= 0.5x floor reads/s', m(figures.whereIs.vsFloor), '>=', TARGETS.whereIsVsFloor, 'x'),
    check('where-is p99 < 10 ms', m(figures.whereIs.p99Ms), '<', TARGETS.whereIsP99Ms, 'ms'),
    check('history (20 events) p99 < 15 ms', m(figures.history.p99Ms), '<', TARGETS.historyP99Ms, 'ms'),
    check(
      'projection lag p99 < 100 ms under write load',
      m(figures.projectionLagP99Ms),
      '<=',
      TARGETS.projectionLagP99Ms,
      'ms',
    ),
  ];
  return { figures, checks };
}

function check(target, value, op, bound, unit) {
  const met = value !== null && (op === '>=' ? value >= bound : op === '<' ? value < bound : value <= bound);
  return { target, value, unit, met };
}

async function run(options) {
  const runs = [];
  for (let i = 0; i < options.runs; i++) {
    options.log?.(`service: run ${i + 1}/${options.runs}`);
    runs.push(await runOnce(i, options));
  }
  return { options: { ...options, log: undefined }, ...summariseRuns(runs), runs };
}

module.exports = {
  run,
  registration,
  registerItems,
  createOfficerToken,
  custodyEventRequests,
  uniqueRegistrations,
  json,
  TARGETS,
};
