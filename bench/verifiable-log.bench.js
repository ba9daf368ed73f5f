'use strict';
/**
 * Verifiable-log benchmark (issue #17), on the compiled build:
 *   (a) durable writes/s with the tree on vs off, twice: the store alone (32 concurrent writers on
 *       two stores, synchronous=FULL, group commit, no HTTP) and the service (the same build started
 *       twice, custody events over HTTP, see verifiable-log-service.js), each side taking turns
 *       round by round on the same machine;
 *   (b) inclusion-proof latency at 1M leaves, from the stored subtree hashes (the tree's tables
 *       are filled through the adapter's own leaf writer, without events, to keep the run short),
 *       from the writer (its upper levels in memory) and from the file opened afresh (a restart);
 *   (c) what a checkpoint costs with as many streams (its tree over every stream head, rebuilt);
 *   (d) offline verification time of a 50-event audit bundle (parse + every check of
 *       `jejak verify-bundle`, in-process: node's own start-up is not counted).
 *
 *   node bench/verifiable-log.bench.js             (needs `npm run build`)
 *   BENCH_QUICK=1 node bench/verifiable-log.bench.js
 *
 * Knobs: BENCH_VLOG_LEAVES (1M; quick 50k), BENCH_VLOG_APPENDS (durable appends per side per round,
 * 1600; quick 400), BENCH_RUNS (3; quick 1: 4 pairs of rounds each), BENCH_VLOG_PROOFS (2000),
 * BENCH_VLOG_SERVICE_PAIRS (12; quick 2) of BENCH_VLOG_SERVICE_SECONDS (3; quick 2) per side.
 * Targets: tree on >= 0.9x tree off (both); inclusion proof p99 < 5 ms; 50-event bundle < 200 ms.
 */
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { createHash } = require('node:crypto');
const Database = require('better-sqlite3');

const DIST = process.env.BENCH_DIST
  ? resolve(__dirname, '..', process.env.BENCH_DIST)
  : join(__dirname, '..', 'dist');
const { SqliteEventStore } = require(join(DIST, 'libs/event-store/src/sqlite/sqlite-event-store.js'));
const { SqliteMerkleLog } = require(join(DIST, 'libs/event-store/src/sqlite/sqlite-merkle-log.js'));
const { configureConnection, createSchema } = require(
  join(DIST, 'libs/event-store/src/sqlite/sqlite-schema.js'),
);
const { signCheckpointIfGrown } = require(join(DIST, 'libs/event-store/src/log/checkpoint-signing.js'));
const vlog = require(join(DIST, 'libs/verifiable-log/src/index.js'));
const custody = require(join(DIST, 'libs/custody/src/index.js'));
const { toStreamAppend } = require(join(DIST, 'libs/event-store/src/command/command-pipeline.js'));
const { AuditBundleService } = require(join(DIST, 'apps/custody-api/src/log/audit-bundle.service.js'));
const { median, summarise } = require('./support/stats');
const { serviceWrites } = require('./verifiable-log-service');

const TARGETS = { writeRatio: 0.9, proofP99Ms: 5, bundleMs: 200 };
const truthy = (value) => ['1', 'true', 'yes'].includes(String(value ?? '').toLowerCase());

