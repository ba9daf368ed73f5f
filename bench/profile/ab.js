'use strict';
/**
 * Before/after on one load: two builds of the service take turns (A B A B …), each on a fresh
 * store, so both see the same machine; prints the medians of rate, p99 and server CPU per request.
 *
 *   node bench/profile/ab.js <distA> <distB> <writes|events|reads|history> [rounds=3] [seconds=5]
 *
 * BENCH_AB_NODE_ARGS_A / _B: node flags for the service of A / B (e.g. one build, two V8 settings).
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

async function main() {
  const [distA, distB, scenario, rounds = '3', seconds = '5'] = process.argv.slice(2);
  const results = { A: [], B: [] };
  for (let r = 0; r < Number(rounds); r++) {
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
  for (const name of ['A', 'B']) {
    const rs = results[name];
    console.log(
      `${name} (${name === 'A' ? distA : distB}) ${scenario}: median ${Math.round(median(rs.map((r) => r.perSecond)))}/s, ` +
        `p99 ${median(rs.map((r) => r.latencyMs.p99))} ms, CPU ${median(rs.map((r) => r.serverCpuMsPerRequest)).toFixed(3)} ms/request`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
