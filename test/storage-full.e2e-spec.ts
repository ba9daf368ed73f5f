import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headPosition } from './support/store-probe';
import { aFile, bearer, startTestApp, type TestApp } from './support/test-app';

/** A 24 MiB tmpfs of its own, so the test can fill a disk; null where mounting is not allowed. */
function mountSmallDisk(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

/** Writes a file until the disk has no byte left. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    const small = Buffer.alloc(512, 1);
    try {
      for (;;) writeSync(fd, small);
    } catch {
      // full to the last block
    }
  } finally {
    closeSync(fd);
  }
}

const disk = mountSmallDisk();
const describeWithDisk = disk ? describe : describe.skip;
if (!disk) console.log('skipped: disk-full suite needs to mount a tmpfs (root)');

describeWithDisk('a full disk', () => {
  let t: TestApp;
  let officer: string;
  const filler = join(disk ?? '', 'filler');

  beforeAll(async () => {
    t = await startTestApp({}, join(disk!, 'data'));
    officer = (await t.token('officer', 'kec-cikarang-utara')).token;
  });
  afterAll(async () => {
    await t.close();
    execFileSync('umount', [disk!]);
    rmSync(disk!, { recursive: true, force: true });
  });

  it('answers 503 storage-full with Retry-After, records nothing, says so in /health/ready, and resumes once space is freed', async () => {
    await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile({ id: 'FULL-BEFORE' }))
      .expect(201);
    fillDisk(filler);

    let refused: { status: number; headers: Record<string, string>; body: Record<string, unknown> } | null =
      null;
    const acknowledgedWhileFull: string[] = [];
    // Pages the WAL already has are reused first: write until SQLite needs a new one.
    for (let i = 0; i < 3000 && !refused; i++) {
      const before = await headPosition(t);
      const response = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ id: `FULL-${i}`, title: `Berkas ${i} `.padEnd(900, 'x') }));
      if (response.status === 201) acknowledgedWhileFull.push(`FULL-${i}`);
      else {
        refused = response;
        expect(await headPosition(t)).toBe(before);
      }
    }
    expect(refused).not.toBeNull();
    expect({ status: refused!.status, code: refused!.body.code }).toEqual({
      status: 503,
      code: 'storage-full',
    });
    expect(refused!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);

    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body.error)).toMatch(/storage-full: the disk under .* is full/);

    unlinkSync(filler);
    const resumed = await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile({ id: 'FULL-AFTER' }));
    expect(resumed.status).toBe(201);
    const read = (id: string) =>
      t
        .http()
        .get(`/api/items/${id}?minPosition=${resumed.body.position}`)
        .set(...bearer(officer));
    for (const id of ['FULL-AFTER', 'FULL-BEFORE', ...acknowledgedWhileFull]) {
      expect({ id, status: (await read(id)).status }).toEqual({ id, status: 200 });
    }
    // The projector retries after a failed batch: ready comes back once both writers have written.
    let readyAgain = 503;
    for (let i = 0; i < 50 && readyAgain !== 200; i++) {
      readyAgain = (await t.http().get('/health/ready')).status;
      if (readyAgain !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(readyAgain).toBe(200);
  }, 120_000);
});

describe('the read models keep their WAL small', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({}, mkdtempSync(join(tmpdir(), 'jejak-wal-')))));
  afterAll(async () => {
    await t.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('stays under 5 MB after 400 registrations with long titles', async () => {
    const officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    let position = '0';
    for (let i = 0; i < 400; i++) {
      const response = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ id: `WAL-${i}`, title: `Berkas ${i} `.padEnd(900, 'y') }));
      position = response.body.position;
    }
    await t
      .http()
      .get(`/api/items/WAL-399?minPosition=${position}`)
      .set(...bearer(officer))
      .expect(200);
    expect(statSync(join(t.dataDir, 'read-models.sqlite-wal')).size).toBeLessThan(5 * 1024 * 1024);
  }, 120_000);
});
