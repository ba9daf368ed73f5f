import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { ImportLedgerStore } from '@jejak/directory';
import { listFingerprint, readDaftarArsipFile } from '@jejak/daftar-arsip';
import { runCli } from '../apps/cli/src/main';
import { headPosition } from './support/store-probe';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { DAFTAR_ARSIP_SAMPLE as LIST } from './support/daftar-arsip-sample';

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Daftar Arsip');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe('jejak import daftar-arsip FILE.csv|FILE.xlsx', () => {
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
        expect.stringMatching(/^baris 3, Kurun Waktu: /),
        expect.stringMatching(/^baris 4, Klasifikasi Keamanan: /),
      ]),
    );
    expect(run.err[run.err.length - 1]).toContain('tidak ada yang diimpor');
    expect(run.out).toEqual([]);
    expect(await headPosition(t)).toBe(before);
  });

  it('imports a valid list (exit 0) into the event store, and refuses to import it again unless asked', async () => {
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
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toContain(`sudah diimpor pada`);
    expect(again.err.join('\n')).toContain('--allow-duplicate');
    expect(again.out).toEqual([]);
    expect(await headPosition(t)).toBe(head);

    const asked = await jejak(
      'import',
      'daftar-arsip',
      file,
      '--unit',
      'kec-cikarang-utara',
      '--allow-duplicate',
    );
    expect(asked.code).toBe(0);
    const second = JSON.parse(asked.out.join('\n')) as { recorded: number; itemIds: string[] };
    expect(second.recorded).toBe(3);
    expect(second.itemIds.filter((id) => result.itemIds.includes(id))).toEqual([]);
  });

  it('shares the service’s ledger: refuses a list the service imported or is importing, recording nothing', async () => {
    const csv = 'Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan\n900.1.3;Buku ekspedisi 2015;biasa\n';
    const officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    const overHttp = await t
      .http()
      .post('/api/imports/daftar-arsip')
      .set(...bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(csv))
      .expect(201);
    const file = fileWith('imported-by-the-service.csv', csv);
    let head = await headPosition(t);
    const again = await jejak('import', 'daftar-arsip', file, '--unit', 'kec-cikarang-utara');
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toContain(`sudah diimpor pada`);
    expect(again.err.join('\n')).toContain(overHttp.body.importId);
    expect(await headPosition(t)).toBe(head);

    // A list the service is importing right now (its claim in the shared ledger).
    const other =
      'Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan\n900.1.3;Buku ekspedisi 2016;biasa\n';
    const read = await readDaftarArsipFile(Buffer.from(other), { contentType: 'text/csv' });
    if ('error' in read) throw new Error('the list must read');
    const fingerprint = listFingerprint(read.table, 'kec-cikarang-utara');
    const ledger = t.app.get(ImportLedgerStore);
    const claim = {
      fingerprint,
      holder: 'the-service',
      request: null,
      actorId: 'PA-009',
      allowDuplicate: false,
    };
    expect(await ledger.claim(claim)).toMatchObject({ ok: true });
    const otherFile = fileWith('being-imported.csv', other);
    head = await headPosition(t);
    const busy = await jejak('import', 'daftar-arsip', otherFile, '--unit', 'kec-cikarang-utara');
    expect(busy.code).toBe(1);
    expect(busy.err.join('\n')).toContain('sedang diimpor sejak');
    expect(busy.err.join('\n')).toContain('PA-009');
    expect(await headPosition(t)).toBe(head);
    await ledger.release(fingerprint, 'the-service');
    expect((await jejak('import', 'daftar-arsip', otherFile, '--unit', 'kec-cikarang-utara')).code).toBe(0);
  });

  it("imports as a token holder with that holder's rights: an officer of another unit is refused", async () => {
    const officer = await t.token('officer', 'kec-babelan', 'PA-BABELAN-01');
    const before = await headPosition(t);
    const refused = await jejak(
      'import',
      'daftar-arsip',
      fileWith('as.csv', LIST.replace(/2016/g, '2014')),
      '--unit',
      'kec-cikarang-utara',
      '--as',
      officer.principalId,
    );
    expect(refused.code).toBe(1);
    expect(refused.err.filter((line) => line.startsWith('baris '))).toHaveLength(3);
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

  it('imports a Windows-1252 CSV with the ANRI headers and "bundel", and an XLSX', async () => {
    const ansi = Buffer.from(
      'No. Berkas;Kode Klasifikasi;Uraian Informasi Berkas;Kurun Waktu;Jumlah;Klasifikasi Keamanan dan Hak Akses\r\n' +
        '1;900.1.3;Laporan keuangan \u2013 triwulan I (r\u00e9visi);2019;3 bundel;Biasa/Terbuka\r\n',
      'latin1',
    );
    ansi[ansi.indexOf(0x13, 100)] = 0x96; // "–" as Windows-1252 writes it (latin1 above cut it to 0x13)
    const path = join(t.dataDir, 'ansi.csv');
    writeFileSync(path, ansi);
    const csv = await jejak('import', 'daftar-arsip', path, '--unit', 'kec-cikarang-utara');
    expect(csv.code).toBe(0);
    const [fromCsv] = JSON.parse(csv.out.join('\n')).itemIds as string[];
    expect((await registered(fromCsv)).data).toMatchObject({
      title: 'Laporan keuangan \u2013 triwulan I (r\u00e9visi)',
      quantity: { count: 3, unit: 'bundel' },
      securityClass: 'biasa',
    });

    const xlsxPath = join(t.dataDir, 'daftar.xlsx');
    writeFileSync(
      xlsxPath,
      await xlsxOf([
        ['Kode Klasifikasi', 'Uraian Informasi', 'Jumlah', 'Sifat'],
        ['900.1.3', 'Buku bank 日本', '2 map', 'Biasa'],
      ]),
    );
    const xlsx = await jejak('import', 'daftar-arsip', xlsxPath, '--unit', 'kec-cikarang-utara');
    expect(xlsx.err.filter((line) => !line.startsWith('import: '))).toEqual([]);
    expect(xlsx.code).toBe(0);
    const [fromXlsx] = JSON.parse(xlsx.out.join('\n')).itemIds as string[];
    expect((await registered(fromXlsx)).data).toMatchObject({
      title: 'Buku bank 日本',
      quantity: { count: 2, unit: 'map' },
    });
  });

  it('answers --dry-run with the rows it would import, recording nothing', async () => {
    const before = await headPosition(t);
    const file = fileWith('dry.csv', LIST.replace(/2016/g, '2015'));
    const run = await jejak('import', 'daftar-arsip', file, '--unit', 'kec-cikarang-utara', '--dry-run');
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.out.join('\n'));
    expect(answer).toMatchObject({ dryRun: true, format: 'csv', wouldImport: 3 });
    expect(answer.rows[0]).toMatchObject({ row: 2, title: 'Buku kas umum 2015', year: 2015 });
    expect(await headPosition(t)).toBe(before);

    const real = await jejak('import', 'daftar-arsip', file, '--unit', 'kec-cikarang-utara');
    expect(real.code).toBe(0);
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
