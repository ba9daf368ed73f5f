'use strict';
/**
 * Import of a daftar arsip: a generated 10,000-row CSV (Indonesian headers, `;`) imported
 *  - over HTTP: POST /api/imports/daftar-arsip to the built service on a new embedded store, timed
 *    from the request to the 201 (every row validated, then all registered);
 *  - by the CLI: `jejak import daftar-arsip FILE.csv --unit U` on a new store, timed as a process.
 * Target: under 30 s each, median over the runs. Knobs: BENCH_IMPORT_ROWS (10000), BENCH_RUNS (3),
 * BENCH_DIST (dist). Run alone: `node bench/import.bench.js` (writes bench/results/import.json).
 */
const { spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { describeMachine } = require('./support/machine');
const { DIST, ROOT, spawnService } = require('./support/processes');
const { summarise } = require('./support/stats');
const { createOfficerToken } = require('./service.bench');

const TARGET_SECONDS = 30;
const UNIT = 'kec-cikarang-utara';
const CLI_ENTRY = join(DIST, 'apps', 'cli', 'src', 'main.js');

const HEADER = [
  'No',
  'Kode Klasifikasi',
  'Uraian Informasi',
  'Kurun Waktu',
  'Tingkat Perkembangan',
  'Jumlah',
  'No. Boks',
  'No. Folder',
  'Keterangan',
  'Klasifikasi Keamanan',
  'Retensi Aktif',
  'Retensi Inaktif',
  'Nasib Akhir',
];
const CODES = ['900.1.3', '800.1.2', '000.2.3', '100.3.4', '027.1'];
const SUBJECTS = [
  'Laporan realisasi anggaran',
  'Berkas kepegawaian honorer',
  'Notulen rapat koordinasi',
  'Surat keputusan camat',
  'Dokumen pengadaan barang',
];

/** A daftar arsip of `rows` rows as an Indonesian spreadsheet exports it (BOM, `;`, CRLF). */
function daftarArsipCsv(rows) {
  const lines = [HEADER.join(';')];
  for (let i = 1; i <= rows; i++) {
    const year = 2005 + (i % 18);
    const period = i % 3 === 0 ? `${year - 2}-${year}` : String(year);
    lines.push(
      [
        i,
        CODES[i % CODES.length],
        `${SUBJECTS[i % SUBJECTS.length]} nomor ${i} tahun ${year}`,
        period,
        ['asli', 'salinan', 'tembusan'][i % 3],
        `${1 + (i % 4)} berkas`,
        `B-${String(Math.ceil(i / 20)).padStart(4, '0')}`,
        `F-${String(i).padStart(5, '0')}`,
        i % 10 === 0 ? 'Sampul rusak' : '',
        i % 7 === 0 ? 'terbatas' : 'biasa',
        1 + (i % 3),
        2 + (i % 5),
        ['musnah', 'permanen', 'dinilai kembali'][i % 3],
      ].join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function httpImport(csv, log) {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-bench-import-'));
  // 10k rows are ~1.3 MB: over the default 1 MiB body limit, so the service is started with more.
  const service = await spawnService(dataDir, { env: {} });
  try {
    const token = await createOfficerToken(service.baseUrl);
    const started = process.hrtime.bigint();
    const response = await fetch(`${service.baseUrl}/api/imports/daftar-arsip`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      body: csv,
    });
    const body = await response.json();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (response.status !== 201)
      throw new Error(`import: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
    log?.(`import: HTTP ${body.imported} rows in ${seconds.toFixed(2)} s`);
    return { seconds, imported: body.imported };
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function cliImport(file, log) {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-bench-import-cli-'));
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI_ENTRY, 'import', 'daftar-arsip', file, '--unit', UNIT], {
      cwd: ROOT,
      env: { ...process.env, JEJAK_DATA_DIR: dataDir, JEJAK_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err = (err + chunk).slice(-5000)));
    child.once('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rmSync(dataDir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`jejak import exited ${code}: ${err}`));
      const { imported } = JSON.parse(out);
      log?.(`import: CLI ${imported} rows in ${seconds.toFixed(2)} s (process start included)`);
      resolve({ seconds, imported });
    });
  });
}

async function run(options = {}) {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? options.importRows ?? 10_000);
  const runs = Number(options.runs ?? process.env.BENCH_RUNS ?? 3);
  const log = options.log;
  const work = mkdtempSync(join(tmpdir(), 'jejak-bench-csv-'));
  try {
    const csv = daftarArsipCsv(rows);
    const file = join(work, 'daftar-arsip.csv');
    writeFileSync(file, csv);
    const http = [];
    const cli = [];
    // Interleaved, so a burst of load on the shared machine does not fall on one side only.
    for (let i = 0; i < runs; i++) {
      const overHttp = await httpImport(csv, log);
      const byCli = await cliImport(file, log);
      if (overHttp.imported !== rows || byCli.imported !== rows)
        throw new Error('not every row was imported');
      http.push(overHttp.seconds);
      cli.push(byCli.seconds);
    }
    const figures = {
      rows,
      csvBytes: Buffer.byteLength(csv),
      httpSeconds: summarise(http),
      cliSeconds: summarise(cli),
      httpRowsPerSecond: summarise(
        http.map((s) => rows / s),
        0,
      ),
      cliRowsPerSecond: summarise(
        cli.map((s) => rows / s),
        0,
      ),
    };
    const checks = [
      {
        target: `${rows} rows imported over HTTP in < ${TARGET_SECONDS} s`,
        value: figures.httpSeconds.median,
        unit: 's',
        met: figures.httpSeconds.median < TARGET_SECONDS,
      },
      {
        target: `${rows} rows imported by the CLI in < ${TARGET_SECONDS} s`,
        value: figures.cliSeconds.median,
        unit: 's',
        met: figures.cliSeconds.median < TARGET_SECONDS,
      },
    ];
    return { options: { runs, rows }, figures, checks };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const machine = describeMachine();
  run({ log })
    .then((result) => {
      const dir = join(__dirname, 'results');
      mkdirSync(dir, { recursive: true });
      const report = { ...result, machine, measuredAt: new Date().toISOString(), dist: DIST };
      writeFileSync(join(dir, 'import.json.tmp'), `${JSON.stringify(report, null, 2)}\n`);
      renameSync(join(dir, 'import.json.tmp'), join(dir, 'import.json'));
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

module.exports = { run, daftarArsipCsv, TARGET_SECONDS };
