'use strict';
/**
 * Event store benchmark: the SQLite adapter against raw better-sqlite3 doing the same work with the
 * same pragmas (WAL, synchronous=FULL). Needs the compiled adapter: `npm run build` first.
 *
 *   node bench/event-store.bench.js
 *   BENCH_EVENTS=20000 BENCH_STREAMS=5000 BENCH_DURABLE_APPENDS=640 BENCH_RUNS=1 node bench/event-store.bench.js
 *
 * Rates are medians of the runs; the ratio is the median of the per-run ratios.
 * Targets: bulk append >= 0.8x raw, durable concurrent appends >= 3x one-fsync-per-append, replay >= 0.8x raw.
 */
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { SqliteEventStore } = require('../dist/libs/event-store/src/sqlite/sqlite-event-store.js');

const config = {
  events: Number(process.env.BENCH_EVENTS ?? 200_000),
  streams: Number(process.env.BENCH_STREAMS ?? 50_000),
  batch: Number(process.env.BENCH_BATCH ?? 100),
  writers: Number(process.env.BENCH_WRITERS ?? 32),
  durableAppends: Number(process.env.BENCH_DURABLE_APPENDS ?? 3_200),
  runs: Number(process.env.BENCH_RUNS ?? 3),
  payloadBytes: Number(process.env.BENCH_PAYLOAD_BYTES ?? 500),
};

const SCHEMA = `CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
  event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision))`;

const INSERT = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

/** Raw connection with the adapter's pragmas, so only the adapter's own work differs. */
function openRaw(filename) {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('temp_store = MEMORY');
  db.exec(SCHEMA);
  return db;
}

const padding = 'x'.repeat(Math.max(0, config.payloadBytes - 180));

/** The i-th event: streams are filled round-robin, so a 100-event batch touches 100 streams. */
function eventAt(i, prefix) {
  const stream = i % config.streams;
  return {
    streamId: `${prefix}item-${stream}`,
    revision: Math.floor(i / config.streams),
    event: {
      eventId: `${prefix}e-${i}`,
      type: 'CustodyTransferred',
      data: {
        itemId: `item-${stream}`,
        from: 'unit-archives',
        to: 'unit-secretariat',
        reason: 'loan',
        note: padding,
      },
      metadata: { actor: 'bench', correlationId: `c-${i}` },
    },
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Adapter and raw inserts take turns, batch by batch, each on its own file: the machine is shared,
 * and alternating makes both sides pay the same for whatever else is running.
 */
async function bulkInterleaved(dir) {
  const store = new SqliteEventStore({ filename: join(dir, 'adapter.sqlite') });
  const db = openRaw(join(dir, 'raw.sqlite'));
  const insert = db.prepare(INSERT);
  const writeRawBatch = db.transaction((first, last) => {
    const recordedAt = new Date().toISOString();
    for (let i = first; i < last; i++) {
      const { streamId, revision, event } = eventAt(i, '');
      const data = JSON.stringify(event.data);
      insert.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        data,
        JSON.stringify(event.metadata),
        recordedAt,
      );
    }
  });
  let adapterSeconds = 0;
  let rawSeconds = 0;
  for (let first = 0; first < config.events; first += config.batch) {
    const last = Math.min(first + config.batch, config.events);
    let start = process.hrtime.bigint();
    writeRawBatch(first, last);
    rawSeconds += seconds(start);
    start = process.hrtime.bigint();
    const appends = [];
    for (let i = first; i < last; i++) {
      const { streamId, revision, event } = eventAt(i, '');
      appends.push({
        streamId,
        events: [event],
        expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
      });
    }
    await store.appendMany(appends);
    adapterSeconds += seconds(start);
  }
  db.close();
  return { adapterRate: config.events / adapterSeconds, rawRate: config.events / rawSeconds, store };
}

async function durableThroughAdapter(dir) {
  const store = new SqliteEventStore({ filename: join(dir, 'durable-adapter.sqlite') });
  const perWriter = Math.ceil(config.durableAppends / config.writers);
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: config.writers }, async (_, w) => {
      for (let r = 0; r < perWriter; r++) {
        const event = { eventId: `d-${w}-${r}`, type: 'ItemMoved', data: { to: 'shelf', note: padding } };
        await store.append(`writer-${w}`, [event], r === 0 ? 'no_stream' : r - 1);
      }
    }),
  );
  const elapsed = seconds(start);
  const stats = store.stats();
  await store.close();
  return { rate: (perWriter * config.writers) / elapsed, meanBatch: stats.appends / stats.commits };
}

