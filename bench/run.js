'use strict';
/**
 * `npm run bench`: runs every benchmark, writes bench/results/<name>.json, prints a summary and
 * rewrites the figures section of bench/README.md. Knobs (environment):
 *   BENCH_QUICK=1            a short smoke run (1 run, 3 s loads, small stores)
 *   BENCH_RUNS=3             runs per benchmark (median, min-max over them)
 *   BENCH_DURATION=10        seconds per load
 *   BENCH_CONNECTIONS=32     concurrent HTTP connections
 *   BENCH_SCALE_ITEMS=1000000  items in the large scale store (BENCH_SCALE_SMALL_ITEMS=10000)
 *   BENCH_ONLY=service,scale   run only these (event-store, service, scale, import, read-models, verifiable-log, web, scan)
 *   BENCH_DIST=dist          the compiled service to measure
 */
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { describeMachine } = require('./support/machine');

const quick = ['1', 'true', 'yes'].includes(String(process.env.BENCH_QUICK ?? '').toLowerCase());
const number = (name, full, short) => Number(process.env[name] ?? (quick ? short : full));

const options = {
  quick,
  runs: number('BENCH_RUNS', 3, 1),
  connections: number('BENCH_CONNECTIONS', 32, 32),
  durationSeconds: number('BENCH_DURATION', 10, 3),
  warmupSeconds: quick ? 1 : 2,
  preItems: number('BENCH_PRE_ITEMS', 2000, 300),
  historyItems: number('BENCH_HISTORY_ITEMS', 50, 10),
  smallItems: number('BENCH_SCALE_SMALL_ITEMS', 10_000, 2_000),
  largeItems: number('BENCH_SCALE_ITEMS', 1_000_000, 20_000),
};
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : null;
const RESULTS = join(__dirname, 'results');
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** Quick runs go to bench/.cache/results-quick/, so they never overwrite the committed figures. */
function writeResult(name, result) {
  const dir = quick ? join(__dirname, '.cache', 'results-quick') : RESULTS;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

const BENCHMARKS = {
  'event-store': async () => {
    const bench = require('./event-store.bench');
    if (quick) Object.assign(bench.config, { events: 20_000, streams: 5_000, durableAppends: 640, runs: 1 });
    else bench.config.runs = options.runs;
    const report = await bench.run();
    const checks = report.results.map((r) => ({
      target: `${r.name}: >= ${r.target}x raw`,
      value: r.ratio,
      unit: 'x',
      met: r.met,
    }));
    return { ...report, checks };
  },
  service: () => require('./service.bench').run({ ...options, log }),
  scale: () => require('./scale.bench').run({ ...options, log }),
  // Written by the owners of the import and the read models; each exports run() -> { figures, checks }.
  import: () =>
    require('./import.bench').run({ runs: options.runs, importRows: quick ? 1000 : undefined, log }),
  'read-models': () => require('./read-models.bench').run({ quick, log }),
  'verifiable-log': () => require('./verifiable-log.bench').run({ quick, log }),
  // The courier's first load of the web app in Debian's Chromium (bench/web.bench.js).
  web: () => require('./web.bench').run({ quick, log }),
  // Scan-to-feedback and the outbox's sync in Debian's Chromium (bench/scan.bench.js).
  scan: () => require('./scan.bench').run({ quick, log }),
};
// A benchmark whose file is not there yet (still being written) is skipped, not failed.
for (const name of ['import', 'read-models']) {
  if (!existsSync(join(__dirname, `${name}.bench.js`))) delete BENCHMARKS[name];
}

const fmt = (s, unit = '') =>
  s === undefined || s === null || s.median === null
    ? 'n/a'
    : s.runs > 1
      ? `${s.median}${unit} (${s.min}–${s.max})`
      : `${s.median}${unit}`;

/** The summary table, as Markdown (also printed). */
function figuresMarkdown(results, machine, startedAt) {
  const lines = [];
  const runsOf = (r) => r?.options?.runs ?? r?.config?.runs ?? '?';
  const when = (r) =>
    `measured ${String(r.measuredAt).slice(0, 16).replace('T', ' ')} UTC, load average ${r.machine?.loadAverageAtStart?.join(' / ') ?? '?'}`;
  lines.push(
    `Measured ${startedAt.slice(0, 16).replace('T', ' ')} UTC${quick ? ' (BENCH_QUICK: a smoke run, not a measurement)' : ''} on ` +
      `${machine.cores} cores (${machine.cpuModel}), ${machine.ramGiB} GiB RAM, Node ${machine.node}, ${machine.platform}; ` +
      `load average at start ${machine.loadAverageAtStart.join(' / ')} (the machine is shared). ` +
      'Figures are medians, (min–max) over the runs; ratios are taken per run against the floor measured in the same run.',
    '',
  );
  const service = results.service;
  if (service && !service.error) {
    const f = service.figures;
    lines.push(
      `### Service vs floor (${runsOf(service)} runs, ${service.options.connections} connections, ${service.options.durationSeconds} s per load; ${when(service)})`,
      '',
      '| scenario | requests/s | × floor | p99 ms | server CPU ms/request |',
      '|---|---|---|---|---|',
      `| floor: register (1 fsync per write) | ${fmt(f.floorWrites.perSecond)} | 1 | ${fmt(f.floorWrites.p99Ms)} | ${fmt(f.floorWrites.serverCpuMsPerRequest)} |`,
      `| registrations POST /api/items | ${fmt(f.registrations.perSecond)} | ${fmt(f.registrations.vsFloor)} | ${fmt(f.registrations.p99Ms)} | ${fmt(f.registrations.serverCpuMsPerRequest)} |`,
      `| custody events POST /api/items/:id/events | ${fmt(f.custodyEvents.perSecond)} | ${fmt(f.custodyEvents.vsFloor)} | ${fmt(f.custodyEvents.p99Ms)} | ${fmt(f.custodyEvents.serverCpuMsPerRequest)} |`,
      `| floor: read by primary key | ${fmt(f.floorReads.perSecond)} | 1 | ${fmt(f.floorReads.p99Ms)} | ${fmt(f.floorReads.serverCpuMsPerRequest)} |`,
      `| where-is GET /api/items/:id | ${fmt(f.whereIs.perSecond)} | ${fmt(f.whereIs.vsFloor)} | ${fmt(f.whereIs.p99Ms)} | ${fmt(f.whereIs.serverCpuMsPerRequest)} |`,
      `| history of a 20-event item | ${fmt(f.history.perSecond)} | – | ${fmt(f.history.p99Ms)} | ${fmt(f.history.serverCpuMsPerRequest)} |`,
      '',
      `Projection lag p99 during the write loads: ≤ ${fmt(f.projectionLagP99Ms, ' ms')} (Prometheus bucket bound). ` +
        `Every 2xx write found in the store after a SIGKILL: ${f.allDurable ? 'yes' : '**no**'}. ` +
        `Non-2xx answers under load: ${['registrations', 'custodyEvents', 'whereIs', 'history'].map((k) => `${k} ${f[k].non2xx}`).join(', ')}.`,
      '',
    );
  }
  const scale = results.scale;
  if (scale && !scale.error) {
    const f = scale.figures;
    lines.push(
      `### Scale (${runsOf(scale)} runs, ${when(scale)}): ${f.smallItems.toLocaleString('en')} vs ${f.largeItems.toLocaleString('en')} items (5 events each)`,
      '',
      '| | small store | large store | small ÷ large |',
      '|---|---|---|---|',
      `| registrations/s | ${fmt(f.smallWritesPerSecond)} | ${fmt(f.largeWritesPerSecond)} | ${fmt(f.writeRatioSmallToLarge)} |`,
      `| where-is reads/s (uniform over the store) | ${fmt(f.smallReadsPerSecond)} | ${fmt(f.largeReadsPerSecond)} | ${fmt(f.readRatioSmallToLarge)} |`,
      `| service RSS MB after the loads | ${fmt(f.smallRssMb)} | ${fmt(f.largeRssMb)} | |`,
      `| of which anonymous (heap) / file-backed (binaries, libraries) MB | ${fmt(f.smallRssAnonMb)} / ${fmt(f.smallRssFileMb)} | ${fmt(f.largeRssAnonMb)} / ${fmt(f.largeRssFileMb)} | |`,
      `| p99 ms on the large store | | writes ${fmt(f.largeWriteP99Ms)}, reads ${fmt(f.largeReadP99Ms)} | |`,
      '',
    );
  }
  const store = results['event-store'];
  if (store && !store.error) {
    lines.push(
      `### Event store adapter vs raw better-sqlite3 (${runsOf(store)} runs)`,
      '',
      '| | adapter/s | raw/s | ratio | target |',
      '|---|---|---|---|---|',
    );
    for (const r of store.results)
      lines.push(`| ${r.name} | ${r.adapterPerSec} | ${r.rawPerSec} | ${r.ratio} | ≥ ${r.target} |`);
    lines.push('', `Group commit: ${store.durableMeanBatch} appends per commit on average.`, '');
  }
  const vlog = results['verifiable-log'];
  if (vlog && !vlog.error) {
    const f = vlog.figures;
    lines.push(
      `### Verifiable log (${when(vlog)})`,
      '',
      '| | tree on | tree off |',
      '|---|---|---|',
      `| durable writes/s, 32 writers (pairs of rounds, median) | ${fmt(f.durableWritesTreeOn)} | ${fmt(f.durableWritesTreeOff)} |`,
      `| CPU µs per durable write | ${fmt(f.cpuUsPerWriteTreeOn)} | ${fmt(f.cpuUsPerWriteTreeOff)} |`,
      ...(f.serviceTreeOnVsOff
        ? [
            `| the service: custody events/s, 32 connections (pairs of rounds, median) | ${fmt(f.serviceWritesTreeOn)} | ${fmt(f.serviceWritesTreeOff)} |`,
            `| the service: its CPU µs per answered write | ${fmt(f.serviceCpuUsPerWriteTreeOn)} | ${fmt(f.serviceCpuUsPerWriteTreeOff)} |`,
          ]
        : []),
      '',
      (f.serviceTreeOnVsOff
        ? `The service, tree on ÷ off: ${fmt(f.serviceTreeOnVsOff)}; its CPU per write on − off: ${fmt(f.serviceTreeCpuUsPerWrite)} µs; non-2xx answers: ${f.serviceFailedWrites}. The store alone, tree on ÷ off: `
        : 'Tree on ÷ off: ') +
        fmt(f.treeOnVsOff) +
        (f.treeCpuUsPerWrite
          ? `; the tree's own CPU per write (on − off, pair by pair): ${fmt(f.treeCpuUsPerWrite)} µs`
          : '') +
        `. Inclusion proof at ${f.inclusionProofLeaves} leaves: p50 ${f.inclusionProofP50Ms.toFixed(2)} ms, ` +
        `p99 ${f.inclusionProofP99Ms.toFixed(2)} ms wall (${f.inclusionProofCpuP99Ms.toFixed(2)} ms CPU)` +
        (f.inclusionProofAfterRestartP99Ms === undefined
          ? '. '
          : `; from the file opened afresh p50 ${f.inclusionProofAfterRestartP50Ms.toFixed(2)} ms, p99 ${f.inclusionProofAfterRestartP99Ms.toFixed(2)} ms (${f.inclusionProofAfterRestartCpuP99Ms.toFixed(2)} ms CPU). `) +
        (f.checkpointStreams
          ? `Signing a checkpoint with ${f.checkpointStreams} streams (the heads tree read and hashed whole): ${Math.round(f.checkpointMedianMs)} ms (median of 3). `
          : '') +
        `A ${f.bundleEvents}-event bundle verifies offline in ${f.bundleVerifyMedianMs.toFixed(1)} ms (median; max ${f.bundleVerifyMaxMs.toFixed(1)} ms).`,
      '',
    );
  }
  const scan = results.scan;
  if (scan && !scan.error) {
    const f = scan.figures;
    const ms = (x) => `${x.median} ms (p95 ${x.p95} ms, ${x.samples} scans)`;
    lines.push(
      `### Scanning and the outbox (${runsOf(scan)} runs, Chromium at 360×640; ${when(scan)})`,
      '',
      '| | median |',
      '|---|---|',
      `| scan to feedback, without signal (kept in IndexedDB) | ${ms(f.scanToFeedbackOfflineMs)} |`,
      `| scan to feedback, with signal (answered by the server) | ${ms(f.scanToFeedbackOnlineMs)} |`,
      `| first scan of a session (decoder loaded from the cache) | ${ms(f.firstScanWithDecoderLoadMs)} |`,
      `| outbox of ${f.outboxActions} actions synced on reconnect | ${fmt(f.outboxSyncMs, ' ms')}, ${fmt(f.outboxSyncPerSecond, ' actions/s')} |`,
      '',
    );
  }
  lines.push('### Targets', '', '| target | measured | met |', '|---|---|---|');
  for (const [name, result] of Object.entries(results)) {
    if (result.error) {
      lines.push(`| ${name} | failed: ${result.error.split('\n')[0]} | ✗ |`);
      continue;
    }
    for (const c of result.checks ?? []) {
      lines.push(
        `| ${c.target} | ${typeof c.value === 'boolean' ? (c.value ? 'yes' : 'no') : `${c.value}${c.unit ? ` ${c.unit}` : ''}`} | ${c.met ? '✓' : '✗'} |`,
      );
    }
  }
  return lines.join('\n');
}

const BEGIN = '<!-- figures:begin (written by bench/run.js) -->';
const END = '<!-- figures:end -->';

/** Rewrites the figures section, formatted as `npm run lint` wants it (prettier). */
async function rewriteReadme(markdown) {
  const prettier = require('prettier');
  const file = join(__dirname, 'README.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`bench/README.md lacks the ${BEGIN} … ${END} markers`);
  const rewritten = `${text.slice(0, start + BEGIN.length)}\n${markdown}\n${text.slice(end)}`;
  const config = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(rewritten, { ...config, filepath: file }));
}

async function main() {
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  log(
    `bench: ${quick ? 'QUICK ' : ''}runs=${options.runs} duration=${options.durationSeconds}s on ${machine.cores} cores, Node ${machine.node}`,
  );
  const results = {};
  for (const [name, bench] of Object.entries(BENCHMARKS)) {
    if (only && !only.includes(name)) continue;
    log(`bench: ${name}`);
    const started = Date.now();
    try {
      results[name] = await bench();
    } catch (error) {
      log(`bench: ${name} failed: ${error.stack}`);
      results[name] = { error: String(error.stack ?? error) };
    }
    results[name].machine = machine;
    results[name].measuredAt = startedAt;
    results[name].quick = quick;
    results[name].elapsedSeconds = Math.round((Date.now() - started) / 1000);
    writeResult(name, results[name]);
  }
  if (!quick && only) {
    // A partial run: the README shows these new figures beside the last committed ones of the others.
    for (const name of Object.keys(BENCHMARKS)) {
      const file = join(RESULTS, `${name}.json`);
      if (!results[name] && existsSync(file)) results[name] = JSON.parse(readFileSync(file, 'utf8'));
    }
  }
  const markdown = figuresMarkdown(results, machine, startedAt);
  process.stdout.write(`\n${markdown}\n`);
  if (!quick) await rewriteReadme(markdown);
  else log('bench: quick run: bench/results and bench/README.md left as they were');
  if (Object.values(results).some((r) => r.error)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
