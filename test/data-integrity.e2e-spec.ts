import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
  closeSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../apps/cli/src/main';
import { SERVICE_ENTRY, spawnService, type SpawnedService } from './support/spawned-service';
import { ADMIN_TOKEN } from './support/test-app';

const json = { 'Content-Type': 'application/json' };
const admin = { ...json, Authorization: `Bearer ${ADMIN_TOKEN}` };

async function officerToken(service: SpawnedService): Promise<string> {
  const r = await fetch(`${service.baseUrl}/api/tokens`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ name: 'officer', role: 'officer', unitId: 'kec-setu' }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function register(service: SpawnedService, token: string, id: string): Promise<{ position: string }> {
  const r = await fetch(`${service.baseUrl}/api/items`, {
    method: 'POST',
    headers: { ...json, Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      id,
      kind: 'file',
      title: `Berkas uji integritas ${id}`,
      classificationCode: '000.1',
      securityClass: 'biasa',
      originUnitId: 'kec-setu',
    }),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as { position: string };
}

const getItem = (service: SpawnedService, token: string, id: string, minPosition?: string) =>
  fetch(`${service.baseUrl}/api/items/${id}${minPosition ? `?minPosition=${minPosition}` : ''}`, {
    headers: { Authorization: `Bearer ${token}` },
  });

const start = (dataDir: string) => spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN_TOKEN });

async function kill9(service: SpawnedService): Promise<void> {
  service.child.kill('SIGKILL');
  await service.exited;
}

async function stopCleanly(service: SpawnedService): Promise<void> {
  service.child.kill('SIGTERM');
  expect((await service.exited).code).toBe(0);
}