function durableRaw(dir) {
  const db = openRaw(join(dir, 'durable-raw.sqlite'));
  const insert = db.prepare(INSERT);
  const perWriter = Math.ceil(config.durableAppends / config.writers);
  const start = process.hrtime.bigint();
  // One autocommit transaction (one WAL fsync) per append, the writers taking turns.
  for (let r = 0; r < perWriter; r++) {
    for (let w = 0; w < config.writers; w++) {
      const data = JSON.stringify({ to: 'shelf', note: padding });
      insert.run(`writer-${w}`, r, `d-${w}-${r}`, 'ItemMoved', data, '{}', new Date().toISOString());
    }
  }
  const elapsed = seconds(start);
  db.close();
  return { rate: (perWriter * config.writers) / elapsed };
}

async function replayThroughAdapter(store) {
  const start = process.hrtime.bigint();
  let count = 0;
  for await (const event of store.readAll()) if (event.data) count += 1;
  return { rate: count / seconds(start), count };
}

function replayRaw(db) {
  const start = process.hrtime.bigint();
  let count = 0;
  const select = db.prepare('SELECT * FROM events ORDER BY position');
  for (const row of select.iterate()) {
    const event = {
      eventId: row.event_id,
      type: row.type,
      streamId: row.stream_id,
      revision: row.revision,
      position: String(row.position),
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata),
      recordedAt: row.recorded_at,
    };
    if (event.data) count += 1;
  }
  return { rate: count / seconds(start), count };
}

async function runOnce() {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-'));
  try {
    const bulk = await bulkInterleaved(dir);
    const adapter = { store: bulk.store };
    // Both replays read the same file, so only the reading code differs.
    const reader = new Database(join(dir, 'adapter.sqlite'), { readonly: true });
    reader.pragma('cache_size = -65536');
    reader.pragma('mmap_size = 268435456');
    // Two alternating passes each (the first also warms the page cache for both), best pass kept.
    const rawPasses = [];
    const adapterPasses = [];
    for (let pass = 0; pass < 2; pass++) {
      rawPasses.push(replayRaw(reader));
      adapterPasses.push(await replayThroughAdapter(adapter.store));
    }
    const best = (passes) => passes.reduce((a, b) => (b.rate > a.rate ? b : a));
    const replayRawResult = best(rawPasses);
    const replayAdapter = best(adapterPasses);
    if (replayAdapter.count !== config.events || replayRawResult.count !== config.events) {
      throw new Error(
        `replay count mismatch: ${replayAdapter.count} / ${replayRawResult.count} of ${config.events}`,
      );
    }
    reader.close();
    await adapter.store.close();
    const durableRawResult = durableRaw(dir);
    const durableAdapter = await durableThroughAdapter(dir);
    return {
      bulkAdapter: bulk.adapterRate,
      bulkRaw: bulk.rawRate,
      durableAdapter: durableAdapter.rate,
      durableRaw: durableRawResult.rate,
      durableMeanBatch: durableAdapter.meanBatch,
      replayAdapter: replayAdapter.rate,
      replayRaw: replayRawResult.rate,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run() {
  const runs = [];
  for (let i = 0; i < config.runs; i++) runs.push(await runOnce());
  const m = (key) => median(runs.map((r) => r[key]));
  const row = (name, key, target) => {
    const ratio = median(runs.map((r) => r[`${key}Adapter`] / r[`${key}Raw`]));
    return {
      name,
      adapterPerSec: Math.round(m(`${key}Adapter`)),
      rawPerSec: Math.round(m(`${key}Raw`)),
      ratio: Number(ratio.toFixed(2)),
      target,
      met: ratio >= target,
    };
  };
  return {
    config,
    node: process.version,
    measuredAt: new Date().toISOString(),
    results: [
      row(`bulk append (${config.batch}-event appendMany)`, 'bulk', 0.8),
      row(`durable appends, ${config.writers} writers (group commit)`, 'durable', 3),
      row('replay (readAll vs SELECT + JSON.parse)', 'replay', 0.8),
    ],
    durableMeanBatch: Number(m('durableMeanBatch').toFixed(1)),
    runs,
  };
}

module.exports = { run, config };

if (require.main === module) {
  run()
    .then((report) => {
      console.table(report.results);
      console.log(`group commit: ${report.durableMeanBatch} appends per commit on average (median of runs)`);
      const outDir = join(__dirname, 'results');
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, 'event-store.json'), `${JSON.stringify(report, null, 2)}\n`);
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
