'use strict';
/**
 * Read-model benchmark (issue #5), on the embedded stores, without HTTP (the rebuild by the CLI):
 *   (a) rebuild: events/s of `jejak projections rebuild` over a generated log of N items × 5 events
 *       (decided and sealed by the compiled domain: bench/generate-store.js's writeEvents);
 *   (b) where-is (getItem, uniform over every item) and search (listItems with q and filters)
 *       latency percentiles on the rebuilt read model;
 *   (c) projection lag while appending through the store at a sustained rate: the time from an
 *       append's commit (its promise resolving) to waitForPosition(position) resolving, with the
 *       live Projector on the same large read model.
 *
 *   node bench/read-models.bench.js                    (needs a build in BENCH_DIST, default dist/)
 *   BENCH_QUICK=1 node bench/read-models.bench.js      (20k items, short loads)
 *   BENCH_RM_ITEMS=100000 BENCH_RUNS=1 BENCH_DIST=/tmp/rm-build node bench/read-models.bench.js
 *
 * Knobs: BENCH_RM_ITEMS (1M; quick 20k), BENCH_RUNS (rebuild runs, 3; quick 1), BENCH_RM_QUERIES (reads per
 * kind, 2000; quick 500), BENCH_RM_LAG_RATE (appends/s, 500), BENCH_RM_LAG_SECONDS (10; quick 3).
 * The event log of a cached bench/.cache/stores/<N>-items-<fingerprint> store is reused read-only
 * when there is one; otherwise one is generated under bench/.cache/read-models/ (kept for re-runs).
 * The rebuilt read model lives in bench/.cache/read-models/<N>-items/ and is replaced each run.
 * Targets: rebuild >= 50k events/s; where-is p99 < 5 ms; search p99 < 50 ms; lag p99 < 100 ms.
 */
const { createHash, randomUUID } = require('node:crypto');
const { spawn } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const Database = require('better-sqlite3');

const ROOT = join(__dirname, '..');
const DIST = process.env.BENCH_DIST ? resolve(ROOT, process.env.BENCH_DIST) : join(__dirname, '..', 'dist');
// generate-store.js reads the same variable through support/processes: both use this build.
process.env.BENCH_DIST = DIST;
const { GENERATOR_VERSION, itemIdOf, writeEvents } = require('./generate-store');
const { summarise } = require('./support/stats');

const domain = require(join(DIST, 'libs/custody/src/index.js'));
const { SqliteEventStore } = require(join(DIST, 'libs/event-store/src/sqlite/sqlite-event-store.js'));
const { Projector, SqliteReadModels } = require(join(DIST, 'libs/read-models/src/index.js'));
const { openDirectoryDatabase, LocationRepository } = require(join(DIST, 'libs/directory/src/index.js'));

const TARGETS = { rebuildEventsPerSecond: 50_000, whereIsP99Ms: 5, searchP99Ms: 50, lagP99Ms: 100 };
const STORES = join(__dirname, '.cache', 'stores');
const OWN = join(__dirname, '.cache', 'read-models');
const UNITS = ['kec-cikarang-utara', 'kec-cikarang-selatan', 'kec-tambun-selatan', 'kec-babelan', 'setda'];

const truthy = (value) => ['1', 'true', 'yes'].includes(String(value ?? '').toLowerCase());

function configFrom(options) {
  const quick = options.quick ?? truthy(process.env.BENCH_QUICK);
  const number = (name, full, short) => Number(process.env[name] ?? (quick ? short : full));
  return {
    quick,
    items: Number(process.env.BENCH_RM_ITEMS ?? (quick ? 20_000 : 1_000_000)),
    runs: Number(process.env.BENCH_RUNS ?? options.runs ?? (quick ? 1 : 3)),
    queries: number('BENCH_RM_QUERIES', 2000, 500),
    lagRate: number('BENCH_RM_LAG_RATE', 500, 500),
    lagSeconds: number('BENCH_RM_LAG_SECONDS', 10, 3),
  };
}

/** Same key as scale.bench.js's cache, so its generated events are found and reused. */
function eventsFingerprint() {
  const hash = createHash('sha256');
  hash.update(`generator ${GENERATOR_VERSION}`);
  const schema = join(DIST, 'libs/event-store/src/sqlite/sqlite-schema.js');
  hash.update(existsSync(schema) ? readFileSync(schema) : schema);
  return hash.digest('hex').slice(0, 12);
}