/** Starts the built service expecting it to refuse: its exit code and everything it printed. */
function startExpectingRefusal(dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVICE_ENTRY], {
      env: {
        ...process.env,
        JEJAK_DATA_DIR: dataDir,
        JEJAK_ADMIN_TOKEN: ADMIN_TOKEN,
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Overwrites `bytes` bytes in the middle of a file with garbage. */
function garble(file: string, bytes: number, pageSize: number): void {
  const size = statSync(file).size;
  const at = Math.floor(size / pageSize / 2) * pageSize;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(bytes, 0xab), 0, bytes, at);
  closeSync(fd);
}

/** Registers items, stops cleanly (everything checkpointed into the main files), starts again. */
async function storeWithItems(
  dataDir: string,
  count: number,
): Promise<{ service: SpawnedService; token: string }> {
  const first = await start(dataDir);
  const token = await officerToken(first);
  for (let i = 0; i < count; i++) await register(first, token, `INT-${i}`);
  await stopCleanly(first);
  return { service: await start(dataDir), token };
}

describe('start-up integrity of the data files', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'jejak-integrity-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('after kill -9 and a WAL cut to half, reports the lost positions, serves only what the log holds, and numbers new writes readably', async () => {
    const service = await start(dataDir);
    const token = await officerToken(service);
    const ids = Array.from({ length: 120 }, (_, i) => `WAL-${i}`);
    let last = '0';
    for (const id of ids) last = (await register(service, token, id)).position;
    expect((await getItem(service, token, ids[ids.length - 1], last)).status).toBe(200);
    await kill9(service);

    const wal = join(dataDir, 'events.sqlite-wal');
    truncateSync(wal, Math.floor(statSync(wal).size / 2));

    const restarted = await start(dataDir);
    try {
      expect(restarted.output()).toMatch(/events\.sqlite.*missing from the log/);
      const ready = (await (await fetch(`${restarted.baseUrl}/health/ready`)).json()) as {
        info: { dataFiles: { notices?: { file: string; problem: string }[] } };
      };
      expect(ready.info.dataFiles.notices?.[0].file).toMatch(/events\.sqlite$/);

      const inLog = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
      const held = new Set(
        (
          inLog.prepare(`SELECT stream_id FROM events WHERE type = 'registered'`).all() as {
            stream_id: string;
          }[]
        ).map((row) => row.stream_id),
      );
      inLog.close();
      expect(held.size).toBeLessThan(ids.length);
      for (const id of ids) {
        const status = (await getItem(restarted, token, id)).status;
        expect({ id, status }).toEqual({ id, status: [...held].some((s) => s.endsWith(id)) ? 200 : 404 });
      }
      for (let i = 0; i < 5; i++) {
        const { position } = await register(restarted, token, `AFTER-${i}`);
        expect((await getItem(restarted, token, `AFTER-${i}`, position)).status).toBe(200);
      }
    } finally {
      await stopCleanly(restarted);
    }
  }, 90_000);

  it('after kill -9, refuses to start on an event log with a garbled page, naming the file and what to do', async () => {
    const { service } = await storeWithItems(dataDir, 150);
    await kill9(service);
    garble(join(dataDir, 'events.sqlite'), 4096, 4096);

    const refused = await startExpectingRefusal(dataDir);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/events\.sqlite is damaged/);
    expect(refused.output).toMatch(/restore the data directory from the last backup/);
  }, 90_000);

  it('after kill -9, refuses to start on a garbled directory of tokens, naming the file', async () => {
    const { service } = await storeWithItems(dataDir, 3);
    await kill9(service);
    garble(join(dataDir, 'directory.sqlite'), 4096, 4096);

    const refused = await startExpectingRefusal(dataDir);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/directory\.sqlite is damaged/);
    expect(refused.output).toMatch(/restore the data directory from the last backup/);
  }, 90_000);

  it('after kill -9, moves a garbled read-model file aside and rebuilds it from the log: no 500s', async () => {
    const { service, token } = await storeWithItems(dataDir, 150);
    await kill9(service);
    garble(join(dataDir, 'read-models.sqlite'), 64 * 1024, 16 * 1024);

    const restarted = await start(dataDir);
    try {
      expect(restarted.output()).toMatch(/read-models\.sqlite: damaged/);
      expect(readdirSync(dataDir).some((f) => f.startsWith('read-models.sqlite.damaged-'))).toBe(true);
      const head = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
      const { position } = head.prepare('SELECT MAX(position) AS position FROM events').get() as {
        position: number;
      };
      head.close();
      const statuses = new Set<number>();
      for (let i = 0; i < 150; i++) {
        statuses.add((await getItem(restarted, token, `INT-${i}`, String(position))).status);
      }
      expect([...statuses]).toEqual([200]);
    } finally {
      await stopCleanly(restarted);
    }
  }, 90_000);

  it('starts without notices after a clean stop', async () => {
    const { service } = await storeWithItems(dataDir, 3);
    try {
      const ready = (await (await fetch(`${service.baseUrl}/health/ready`)).json()) as {
        info: { dataFiles: Record<string, unknown> };
      };
      expect(ready.info.dataFiles).toEqual({ status: 'up' });
    } finally {
      await stopCleanly(service);
    }
  }, 60_000);

  it("`jejak verify` runs SQLite's integrity check: a garbled page after a clean stop is named, exit 1", async () => {
    const { service } = await storeWithItems(dataDir, 150);
    await stopCleanly(service);
    const verify = async () => {
      const out: string[] = [];
      const code = await runCli(
        ['verify'],
        { out: (l) => out.push(l), err: (l) => out.push(l) },
        {
          JEJAK_DATA_DIR: dataDir,
          JEJAK_LOG_LEVEL: 'silent',
        },
      );
      return { code, out: out.join('\n') };
    };
    const sound = await verify();
    expect(sound.code).toBe(0);
    expect(sound.out).toMatch(/integrity_check of events\.sqlite: ok/);

    garble(join(dataDir, 'events.sqlite'), 4096, 4096);
    const damaged = await verify();
    expect(damaged.code).toBe(1);
    expect(damaged.out).toMatch(/DAMAGED .*events\.sqlite: .*restore the data directory from a backup/);
  }, 60_000);
});
