'use strict';
/**
 * Before/after on one load: two builds of the service take turns (A B A B …), each on a fresh
 * store, so both see the same machine; prints the medians of rate, p99 and server CPU per request.
 *
 *   node bench/profile/ab.js <distA> <distB> <writes|events|reads|history> [rounds=3] [seconds=5]
 *
 * BENCH_AB_NODE_ARGS_A / _B: node flags for the service of A / B (e.g. one build, two V8 settings).
 * BENCH_AB_FLOOR=1: each round also measures the floor (bench/floor-server.js) on the same load
 * (writes or reads), and each build's rate is also given as a ratio to that round's floor.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { load } = require('../support/load');
const { median } = require('../support/stats');

async function once(dist, scenario, seconds, nodeArgs) {
  process.env.BENCH_DIST = resolve(dist);
  // processes.js reads BENCH_DIST when loaded: load it afresh for each build.
  for (const key of Object.keys(require.cache))
    if (
      key.includes(join('bench', 'support')) ||
      key.endsWith('service.bench.js') ||
      key.endsWith('scenarios.js')
    )
      delete require.cache[key];
  const { spawnService } = require('../support/processes');
  const { seedScenarios } = require('./scenarios');
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-ab-'));
  const service = await spawnService(dataDir, { nodeArgs });
  try {
    const requests = await seedScenarios(service.baseUrl, 300);
    return await load({
      url: service.baseUrl,
      pid: service.pid,
      connections: 32,
      durationSeconds: seconds,
      warmupSeconds: 1,
      request: requests[scenario],
    });
  } finally {
    await service.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor on the matching load: registrations for writes and events, primary-key reads for reads. */
async function floorOnce(scenario, seconds) {
  const { spawnFloor, FLOOR_TOKEN } = require('../support/processes');
  const { json, registration, uniqueRegistrations } = require('../service.bench');
  const { sendAll } = require('../support/load');
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-ab-floor-'));
  const floor = await spawnFloor(dataDir);
  try {
    await sendAll(300, 32, (i) => ({
      url: `${floor.baseUrl}/items`,
      init: { method: 'POST', headers: json(FLOOR_TOKEN), body: JSON.stringify(registration(`p-${i}`)) },
    }));
    const reading = scenario === 'reads' || scenario === 'history';
    const request = reading
      ? {
          method: 'GET',
          headers: { authorization: `Bearer ${FLOOR_TOKEN}` },
          setupRequest: (r) => ({ ...r, path: `/items/p-${Math.floor(Math.random() * 300)}` }),
        }
      : uniqueRegistrations('/items', FLOOR_TOKEN, 'fw');
    return await load({
      url: floor.baseUrl,
      pid: floor.pid,
      connections: 32,
      durationSeconds: seconds,
      warmupSeconds: 1,
      request,
    });
  } finally {
    await floor.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const [distA, distB, scenario, rounds = '3', seconds = '5'] = process.argv.slice(2);
  const results = { A: [], B: [] };
  const floors = [];
  const withFloor = process.env.BENCH_AB_FLOOR === '1';
  for (let r = 0; r < Number(rounds); r++) {
    if (withFloor) {
      const floor = await floorOnce(scenario, Number(seconds));
      floors.push(floor);
      console.log(`floor round ${r + 1}: ${Math.round(floor.perSecond)}/s p99 ${floor.latencyMs.p99} ms`);
    }
    for (const [name, dist] of [
      ['A', distA],
      ['B', distB],
    ]) {
      const nodeArgs = (process.env[`BENCH_AB_NODE_ARGS_${name}`] ?? '').split(/\s+/).filter(Boolean);
      const result = await once(dist, scenario, Number(seconds), nodeArgs);
      results[name].push(result);
      console.log(
        `${name} round ${r + 1}: ${Math.round(result.perSecond)}/s p99 ${result.latencyMs.p99} ms cpu ${result.serverCpuMsPerRequest?.toFixed(3)} ms/req non-2xx ${result.non2xx}`,
      );
    }
  }
  if (withFloor) console.log(`floor: median ${Math.round(median(floors.map((f) => f.perSecond)))}/s`);
  for (const name of ['A', 'B']) {
    const rs = results[name];
    console.log(
      `${name} (${name === 'A' ? distA : distB}) ${scenario}: median ${Math.round(median(rs.map((r) => r.perSecond)))}/s, ` +
        `p99 ${median(rs.map((r) => r.latencyMs.p99))} ms, CPU ${median(rs.map((r) => r.serverCpuMsPerRequest)).toFixed(3)} ms/request` +
        (withFloor
          ? `, ${median(rs.map((r, i) => r.perSecond / floors[i].perSecond)).toFixed(2)}× floor (per-round ratios)`
          : ''),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