/** The events.sqlite of N generated items: a cached one if any, else generated once into our cache. */
async function eventLog(items, log) {
  const key = `${items}-items-${eventsFingerprint()}`;
  for (const dir of [join(STORES, key), join(OWN, `events-${key}`)]) {
    if (existsSync(join(dir, 'generated.json'))) {
      log(`read-models: reusing the events of ${dir}`);
      return join(dir, 'events.sqlite');
    }
  }
  const dir = join(OWN, `events-${key}`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(OWN, { recursive: true });
  log(`read-models: generating ${items} items (${items * 5} events) into ${dir}`);
  await writeEvents(partial, items, { log });
  renameSync(partial, dir);
  return join(dir, 'events.sqlite');
}

function percentile(sortedValues, p) {
  if (sortedValues.length === 0) return NaN;
  return sortedValues[Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(p * sortedValues.length) - 1))];
}

function latencySummary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (v) => Number(v.toFixed(3));
  return {
    count: s.length,
    p50Ms: r(percentile(s, 0.5)),
    p99Ms: r(percentile(s, 0.99)),
    maxMs: r(s[s.length - 1]),
  };
}

const removeDb = (file) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
};

/**
 * (a) One rebuild of the whole log by the built `jejak projections rebuild`, as an operator runs
 * it (its own process, with the V8 flags the command gives itself), into the read model at
 * `readModelsFile`. The data dir is the read model's folder, its events.sqlite a link to the log.
 */