function configFrom(options = {}) {
  const quick = options.quick ?? truthy(process.env.BENCH_QUICK);
  const number = (name, full, short) => Number(process.env[name] ?? (quick ? short : full));
  return {
    quick,
    leaves: number('BENCH_VLOG_LEAVES', 1_000_000, 50_000),
    appends: number('BENCH_VLOG_APPENDS', 1600, 400),
    runs: number('BENCH_RUNS', 3, 1),
    proofs: number('BENCH_VLOG_PROOFS', 2000, 500),
    writers: 32,
    servicePairs: number('BENCH_VLOG_SERVICE_PAIRS', 12, 2),
    serviceRoundSeconds: number('BENCH_VLOG_SERVICE_SECONDS', 3, 2),
  };
}

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * A custody-like event of ~560 bytes sealed as the service seals one (the domain's chainEvents),
 * as the service hands it to the store (the pipeline's toStreamAppend: data, metadata and the
 * canonical text the sealing made).
 */
function sealedEvent(stream, revision, prevHash) {
  const [sealed] = custody.chainEvents(
    [null],
    { prevRevision: revision - 1, prevHash },
    (_, _index, link) => ({
      eventId: `${stream}-${revision}`,
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
  return sealed;
}

/** The store's append of one sealed event, as the command pipeline makes it. */
const toAppend = (stream, sealed, expectedRevision) =>
  toStreamAppend(stream, [sealed], {}, expectedRevision).events;

/** `count` durable appends by 32 writers, each on new streams; appends/s and CPU µs per append. */
async function durableRound(store, prefix, count, writers) {
  const perWriter = Math.ceil(count / writers);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        const stream = `item-${prefix}-${w}-${i}`;
        const sealed = sealedEvent(stream, 0, custody.GENESIS_HASH);
        await store.append(stream, toAppend(stream, sealed, 'no_stream'), 'no_stream');
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  const appends = perWriter * writers;
  return { rate: appends / (ms(start) / 1000), cpuUs: (used.user + used.system) / appends };
}

/**
 * Short rounds, the two stores taking turns (on, off, off, on, …): the machine is shared, and a
 * busy spell then costs both sides alike. The ratio is the median of the per-pair ratios.
 */
async function writes(config, dir, log) {
  const on = new SqliteEventStore({ filename: join(dir, 'tree-on.sqlite') });
  const off = new SqliteEventStore({ filename: join(dir, 'tree-off.sqlite'), verifiableLog: false });
  const rates = { on: [], off: [], ratio: [], cpuOn: [], cpuOff: [], cpuTree: [] };
  const pairs = config.runs * 4;
  // 1,600 appends a round (~50 group commits, ~0.1 s on a quiet machine): rounds of 400 (~25 ms)
  // swung 0.4–1.9× pair to pair, one descheduling of a few ms being a large part of a round.
  const perRound = config.appends;
  for (let pair = 0; pair < pairs; pair++) {
    const first = pair % 2 === 0 ? on : off;
    const a = await durableRound(first, `p${pair}a`, perRound, config.writers);
    const b = await durableRound(first === on ? off : on, `p${pair}b`, perRound, config.writers);
    const [onRound, offRound] = first === on ? [a, b] : [b, a];
    rates.on.push(onRound.rate);
    rates.off.push(offRound.rate);
    rates.ratio.push(onRound.rate / offRound.rate);
    rates.cpuOn.push(onRound.cpuUs);
    rates.cpuOff.push(offRound.cpuUs);
    rates.cpuTree.push(onRound.cpuUs - offRound.cpuUs);
  }
  log?.(
    `verifiable-log: durable writes, median of ${pairs} pairs: tree on ${Math.round(median(rates.on))}/s, ` +
      `off ${Math.round(median(rates.off))}/s, ratio ${median(rates.ratio).toFixed(2)}`,
  );
  await on.close();
  await off.close();
  return rates;
}

/** A tree of `leaves` leaves written by the adapter's leaf writer (no events: that is the slow part). */
function bigTree(config, dir, log) {
  const db = new Database(join(dir, 'big.sqlite'));
  configureConnection(db, 'NORMAL'); // the store's own pragmas (page cache size included)
  createSchema(db);
  const tree = new SqliteMerkleLog(db);
  const chunk = 50_000;
  const started = process.hrtime.bigint();
  for (let from = 0; from < config.leaves; from += chunk) {
    const leaves = [];
    for (let i = from; i < Math.min(config.leaves, from + chunk); i++) {
      const leafHash = createHash('sha256')
        .update(Buffer.from([0]))
        .update(String(i))
        .digest();
      leaves.push({
        position: i + 1,
        streamId: `item-${i % 200_000}`,
        revision: Math.floor(i / 200_000),
        leafHash,
      });
    }
    const frontier = db.transaction(() => tree.appendInTransaction(leaves)).immediate();
    tree.committed(frontier);
  }
  log?.(`verifiable-log: ${config.leaves} leaves stored in ${Math.round(ms(started) / 1000)} s`);
  return { db, tree };
}

/**
 * What signing a checkpoint costs when the store has `config.leaves` streams: the tree over every
 * stream head is read and hashed whole each time (log_heads filled directly, already up to date).
 */
function checkpointAtScale(config, db, tree) {
  const insert = db.prepare(
    'INSERT INTO log_heads (stream_id, revision, leaf_index, hash) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < config.leaves; i++) {
      const hash = createHash('sha256').update(`head ${i}`).digest();
      insert.run(`item-ARS-${String(i).padStart(8, '0')}`, 0, i, hash);
    }
    db.prepare('INSERT OR REPLACE INTO log_heads_state (id, size) VALUES (1, ?)').run(tree.size());
  })();
  const times = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const snapshot = tree.latest();
    times.push(ms(start));
    if (snapshot.headsCount !== config.leaves) throw new Error(`${snapshot.headsCount} heads`);
  }
  return { streams: config.leaves, medianMs: median(times) };
}

function proofs(config, tree) {
  const size = tree.size();
  const root = tree.root(size);
  const timings = [];
  const cpuTimings = [];
  for (let i = 0; i < config.proofs; i++) {
    const index = Math.floor(Math.random() * size);
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const proof = tree.inclusionProof(index, size);
    timings.push(ms(start));
    const used = process.cpuUsage(cpu);
    cpuTimings.push((used.user + used.system) / 1000);
    if (i < 20) vlog.verifyInclusion(index, size, tree.leafHash(index), proof, root);
  }
  // CPU time too: on a shared machine a wall-clock p99 is mostly time spent descheduled.
  return {
    p50: percentile(timings, 50),
    p99: percentile(timings, 99),
    cpuP99: percentile(cpuTimings, 99),
    size,
  };
}

async function bundleVerification(config, dir) {
  const store = new SqliteEventStore({ filename: join(dir, 'bundle.sqlite') });
  let prevHash = custody.GENESIS_HASH;
  for (let revision = 0; revision < 50; revision++) {
    const sealed = sealedEvent('item-AUDIT', revision, prevHash);
    prevHash = sealed.hash;
    const expected = revision === 0 ? 'no_stream' : revision - 1;
    await Promise.all([
      store.append('item-AUDIT', toAppend('item-AUDIT', sealed, expected), expected),
      ...Array.from({ length: 19 }, (_, k) => {
        const stream = `item-other-${revision}-${k}`;
        return store.append(
          stream,
          toAppend(stream, sealedEvent(stream, 0, custody.GENESIS_HASH), 'no_stream'),
          'no_stream',
        );
      }),
    ]);
  }
  const signer = vlog.signerFromSeed('bench.example/log', Buffer.alloc(32, 1));
  const logService = {
    origin: 'bench.example/log',
    vkey: () => signer.vkey,
    storage: () => store.verifiableLog,
    signIfGrown: () =>
      signCheckpointIfGrown(store.verifiableLog, signer, 'bench.example/log', () => new Date()),
  };
  const bundle = await new AuditBundleService(store, logService).itemBundle('AUDIT', {});
  const text = JSON.stringify(bundle);
  const timings = [];
  for (let i = 0; i < 30; i++) {
    const start = process.hrtime.bigint();
    const report = vlog.verifyAuditBundle(JSON.parse(text), { trustedVkey: signer.vkey });
    timings.push(ms(start));
    if (!report.ok) throw new Error(`the bench bundle does not verify: ${report.failure}`);
  }
  await store.close();
  return {
    events: bundle.events.length,
    median: percentile(timings, 50),
    max: Math.max(...timings),
  };
}

async function run(options = {}) {
  const config = configFrom(options);
  const log = options.log;
  const dir = mkdtempSync(join(tmpdir(), 'jejak-vlog-bench-'));
  try {
    const rates = await writes(config, dir, log);
    const service = await serviceWrites(
      { pairs: config.servicePairs, roundSeconds: config.serviceRoundSeconds },
      log,
    );
    const { db, tree } = bigTree(config, dir, log);
    const proof = proofs(config, tree);
    // The same file opened afresh, as after a restart: nothing of the tree in memory yet.
    const reopened = new Database(join(dir, 'big.sqlite'));
    configureConnection(reopened, 'NORMAL');
    const cold = proofs(config, new SqliteMerkleLog(reopened));
    reopened.close();
    const checkpoint = checkpointAtScale(config, db, tree);
    log?.(
      `verifiable-log: a checkpoint over ${checkpoint.streams} stream heads: ${Math.round(checkpoint.medianMs)} ms`,
    );
    db.close();
    const bundle = await bundleVerification(config, dir);
    const figures = {
      durableWritesTreeOn: summarise(rates.on, 0),
      durableWritesTreeOff: summarise(rates.off, 0),
      treeOnVsOff: summarise(rates.ratio, 3),
      cpuUsPerWriteTreeOn: summarise(rates.cpuOn, 0),
      cpuUsPerWriteTreeOff: summarise(rates.cpuOff, 0),
      treeCpuUsPerWrite: summarise(rates.cpuTree, 1),
      serviceWritesTreeOn: summarise(service.on, 0),
      serviceWritesTreeOff: summarise(service.off, 0),
      serviceTreeOnVsOff: summarise(service.ratio, 3),
      serviceCpuUsPerWriteTreeOn: summarise(service.cpuOn, 0),
      serviceCpuUsPerWriteTreeOff: summarise(service.cpuOff, 0),
      serviceTreeCpuUsPerWrite: summarise(service.cpuTree, 1),
      serviceFailedWrites: service.failed,
      inclusionProofLeaves: proof.size,
      inclusionProofP50Ms: proof.p50,
      inclusionProofP99Ms: proof.p99,
      inclusionProofCpuP99Ms: proof.cpuP99,
      inclusionProofAfterRestartP50Ms: cold.p50,
      inclusionProofAfterRestartP99Ms: cold.p99,
      inclusionProofAfterRestartCpuP99Ms: cold.cpuP99,
      checkpointStreams: checkpoint.streams,
      checkpointMedianMs: checkpoint.medianMs,
      bundleEvents: bundle.events,
      bundleVerifyMedianMs: bundle.median,
      bundleVerifyMaxMs: bundle.max,
    };
    const checks = [
      {
        target: `durable writes/s, tree on ≥ ${TARGETS.writeRatio}× tree off (the store alone)`,
        value: figures.treeOnVsOff.median,
        unit: 'x',
        met: figures.treeOnVsOff.median >= TARGETS.writeRatio,
      },
      {
        target: `durable writes/s, tree on ≥ ${TARGETS.writeRatio}× tree off (the service, custody events)`,
        value: figures.serviceTreeOnVsOff.median,
        unit: 'x',
        met: figures.serviceTreeOnVsOff.median >= TARGETS.writeRatio && service.failed === 0,
      },
      {
        target: `inclusion proof at ${proof.size} leaves, p99 < ${TARGETS.proofP99Ms} ms`,
        value: Number(proof.p99.toFixed(3)),
        unit: 'ms',
        met: proof.p99 < TARGETS.proofP99Ms,
      },
      {
        target: `50-event bundle verified offline < ${TARGETS.bundleMs} ms`,
        value: Number(bundle.median.toFixed(1)),
        unit: 'ms',
        met: bundle.median < TARGETS.bundleMs,
      },
    ];
    return { config, figures, checks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run, configFrom };

if (require.main === module) {
  run({ log: (line) => process.stderr.write(`${line}\n`) })
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
