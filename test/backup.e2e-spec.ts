import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../apps/cli/src/main';
import { aFile, bearer, startTestApp, type TestApp } from './support/test-app';

async function jejak(dataDir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(
    args,
    { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    {
      JEJAK_DATA_DIR: dataDir,
      JEJAK_LOG_LEVEL: 'silent',
    },
  );
  return { code, out: lines.join('\n') };
}

describe('jejak backup and the restore procedure of the README', () => {
  const root = mkdtempSync(join(tmpdir(), 'jejak-backup-'));
  const dataDir = join(root, 'data');
  const backupDir = join(root, 'backup-1');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('backs up a running store, and after the data directory is wiped the restored copy holds every item and token', async () => {
    let t: TestApp = await startTestApp({}, dataDir);
    const officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    let position = '0';
    for (let i = 0; i < 20; i++) {
      const response = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ id: `BAK-${i}` }))
        .expect(201);
      position = response.body.position;
    }
    // Online: the service keeps running, and writing, while the backup is taken.
    const writing = Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t
          .http()
          .post('/api/items')
          .set(...bearer(officer))
          .send(aFile({ id: `DURING-${i}` })),
      ),
    );
    const backup = await jejak(dataDir, 'backup', backupDir);
    await writing;
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/backed up events\.sqlite/);
    expect(readdirSync(backupDir)).toEqual(
      expect.arrayContaining(['events.sqlite', 'directory.sqlite', 'backup.json']),
    );
    expect(readFileSync(join(backupDir, 'log-signing.key'))).toEqual(
      readFileSync(join(dataDir, 'log-signing.key')),
    );
    // The log after every other file, the short code counters after the log.
    const copied = JSON.parse(readFileSync(join(backupDir, 'backup.json'), 'utf8')).files.map(
      (file: { name: string }) => file.name,
    );
    expect(copied.slice(-2)).toEqual(['events.sqlite', 'short-codes.sqlite']);
    await t.close();

    // The README's restore: stop, wipe (or move aside) the data directory, copy the backup in, start.
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir);
    for (const name of readdirSync(backupDir).filter(
      (n) => n.endsWith('.sqlite') || n === 'log-signing.key',
    )) {
      copyFileSync(join(backupDir, name), join(dataDir, name));
    }
    expect((await jejak(dataDir, 'verify')).code).toBe(0);

    t = await startTestApp({}, dataDir);
    try {
      for (let i = 0; i < 20; i++) {
        await t
          .http()
          .get(`/api/items/BAK-${i}?minPosition=${position}`)
          .set(...bearer(officer))
          .expect(200);
      }
      // The token made before the backup still works, and the store takes new writes.
      await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ id: 'AFTER-RESTORE' }))
        .expect(201);
      const ready = await t.http().get('/health/ready').expect(200);
      expect(ready.body.info.dataFiles).toEqual({ status: 'up' });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('refuses a destination that is not empty, and copies nothing', async () => {
    const taken = join(root, 'taken');
    mkdirSync(taken);
    copyFileSync(join(backupDir, 'backup.json'), join(taken, 'other'));
    const refused = await jejak(dataDir, 'backup', taken).catch((error: Error) => ({
      code: 2,
      out: error.message,
    }));
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/not empty/);
    expect(existsSync(join(taken, 'events.sqlite'))).toBe(false);
  });
});
