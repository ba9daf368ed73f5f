'use strict';
/**
 * Runs the built service under `node --cpu-prof` with one load (writes, events, reads or history)
 * and prints the top functions by self and inclusive time.
 *
 *   BENCH_DIST=bench/.cache/dist node bench/profile/profile-service.js reads [seconds=10]
 */
const { mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { load } = require('../support/load');
const { spawnService } = require('../support/processes');
const { seedScenarios } = require('./scenarios');
const { summarise } = require('./summarise-cpuprofile');

async function main() {
  const [scenario = 'reads', seconds = '10'] = process.argv.slice(2);
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-profile-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'jejak-cpuprofile-'));
  const service = await spawnService(dataDir, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  try {
    const requests = await seedScenarios(service.baseUrl, 500);
    const result = await load({
      url: service.baseUrl,
      pid: service.pid,
      connections: 32,
      durationSeconds: Number(seconds),
      request: requests[scenario],
    });
    console.log(
      `${scenario}: ${Math.round(result.perSecond)}/s, p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx}, ` +
        `server CPU ${result.serverCpuMsPerRequest?.toFixed(3)} ms/request`,
    );
  } finally {
    await service.stop('SIGTERM');
  }
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  const { self, inclusive, totalMs } = summarise(
    JSON.parse(require('node:fs').readFileSync(join(profileDir, file), 'utf8')),
    30,
    {
      lastMs: Number(seconds) * 1000 + 500,
      skipEndMs: 500,
    },
  );
  console.log(`\nself time (of ${totalMs} ms sampled)`);
  for (const r of self) console.log(`${String(r.pct).padStart(5)}%  ${r.name}`);
  console.log('\ninclusive time');
  for (const r of inclusive) console.log(`${String(r.pct).padStart(5)}%  ${r.name}`);
  console.log(`\nprofile: ${join(profileDir, file)}`);
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
