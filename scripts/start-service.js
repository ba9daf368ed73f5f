'use strict';
/**
 * `npm start`: builds when the build is missing or older than the sources, then runs the service
 * as a child and passes SIGTERM, SIGINT and SIGHUP on to it. npm runs this through `sh -c`, which
 * does not pass signals on: package.json's `exec` makes this process npm's own child, which npm
 * signals. Should npm die without a word (SIGKILL), this process notices it lost its parent and
 * stops the service too, so no orphan keeps the port.
 */
const { spawn, spawnSync } = require('node:child_process');
const { constants } = require('node:os');
const { join } = require('node:path');
const { staleness } = require('./build-freshness');

const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'dist', 'apps', 'custody-api', 'src', 'main.js');
/** The service answers what is in flight and exits well within this; past it, it is killed. */
const STOP_DEADLINE_MS = 9000;

function buildIfStale() {
  const why = staleness(ROOT);
  if (why === null) return;
  process.stderr.write(`Jejak: building first (${why}).\n`);
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('Jejak: the build failed; not starting.\n');
    process.exit(result.status ?? 1);
  }
}

buildIfStale();

// Its own process group: a terminal's Ctrl-C reaches npm and this launcher, and the service hears
// it once, from here.
const service = spawn(process.execPath, [ENTRY], { cwd: process.cwd(), stdio: 'inherit', detached: true });
const parent = process.ppid;
let stopping = null;

function stop(signal) {
  if (stopping) return;
  stopping = signal;
  // The service stops on SIGTERM and SIGINT; a hang-up is a stop too.
  if (service.exitCode === null && service.signalCode === null)
    service.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  setTimeout(() => {
    process.stderr.write(
      `Jejak: the service did not stop within ${STOP_DEADLINE_MS / 1000} s; killing it.\n`,
    );
    service.kill('SIGKILL');
  }, STOP_DEADLINE_MS).unref();
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop(signal));
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 500).unref();

service.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
