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
const { load, sendAll } = require('../support/load');
const { spawnService } = require('../support/processes');
const { createOfficerToken, json, registration, uniqueRegistrations } = require('../service.bench');
const { summarise } = require('./summarise-cpuprofile');

async function main() {
  const [scenario = 'reads', seconds = '10'] = process.argv.slice(2);
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-profile-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'jejak-cpuprofile-'));
  const service = await spawnService(dataDir, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  try {
    const officer = await createOfficerToken(service.baseUrl);
    const items = 500;
    const eventIds = (
      await sendAll(items, 32, (i) => ({
        url: `${service.baseUrl}/api/items`,
        init: { method: 'POST', headers: json(officer), body: JSON.stringify(registration(`p-${i}`)) },
      }))
    ).map((a) => a.eventId);
    const pick = () => Math.floor(Math.random() * items);
    const requests = {
      writes: uniqueRegistrations('/api/items', officer, 'w'),
      events: {
        method: 'POST',
        headers: json(officer),
        setupRequest: (r) => {
          const i = pick();
          return {
            ...r,
            path: `/api/items/p-${i}/events`,
            body: JSON.stringify({ type: 'corrected', correctsEventId: eventIds[i], reason: 'x' }),
          };
        },
      },
      reads: {
        method: 'GET',
        headers: { authorization: `Bearer ${officer}` },
        setupRequest: (r) => ({ ...r, path: `/api/items/p-${pick()}` }),
      },
      history: {
        method: 'GET',
        headers: { authorization: `Bearer ${officer}` },
        setupRequest: (r) => ({ ...r, path: `/api/items/p-${pick()}/history` }),
      },
    };
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
