'use strict';
/**
 * The service's own CPU per request, without the network or a load generator: builds take turns,
 * each in a fresh process on a fresh store, answering `GET /api/items/:id` through Fastify's
 * `inject` (the whole Nest and Fastify request path, no socket), 32 in flight; or, with `writes`,
 * registering new items `POST /api/items` (group commit and fsync included). What the machine's
 * other work does to the figures is much smaller than with autocannon on a shared machine, so it
 * judges a change to the per-request work (the socket's writev, ~20 % of a real read, is left out).
 *
 *   node bench/profile/inject-cpu.js <distA> <distB> [rounds=5] [requests=20000] [reads|writes]
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { median } = require('../support/stats');

const ADMIN = 'bench-admin-token-0123456789abcdef';

const registration = (id) => ({
  id,
  kind: 'file',
  title: `Laporan ${id}`,
  classificationCode: '000.2.3',
  securityClass: 'biasa',
  originUnitId: 'kec-cikarang-utara',
  year: 2019,
});

/** Run in the child: boot the build, seed 300 items, measure `requests` reads. */
async function child(dist, requests, scenario) {
  process.env.JEJAK_ADMIN_TOKEN = ADMIN;
  process.env.JEJAK_LOG_LEVEL = 'warn';
  process.env.JEJAK_RATE_LIMIT_PER_MINUTE = '1000000';
  const { loadConfig } = require(join(dist, 'libs/config/src'));
  const { createApp } = require(join(dist, 'apps/custody-api/src/create-app'));
  const { app } = await createApp(loadConfig());
  const fastify = app.getHttpAdapter().getInstance();
  const call = async (method, url, token, payload) => {
    const response = await fastify.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      payload: payload && JSON.stringify(payload),
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const { token } = await call('POST', '/api/tokens', ADMIN, {
    name: 'Bench officer',
    role: 'officer',
    unitId: 'kec-cikarang-utara',
  });
  let position = '0';
  for (let i = 0; i < 300; i++) {
    const answer = await call('POST', '/api/items', token, registration(`p-${i}`));
    position = answer.position;
  }
  await call('GET', `/api/items/p-0?minPosition=${position}`, token);
  let written = 0;
  const one =
    scenario === 'writes'
      ? () => call('POST', '/api/items', token, { ...registration(`w-${written++}`) })
      : () => call('GET', `/api/items/p-${Math.floor(Math.random() * 300)}`, token);
  const load = async (count) => {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        await one();
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
  };
  await load(scenario === 'writes' ? 500 : 3000);
  const before = process.cpuUsage();
  await load(requests);
  const used = process.cpuUsage(before);
  await app.close();
  return ((used.user + used.system) / requests).toFixed(1);
}

function main() {
  const [distA, distB, rounds = '5', requests = '20000', scenario = 'reads'] = process.argv.slice(2);
  const figures = { A: [], B: [] };
  for (let r = 0; r < Number(rounds); r++) {
    for (const [name, dist] of [
      ['A', distA],
      ['B', distB],
    ]) {
      const dataDir = mkdtempSync(join(tmpdir(), 'jejak-inject-'));
      try {
        const out = execFileSync(
          process.execPath,
          [process.argv[1], '--child', resolve(dist), requests, scenario],
          {
            env: { ...process.env, JEJAK_DATA_DIR: dataDir },
            encoding: 'utf8',
          },
        );
        const us = Number(out.trim().split('\n').pop());
        figures[name].push(us);
        console.log(`${name} round ${r + 1}: ${us} µs CPU per ${scenario === 'writes' ? 'write' : 'read'}`);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  for (const name of ['A', 'B'])
    console.log(
      `${name} (${name === 'A' ? distA : distB}) ${scenario}: median ${median(figures[name])} µs CPU per request`,
    );
}

if (process.argv[2] === '--child') {
  child(process.argv[3], Number(process.argv[4]), process.argv[5]).then(
    (us) => {
      console.log(us);
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main();
}
