import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { runCli } from '../apps/cli/src/main';
import { headPosition } from './support/store-probe';
import { startTestApp, type TestApp } from './support/test-app';
import { DAFTAR_ARSIP_SAMPLE as LIST } from './support/daftar-arsip-sample';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe('jejak import daftar-arsip FILE.csv', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function jejak(...args: string[]): Promise<Run> {
    const run: Run = { code: -1, out: [], err: [] };
    run.code = await runCli(
      args,
      { out: (line) => run.out.push(line), err: (line) => run.err.push(line) },
      { JEJAK_DATA_DIR: t.dataDir, JEJAK_LOG_LEVEL: 'silent' },
    );
    return run;
  }

  // Read from the store itself: what the CLI recorded reaches the service's read models a moment
  // later, when its projector notices another process's commit.
  const registered = async (itemId: string) => {
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(`item-${itemId}`);
    expect(events.map((e) => e.type)).toEqual(['registered']);
    return events[0].data as { actor: unknown; data: Record<string, unknown> };
  };

  const fileWith = (name: string, content: string) => {
    const path = join(t.dataDir, name);
    writeFileSync(path, content);
    return path;
  };

  it('exits 1 listing every bad row, and imports nothing', async () => {
    const bad = LIST.replace(
      'Buku kas pembantu 2016;2016',
      'Buku kas pembantu 2016;dua ribu enam belas',
    ).replace('terbatas', 'rahasia');
    const before = await headPosition(t);
    const run = await jejak(
      'import',
      'daftar-arsip',
      fileWith('bad.csv', bad),
      '--unit',
      'kec-cikarang-utara',
    );
    expect(run.code).toBe(1);
    expect(run.err).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^row 3, Kurun Waktu: /),
        expect.stringMatching(/^row 4, Klasifikasi Keamanan: /),
      ]),
    );
    expect(run.err[run.err.length - 1]).toContain('nothing was imported');
    expect(run.out).toEqual([]);
    expect(await headPosition(t)).toBe(before);
  });

  it('imports a valid list (exit 0) into the event store, and running it again records nothing twice', async () => {
    const file = fileWith('good.csv', LIST);
    const run = await jejak('import', 'daftar-arsip', file, '--unit', 'kec-cikarang-utara');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out.join('\n')) as {
      imported: number;
      recorded: number;
      itemIds: string[];
      position: string;
    };
    expect(result).toMatchObject({ imported: 3, recorded: 3 });
    expect(run.err[run.err.length - 1]).toMatch(/^import: done in/);

    for (const itemId of result.itemIds) {
      expect((await registered(itemId)).data).toMatchObject({
        originUnitId: 'kec-cikarang-utara',
        year: 2016,
      });
    }
    expect((await registered(result.itemIds[2])).data).toMatchObject({
      title: 'Daftar hadir pegawai 2016',
      securityClass: 'terbatas',
    });
    expect((await registered(result.itemIds[0])).actor).toMatchObject({ role: 'admin' });

    const head = await headPosition(t);
    const again = await jejak('import', 'daftar-arsip', file, '--unit', 'kec-cikarang-utara');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out.join('\n'))).toMatchObject({
      imported: 3,
      recorded: 0,
      itemIds: result.itemIds,
    });
    expect(await headPosition(t)).toBe(head);
  });

  it("imports as a token holder with that holder's rights: an officer of another unit is refused", async () => {
    const officer = await t.token('officer', 'kec-babelan', 'PA-BABELAN-01');
    const before = await headPosition(t);
    const refused = await jejak(
      'import',
      'daftar-arsip',
      fileWith('as.csv', LIST),
      '--unit',
      'kec-cikarang-utara',
      '--as',
      officer.principalId,
    );
    expect(refused.code).toBe(1);
    expect(refused.err.filter((line) => line.startsWith('row '))).toHaveLength(3);
    expect(await headPosition(t)).toBe(before);

    const own = await jejak(
      'import',
      'daftar-arsip',
      fileWith('own.csv', LIST),
      '--unit',
      'kec-babelan',
      '--as',
      officer.principalId,
    );
    expect(own.code).toBe(0);
    const { itemIds } = JSON.parse(own.out.join('\n'));
    expect((await registered(itemIds[0])).actor).toEqual({
      id: 'PA-BABELAN-01',
      role: 'officer',
      unitId: 'kec-babelan',
    });
  });

  it('refuses usage mistakes as usage errors (exit 2)', async () => {
    await expect(jejak('import', 'daftar-arsip')).rejects.toThrow('usage: jejak import daftar-arsip');
    await expect(
      jejak('import', 'daftar-arsip', fileWith('x.csv', LIST), '--unit', 'kec-nowhere'),
    ).rejects.toThrow("unknown unit 'kec-nowhere'");
    await expect(jejak('import', 'daftar-arsip', join(t.dataDir, 'missing.csv'))).rejects.toThrow(
      'cannot read',
    );
  });
});
