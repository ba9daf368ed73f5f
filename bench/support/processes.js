'use strict';
const { spawn } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const net = require('node:net');

const ROOT = join(__dirname, '..', '..');
/** The compiled service; BENCH_DIST points elsewhere (e.g. a build of a working copy under bench/.cache). */
const DIST = process.env.BENCH_DIST ? resolve(ROOT, process.env.BENCH_DIST) : join(ROOT, 'dist');
const SERVICE_ENTRY = join(DIST, 'apps', 'custody-api', 'src', 'main.js');
const FLOOR_ENTRY = join(ROOT, 'bench', 'floor-server.js');
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const FLOOR_TOKEN = 'floor-bench-token-0123456789abcdef';

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(child, url, output, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited early: ${output()}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`not ready in ${timeoutMs} ms: ${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function spawnNode(entry, { env, nodeArgs = [], readyPath, readyTimeoutMs }) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitReady(child, `${baseUrl}${readyPath}`, () => output, readyTimeoutMs);
  return {
    child,
    pid: child.pid,
    baseUrl,
    output: () => output,
    exited,
    /** SIGTERM (clean shutdown) or SIGKILL (a crash); resolves once the process is gone. */
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The built service on its own embedded store in `dataDir`. */
function spawnService(dataDir, { env = {}, nodeArgs = [] } = {}) {
  if (!existsSync(SERVICE_ENTRY)) throw new Error(`${SERVICE_ENTRY} is missing: run "npm run build" first`);
  return spawnNode(SERVICE_ENTRY, {
    env: {
      JEJAK_DATA_DIR: dataDir,
      JEJAK_ADMIN_TOKEN: ADMIN_TOKEN,
      JEJAK_LOG_LEVEL: 'warn',
      // The per-token limit would otherwise cap the load at 100 requests/s.
      JEJAK_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    nodeArgs,
    readyPath: '/health/ready',
    // A 1M-item store is opened and its projector catches up before ready.
    readyTimeoutMs: 600_000,
  });
}

function spawnFloor(dataDir) {
  return spawnNode(FLOOR_ENTRY, {
    env: { FLOOR_DATA_DIR: dataDir, FLOOR_TOKEN },
    readyPath: '/health',
    readyTimeoutMs: 20_000,
  });
}

/** Resident set size of a process in MB, from /proc (Linux): total, anonymous (heap) and file-backed (mmap). */
function memoryMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => {
      const match = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
      return match ? Math.round(Number(match[1]) / 1024) : null;
    };
    return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile') };
  } catch {
    return { rss: null, anon: null, file: null };
  }
}

const rssMb = (pid) => memoryMb(pid).rss;

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

module.exports = { cpuMs, memoryMb, ROOT, DIST, ADMIN_TOKEN, FLOOR_TOKEN, spawnService, spawnFloor, rssMb };