async function measureRebuild(eventsFile, readModelsFile, log) {
  const dataDir = dirname(readModelsFile);
  const link = join(dataDir, 'events.sqlite');
  rmSync(link, { force: true });
  symlinkSync(eventsFile, link);
  const started = process.hrtime.bigint();
  const output = await new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(DIST, 'apps/cli/src/main.js'), 'projections', 'rebuild'], {
      env: { ...process.env, JEJAK_DATA_DIR: dataDir, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let lastLog = Date.now();
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => {
      if (Date.now() - lastLog < 10_000) return;
      lastLog = Date.now();
      const line = String(chunk)
        .split(/[\r\n]/)
        .filter(Boolean)
        .pop();
      if (line) log(`read-models: ${line.trim()}`);
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolvePromise(out)
        : reject(new Error(`jejak projections rebuild exited ${code}: ${out}`)),
    );
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const match = /from (\d+) events/.exec(output);
  if (!match) throw new Error(`unexpected output of jejak projections rebuild: ${output}`);
  const applied = Number(match[1]);
  const eventsPerSecond = applied / seconds;
  log(`read-models: rebuilt ${applied} events in ${seconds.toFixed(1)} s: ${Math.round(eventsPerSecond)}/s`);
  return { applied, seconds, eventsPerSecond };
}

/** The searches asked, by kind; `i` is a random item number. Titles are "Laporan kegiatan <unit> nomor <i>". */
const SEARCHES = {
  'one word, rare (an item number)': (i) => ({ q: String(i) }),
  'one word, common': () => ({ q: 'cikarang' }),
  'two words': (i) => ({ q: `kegiatan ${UNITS[i % UNITS.length].split('-').pop()}` }),
  'prefix word': () => ({ q: 'cikar*' }),
  'word + year': (i) => ({ q: 'laporan', year: 2000 + (i % 25) }),
  'word + origin unit + kind': (i) => ({
    q: 'kegiatan',
    originUnitId: UNITS[i % UNITS.length],
    kind: 'letter',
  }),
  'word + classification prefix': (i) => ({ q: 'laporan', classificationCode: `000.${i % 9}` }),
  'word + status + year': (i) => ({ q: 'nomor', status: 'arrived', year: 2000 + (i % 25) }),
  'rare word + filter': (i) => ({ q: String(i), originUnitId: UNITS[i % UNITS.length] }),
};

/** (b) where-is and search latencies on the rebuilt read model, read through its public API. */
async function measureQueries(readModelsFile, items, queries) {
  const store = new SqliteReadModels({ filename: readModelsFile });
  const random = () => Math.floor(Math.random() * items);
  const time = async (fn) => {
    const started = process.hrtime.bigint();
    const result = await fn();
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
  };
  try {
    // Warm-up: the first statements compile and fill the page cache a little, as a live service would.
    for (let n = 0; n < 50; n++) await store.getItem(itemIdOf(random()));
    const whereIs = [];
    for (let n = 0; n < queries; n++) {
      const { ms, result } = await time(() => store.getItem(itemIdOf(random())));
      if (result === null) throw new Error('a generated item is missing from the read model');
      whereIs.push(ms);
    }
    const kinds = Object.entries(SEARCHES);
    const perKind = Object.fromEntries(kinds.map(([name]) => [name, []]));
    const all = [];
    const perKindCount = Math.max(20, Math.ceil(queries / kinds.length));
    for (let n = 0; n < perKindCount; n++) {
      for (const [name, query] of kinds) {
        const { ms } = await time(() => store.listItems(query(random())));
        perKind[name].push(ms);
        all.push(ms);
      }
    }
    return {
      whereIs: latencySummary(whereIs),
      search: latencySummary(all),
      searchByKind: Object.fromEntries(Object.entries(perKind).map(([k, v]) => [k, latencySummary(v)])),
    };
  } finally {
    await store.close();
  }
}

/**
 * (c) Lag: a fresh event log that continues the generated one's positions (its AUTOINCREMENT
 * sequence starts at the rebuilt checkpoint), new items registered and moved at `rate` appends/s,
 * each append on its own (group-committed, synchronous=FULL as in the service), the live projector
 * applying them to the large read model.
 */
async function measureLag(readModelsFile, workDir, { lagRate, lagSeconds }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const readModels = new SqliteReadModels({ filename: readModelsFile });
  const checkpoint = (await readModels.checkpoint('custody')) ?? '0';
  const eventsFile = join(workDir, 'events.sqlite');
  const raw = new Database(eventsFile);
  raw.exec(`CREATE TABLE events (
      position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  raw.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)`).run(Number(checkpoint));
  raw.close();
  const events = new SqliteEventStore({ filename: eventsFile });
  const lags = [];
  let projector;
  try {
    const appends = lagAppends(workDir, Math.ceil(lagRate * lagSeconds));
    projector = new Projector(events, readModels);
    await projector.start();
    const pending = [];
    const tick = 10;
    const perTick = lagRate / (1000 / tick);
    const started = Date.now();
    let sent = 0;
    while (sent < appends.length) {
      const due = Math.min(appends.length, Math.floor(((Date.now() - started) / tick + 1) * perTick));
      for (; sent < due; sent++) {
        const a = appends[sent];
        pending.push(
          a.ready
            .then(() => events.append(a.streamId, a.events, a.expectedRevision))
            .then(async (result) => {
              const committed = process.hrtime.bigint();
              if (!(await projector.waitForPosition(result.position, 10_000)))
                throw new Error(`position ${result.position} not projected in 10 s`);
              lags.push(Number(process.hrtime.bigint() - committed) / 1e6);
            }),
        );
        a.resolve();
      }
      await new Promise((r) => setTimeout(r, tick));
    }
    await Promise.all(pending);
    const seconds = (Date.now() - started) / 1000;
    return { ...latencySummary(lags), appendsPerSecond: Math.round(appends.length / seconds) };
  } finally {
    await projector?.stop();
    await events.close();
    await readModels.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * `count` single-event appends, decided and sealed by the domain: new items registered, then
 * collected, sorted, dispatched and arrived, interleaved. An item's next append waits for the
 * previous one (its expected revision), like a user's next command.
 */
function lagAppends(workDir, count) {
  const db = openDirectoryDatabase(workDir);
  const lookup = new Map(new LocationRepository(db).list().map((l) => [l.id, l]));
  db.close();
  const locations = (id) => lookup.get(id);
  const courier = { id: 'bench-courier', role: 'courier', unitId: null };
  const steps = [
    {
      type: 'collected',
      data: { acknowledgement: { method: 'signature', name: 'Petugas', signatureHash: 'a'.repeat(64) } },
    },
    { type: 'sorted', data: { locationId: 'pemilahan-cikarang-pusat', destinationId: 'depo-arsip-bekasi' } },
    { type: 'dispatched', data: {} },
    { type: 'arrived', data: { locationId: 'depo-arsip-bekasi' } },
  ];
  const items = Math.ceil(count / 5);
  const lives = [];
  for (let i = 0; i < items; i++) {
    const unit = UNITS[i % UNITS.length];
    const itemId = `LAG-${String(i).padStart(8, '0')}`;
    const officer = { id: `bench-officer-${unit}`, role: 'officer', unitId: unit };
    const commands = [
      {
        by: officer,
        command: {
          type: 'registered',
          itemId,
          data: {
            kind: 'file',
            title: `Laporan susulan ${unit} nomor ${i}`,
            classificationCode: '000.1',
            securityClass: 'biasa',
            originUnitId: unit,
            year: 2026,
          },
        },
      },
      ...steps.map((step) => ({ by: courier, command: { ...step, itemId } })),
    ];
    let state = null;
    const life = [];
    for (const { by, command } of commands) {
      const now = new Date().toISOString();
      const decision = domain.decide(command, state, { actor: by, now, occurredAt: now, locations });
      if (!decision.ok) throw new Error(`lag load: ${command.type} refused: ${decision.refusal.message}`);
      const sealed = domain.sealEvents(decision.events, {
        itemId,
        eventIds: decision.events.map(() => randomUUID()),
        prevRevision: state ? state.revision : -1,
        prevHash: state ? state.headHash : domain.GENESIS_HASH,
        occurredAt: now,
        recordedAt: now,
        actor: by,
        commandId: null,
        correlationId: null,
        note: null,
      });
      life.push({
        streamId: domain.itemStreamId(itemId),
        events: sealed.map((event) => ({ eventId: event.eventId, type: event.type, data: { ...event } })),
        expectedRevision: state ? state.revision : 'no_stream',
      });
      for (const event of sealed) state = domain.evolve(state, event);
    }
    lives.push(life);
  }
  // Interleave: round r sends step r of every item, so an item's steps are far apart in time.
  const appends = [];
  const committed = new Map();
  for (let step = 0; step < 5; step++) {
    for (const life of lives) {
      const a = life[step];
      let release;
      const gate = new Promise((r) => (release = r));
      const previous = committed.get(a.streamId) ?? Promise.resolve();
      const entry = { ...a, resolve: release, ready: Promise.all([gate, previous]) };
      committed.set(
        a.streamId,
        entry.ready.then(() => new Promise((r) => setImmediate(r))),
      );
      appends.push(entry);
    }
  }
  return appends.slice(0, count);
}

async function run(options = {}) {
  const config = configFrom(options);
  const log = options.log ?? (() => {});
  const eventsFile = await eventLog(config.items, log);
  const dir = join(OWN, `${config.items}-items`);
  mkdirSync(dir, { recursive: true });
  const readModelsFile = join(dir, 'read-models.sqlite');
  const rebuilds = [];
  for (let r = 0; r < config.runs; r++) {
    // From an empty file each run: the live tables are empty, so the swap lands at once.
    removeDb(readModelsFile);
    rebuilds.push(await measureRebuild(eventsFile, readModelsFile, log));
  }
  log('read-models: measuring where-is and search');
  const reads = await measureQueries(readModelsFile, config.items, config.queries);
  log(`read-models: where-is p99 ${reads.whereIs.p99Ms} ms, search p99 ${reads.search.p99Ms} ms`);
  log(`read-models: projection lag under ${config.lagRate} appends/s for ${config.lagSeconds} s`);
  const lag = await measureLag(readModelsFile, join(dir, 'lag'), config);
  log(`read-models: lag p99 ${lag.p99Ms} ms (${lag.appendsPerSecond} appends/s)`);
  const figures = {
    items: config.items,
    events: rebuilds[0].applied,
    rebuildEventsPerSecond: summarise(
      rebuilds.map((r) => r.eventsPerSecond),
      0,
    ),
    rebuildSeconds: summarise(rebuilds.map((r) => r.seconds)),
    whereIs: reads.whereIs,
    search: reads.search,
    searchByKind: reads.searchByKind,
    projectionLag: lag,
  };
  const checks = [
    {
      target: `rebuild >= ${TARGETS.rebuildEventsPerSecond} events/s (${config.items} items)`,
      value: figures.rebuildEventsPerSecond.median,
      unit: 'events/s',
      met: figures.rebuildEventsPerSecond.median >= TARGETS.rebuildEventsPerSecond,
    },
    {
      target: `where-is (getItem) p99 < ${TARGETS.whereIsP99Ms} ms (${config.items} items)`,
      value: figures.whereIs.p99Ms,
      unit: 'ms',
      met: figures.whereIs.p99Ms < TARGETS.whereIsP99Ms,
    },
    {
      target: `search (listItems, q and filters) p99 < ${TARGETS.searchP99Ms} ms (${config.items} items)`,
      value: figures.search.p99Ms,
      unit: 'ms',
      met: figures.search.p99Ms < TARGETS.searchP99Ms,
    },
    {
      target: `projection lag p99 < ${TARGETS.lagP99Ms} ms at ${config.lagRate} appends/s`,
      value: figures.projectionLag.p99Ms,
      unit: 'ms',
      met: figures.projectionLag.p99Ms < TARGETS.lagP99Ms,
    },
  ];
  return { options: { ...config }, figures, checks };
}

if (require.main === module) {
  const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  run({ log })
    .then((result) => {
      const quick = result.options.quick;
      const dir = quick ? join(__dirname, '.cache', 'results-quick') : join(__dirname, 'results');
      mkdirSync(dir, { recursive: true });
      const report = { ...result, measuredAt: new Date().toISOString(), dist: DIST, quick };
      writeFileSync(join(dir, 'read-models.json.tmp'), `${JSON.stringify(report, null, 2)}\n`);
      renameSync(join(dir, 'read-models.json.tmp'), join(dir, 'read-models.json'));
      process.stdout.write(
        `${JSON.stringify(result.figures, null, 2)}\n${result.checks.map((c) => `${c.met ? '✓' : '✗'} ${c.target}: ${c.value} ${c.unit}`).join('\n')}\n`,
      );
      if (!result.checks.every((c) => c.met)) process.exitCode = 1;
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}

module.exports = { run, measureQueries, measureLag, TARGETS };
