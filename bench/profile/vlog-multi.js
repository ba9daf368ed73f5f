'use strict';
/**
 * CPU per durable write of several store set-ups in one process, taking turns round by round
 * (the machine is shared: a busy spell then costs every set-up alike). Each spec is
 * `label=<dist>:on|off`; events are sealed and handed over by that build's own domain and pipeline.
 * SYNC=NORMAL skips the fsync (CPU figures with less disk noise).
 *
 *   node bench/profile/vlog-multi.js <rounds> <appends per round> base-on=dist:on base-off=dist:off …
 */
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const [rounds, appends, ...specs] = process.argv.slice(2);
const setups = specs.map((spec) => {
  const [label, rest] = spec.split('=');
  const [dist, mode] = rest.split(':');
  const root = resolve(dist);
  const custody = require(join(root, 'libs/custody/src/index.js'));
  const { SqliteEventStore } = require(join(root, 'libs/event-store/src/sqlite/sqlite-event-store.js'));
  const { toStreamAppend } = require(join(root, 'libs/event-store/src/command/command-pipeline.js'));
  return { label, mode, dist: root, custody, SqliteEventStore, toStreamAppend, cpu: [], rate: [] };
});

/** One sealed event appended as the service appends it (chainEvents, then toStreamAppend). */
function eventsToAppend(setup, stream) {
  const [sealed] = setup.custody.chainEvents(
    [null],
    { prevRevision: -1, prevHash: setup.custody.GENESIS_HASH },
    (_, _i, link) => ({
      eventId: `${stream}-0`,
      itemId: stream.slice('item-'.length),
      revision: link.revision,
      type: 'corrected',
      data: { note: 'x'.repeat(300) },
      occurredAt: '2026-12-01T00:00:00.000Z',
      recordedAt: '2026-12-01T00:00:00.000Z',
      actor: { principalId: 'bench', role: 'officer', unitId: 'kec-cikarang-utara' },
      commandId: null,
      correlationId: null,
      note: null,
      prevHash: link.prevHash,
    }),
  );
  return setup.toStreamAppend(stream, [sealed], {}, 'no_stream').events;
}

async function round(setup, prefix, count, writers = 32) {
  const perWriter = Math.ceil(count / writers);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        const stream = `item-${prefix}-${w}-${i}`;
        await setup.store.append(stream, eventsToAppend(setup, stream), 'no_stream');
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  const n = perWriter * writers;
  return { rate: n / (Number(process.hrtime.bigint() - start) / 1e9), cpu: (used.user + used.system) / n };
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-vlog-multi-'));
  setups.forEach((s, i) => {
    s.store = new s.SqliteEventStore({
      filename: join(dir, `${i}.sqlite`),
      verifiableLog: s.mode === 'on',
      synchronous: process.env.SYNC ?? 'FULL',
    });
  });
  for (const s of setups) await round(s, `warm`, 1600);
  for (let r = 0; r < Number(rounds); r++) {
    // Rotate the order each round so no set-up always follows the same one.
    const order = setups.map((_, i) => setups[(i + r) % setups.length]);
    for (const s of order) {
      const result = await round(s, `r${r}`, Number(appends));
      s.cpu.push(result.cpu);
      s.rate.push(result.rate);
    }
  }
  for (const s of setups) {
    console.log(
      `${s.label.padEnd(14)} cpu µs/write median ${median(s.cpu).toFixed(1)} (${Math.min(...s.cpu).toFixed(1)}–${Math.max(...s.cpu).toFixed(1)})  rate ${Math.round(median(s.rate))}/s  appends/commit ${(s.store.stats().appends / s.store.stats().commits).toFixed(1)}`,
    );
  }
  // The tree's own cost, round by round: each build's on minus its off of the same round.
  for (const on of setups.filter((s) => s.mode === 'on')) {
    const off =
      setups.find((s) => s.mode === 'off' && s.dist === on.dist) ?? setups.find((s) => s.mode === 'off');
    if (!off) continue;
    const diffs = on.cpu.map((cpu, r) => cpu - off.cpu[r]);
    const ratios = on.rate.map((rate, r) => rate / off.rate[r]);
    console.log(
      `${on.label.padEnd(14)} on − off per round: median ${median(diffs).toFixed(1)} µs; rate on ÷ off median ${median(ratios).toFixed(3)}; CPU off ÷ on ${(median(off.cpu) / median(on.cpu)).toFixed(3)}`,
    );
  }
  for (const s of setups) await s.store.close();
  rmSync(dir, { recursive: true, force: true });
})();
