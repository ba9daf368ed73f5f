import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService } from './support/spawned-service';
import { ADMIN_TOKEN, aFile } from './support/test-app';

const ROOT = join(__dirname, '..');
const freshness = require('../scripts/build-freshness') as {
  staleness(root?: string): string | null;
  writeStamp(root?: string): void;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Whether something accepts connections on the port (the port is not free). */
const portTaken = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });

/** Processes whose environment names this data folder: npm, the launcher, the service. */
function processesOf(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`JEJAK_DATA_DIR=${dataDir}\0`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const until = async (check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
};

describe('npm start', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-npm-start-'));
  });
  afterEach(() => {
    for (const pid of processesOf(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops on one %s to the npm process: port free and every process gone within 10 s, writes kept',
    async (signal) => {
      // A stale build would make `npm start` rebuild dist/ under the other suites' feet.
      expect(freshness.staleness(ROOT)).toBeNull();
      const port = await freePort();
      const env = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        JEJAK_DATA_DIR: dataDir,
        JEJAK_ADMIN_TOKEN: ADMIN_TOKEN,
        JEJAK_LOG_LEVEL: 'warn',
      };
      const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      npm.stdout.on('data', (chunk) => (output += chunk));
      npm.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
      const base = `http://127.0.0.1:${port}`;
      const ready = await until(async () => {
        try {
          return (await fetch(`${base}/health/ready`)).status === 200;
        } catch {
          return false;
        }
      }, 30_000);
      expect({ ready, output: ready ? '' : output }).toEqual({ ready: true, output: '' });
      expect(output).not.toContain('building first');

      const registered = await fetch(`${base}/api/items`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(aFile({ id: `ARS-NPM-${signal}` })),
      });
      expect(registered.status).toBe(201);
      expect(processesOf(dataDir).length).toBeGreaterThanOrEqual(2);

      const signalledAt = Date.now();
      npm.kill(signal);
      const gone = await until(
        async () => processesOf(dataDir).length === 0 && !(await portTaken(port)),
        10_000,
      );
      const stoppedInMs = Date.now() - signalledAt;
      expect({ gone, stoppedWithin10s: stoppedInMs <= 10_000, processes: processesOf(dataDir) }).toEqual({
        gone: true,
        stoppedWithin10s: true,
        processes: [],
      });
      expect(await exited).toBe(0);
      expect(output).toContain(`Jejak stopped (${signal})`);

      // The acknowledged write is there for the next start.
      const again = await spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN_TOKEN });
      try {
        const item = await fetch(`${again.baseUrl}/api/audit/items/ARS-NPM-${signal}/replay`, {
          headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        expect(item.status).toBe(200);
        expect(((await item.json()) as { state: { status: string } }).state.status).toBe('registered');
      } finally {
        again.child.kill('SIGTERM');
        await again.exited;
      }
    },
    60_000,
  );
});

describe('the build check of npm start', () => {
  let root: string;
  const at = (path: string, seconds: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), seconds, seconds);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jejak-freshness-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no build, or a source of any folder is newer than it; not otherwise', () => {
    at('apps/custody-api/src/main.ts', 1_000);
    at('apps/web/src/app.tsx', 1_000);
    at('package.json', 1_000);
    expect(freshness.staleness(root)).toBe('no build yet');

    freshness.writeStamp(root);
    utimesSync(join(root, 'dist', '.build-stamp'), 2_000, 2_000);
    // Build outputs and dependencies inside the source folders are not sources.
    at('apps/web/dist/index.js', 3_000);
    at('apps/web/node_modules/x/index.js', 3_000);
    expect(freshness.staleness(root)).toBeNull();

    at('apps/web/src/app.tsx', 3_000);
    expect(freshness.staleness(root)).toBe('apps/web/src/app.tsx is newer than the build');
    at('apps/web/src/app.tsx', 1_000);
    at('libs/custody/src/item.ts', 3_000);
    expect(freshness.staleness(root)).toContain('libs/custody/src/item.ts');
    at('libs/custody/src/item.ts', 1_000);
    at('package-lock.json', 3_000);
    expect(freshness.staleness(root)).toContain('package-lock.json');
  });
});
