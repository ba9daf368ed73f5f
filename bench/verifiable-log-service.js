'use strict';
/**
 * Durable writes/s through the service with the tree on vs off: what an office sees. The same
 * build runs twice, each on a new embedded store (synchronous=FULL); the "off" one is preloaded
 * with support/tree-off.js. Custody events (POST /api/items/:id/events, 32 connections) in short
 * rounds, the two services taking turns (on, off, off, on, …), as the store-level rounds do: the
 * ratio is the median of the per-pair ratios; the services' own CPU per answered write beside it.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { load } = require('./support/load');
const { ADMIN_TOKEN, spawnService } = require('./support/processes');
const { median } = require('./support/stats');
const { createOfficerToken, custodyEventRequests, registerItems } = require('./service.bench');

const TREE_OFF = ['-r', join(__dirname, 'support', 'tree-off.js')];
const ITEMS = 500;
const CONNECTIONS = 32;

/** A started service on a new store with ITEMS registered items, and its load of custody events. */
async function startSide(name, nodeArgs) {
  const dir = mkdtempSync(join(tmpdir(), `jejak-vlog-service-${name}-`));
  const service = await spawnService(dir, { nodeArgs });
  const keyStatus = (
    await fetch(`${service.baseUrl}/api/log/key`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  ).status;
  const officer = await createOfficerToken(service.baseUrl);
  const registered = await registerItems(service.baseUrl, officer, name, ITEMS);
  return {
    keyStatus,
    round: (durationSeconds) =>
      load({
        url: service.baseUrl,
        pid: service.pid,
        connections: CONNECTIONS,
        durationSeconds,
        request: custodyEventRequests(officer, name, registered),
      }),
    close: async () => {
      await service.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function serviceWrites({ pairs, roundSeconds }, log) {
  const on = await startSide('on', []);
  const off = await startSide('off', TREE_OFF);
  try {
    // Guards the comparison itself: the preload took, and only on its side.
    if (on.keyStatus !== 200 || off.keyStatus !== 404)
      throw new Error(`/api/log/key answered ${on.keyStatus} (tree on) and ${off.keyStatus} (tree off)`);
    await on.round(2);
    await off.round(2);
    const rates = { on: [], off: [], ratio: [], cpuOn: [], cpuOff: [], cpuTree: [], failed: 0 };
    for (let pair = 0; pair < pairs; pair++) {
      const [first, second] = pair % 2 === 0 ? [on, off] : [off, on];
      const a = await first.round(roundSeconds);
      const b = await second.round(roundSeconds);
      const [onRound, offRound] = first === on ? [a, b] : [b, a];
      rates.on.push(onRound.perSecond);
      rates.off.push(offRound.perSecond);
      rates.ratio.push(onRound.perSecond / offRound.perSecond);
      // ms per answered request → µs
      rates.cpuOn.push(onRound.serverCpuMsPerRequest * 1000);
      rates.cpuOff.push(offRound.serverCpuMsPerRequest * 1000);
      rates.cpuTree.push((onRound.serverCpuMsPerRequest - offRound.serverCpuMsPerRequest) * 1000);
      rates.failed += [a, b].reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
    }
    log?.(
      `verifiable-log: service writes, median of ${pairs} pairs: tree on ${Math.round(median(rates.on))}/s, ` +
        `off ${Math.round(median(rates.off))}/s, ratio ${median(rates.ratio).toFixed(2)}`,
    );
    return rates;
  } finally {
    await on.close();
    await off.close();
  }
}

module.exports = { serviceWrites };
