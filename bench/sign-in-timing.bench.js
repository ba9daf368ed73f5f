'use strict';
/**
 * `node bench/sign-in-timing.bench.js` (after `npm run build`): how long a refused sign-in takes
 * for a person with a password (wrong password), a person without one, and an id that does not
 * exist, interleaved so that the machine's load falls on all three alike. They should not tell an
 * attacker apart (README "Failed sign-ins"). Not part of `npm run bench`: each try is a
 * deliberately slow scrypt, so the run is about a minute. Knob: SIGN_IN_TRIES (default 8 each).
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ADMIN_TOKEN, spawnService } = require('./support/processes');

const TRIES = Number(process.env.SIGN_IN_TRIES ?? 8);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function post(baseUrl, path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const started = process.hrtime.bigint();
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return { status: response.status, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-bench-sign-in-'));
  // High limits: this measures the answer's time, not the lock-out.
  const service = await spawnService(dataDir, {
    env: { JEJAK_SIGN_IN_SLOW_AFTER: '1000', JEJAK_SIGN_IN_LOCK_AFTER: '1000' },
  });
  try {
    const { baseUrl } = service;
    await post(baseUrl, '/api/people', { id: 'WITH-PASSWORD', name: 'A', role: 'courier' }, ADMIN_TOKEN);
    await post(baseUrl, '/api/people', { id: 'NO-PASSWORD', name: 'B', role: 'courier' }, ADMIN_TOKEN);
    await post(baseUrl, '/api/people/WITH-PASSWORD/password', { password: 'sandi-yang-benar' }, ADMIN_TOKEN);
    const cases = {
      'wrong password': 'WITH-PASSWORD',
      'no password': 'NO-PASSWORD',
      'unknown id': 'NOBODY-0',
    };
    const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    await post(baseUrl, '/api/session', { personId: 'WARM-UP', password: 'x' });
    for (let i = 0; i < TRIES; i++) {
      for (const [name, personId] of Object.entries(cases)) {
        const { status, ms } = await post(baseUrl, '/api/session', { personId, password: `salah-${i}` });
        if (status !== 401) throw new Error(`${name}: ${status}`);
        times[name].push(ms);
      }
    }
    const result = Object.fromEntries(
      Object.entries(times).map(([name, values]) => [
        name,
        {
          medianMs: Math.round(median(values)),
          minMs: Math.round(Math.min(...values)),
          maxMs: Math.round(Math.max(...values)),
        },
      ]),
    );
    process.stdout.write(`${JSON.stringify({ tries: TRIES, ...result }, null, 2)}\n`);
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
