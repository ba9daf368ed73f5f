import ExcelJS from 'exceljs';
import { expectNothingRecorded, headPosition } from './support/store-probe';
import { bearer, startTestApp, aFile, type TestApp } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text as Excel's "CSV" saves it on Windows: Windows-1252, one byte per letter ("–" is 0x96). */
function windows1252(text: string): Buffer {
  const high: Record<string, number> = { '–': 0x96, '—': 0x97, '“': 0x93, '”': 0x94, '€': 0x80 };
  return Buffer.from(
    Array.from(text, (c) => {
      if (high[c] !== undefined) return high[c];
      if (c.charCodeAt(0) > 0xff) throw new Error(`not in Windows-1252: ${c}`);
      return c.charCodeAt(0);
    }),
  );
}

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Daftar Arsip');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The headers of the ANRI daftar arsip inaktif, with the line numbering its columns. */
const ANRI_HEADER =
  'No. Berkas;Kode Klasifikasi;Uraian Informasi Berkas;Kurun Waktu;Tk. Perkembangan;Jumlah;No. Definitif Folder;No. Definitif Boks;Klasifikasi Keamanan dan Hak Akses;Ket.\r\n' +
  '1;2;3;4;5;6;7;8;9;10\r\n';

describe('daftar arsip files as Excel saves them (POST /api/imports/daftar-arsip)', () => {
  let t: TestApp;
  let officer: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    auditor = (await t.token('auditor')).token;
  });
  afterAll(() => t.close());

  const post = (body: Buffer, contentType: string, query: Record<string, string> = {}) =>
    t
      .http()
      .post('/api/imports/daftar-arsip')
      .query(query)
      .set(...bearer(officer))
      .set('Content-Type', contentType)
      .send(body);

  const item = async (itemId: string, minPosition: string) =>
    (
      await t
        .http()
        .get(`/api/items/${itemId}`)
        .query({ minPosition })
        .set(...bearer(auditor))
        .expect(200)
    ).body;

  it('imports a Windows-1252 CSV with the ANRI headers, "bundel" and "Biasa/Terbuka"', async () => {
    const csv = windows1252(
      `${ANRI_HEADER}1;900.1.3;Laporan keuangan – triwulan I (révisi);2019;Asli;3 bundel;F-01;B-001;Biasa/Terbuka;\r\n`,
    );
    const response = await post(csv, 'text/csv').expect(201);
    expect(response.body).toMatchObject({ imported: 1 });
    expect(await item(response.body.itemIds[0], response.body.position)).toMatchObject({
      title: 'Laporan keuangan – triwulan I (révisi)',
      classificationCode: '900.1.3',
      year: 2019,
      copyStatus: 'asli',
      quantity: { count: 3, unit: 'bundel' },
      folderNo: 'F-01',
      boxNo: 'B-001',
      securityClass: 'biasa',
    });
  });

  it('reads a Windows-1252 CSV sent as "charset=utf-8" too, and a UTF-8 one with a BOM', async () => {
    const ansi = windows1252(`${ANRI_HEADER}1;900.1.3;Arsip “pengadaan” – 2020;2020;asli;1 map;;;biasa;\r\n`);
    const first = await post(ansi, 'text/csv; charset=utf-8').expect(201);
    expect(await item(first.body.itemIds[0], first.body.position)).toMatchObject({
      title: 'Arsip “pengadaan” – 2020',
      quantity: { count: 1, unit: 'map' },
    });
    const bom = Buffer.from(
      `\uFEFF${ANRI_HEADER}1;900.1.3;Arsip 日本 – 2021;2021;asli;2 ordner;;;biasa;\r\n`,
    );
    const second = await post(bom, 'text/csv').expect(201);
    expect(await item(second.body.itemIds[0], second.body.position)).toMatchObject({
      title: 'Arsip 日本 – 2021',
      quantity: { count: 2, unit: 'ordner' },
    });
  });

  it('imports an XLSX', async () => {
    const xlsx = await xlsxOf([
      ['DAFTAR ARSIP INAKTIF KECAMATAN CIKARANG UTARA'],
      ['No', 'Kode Klasifikasi', 'Uraian Informasi Arsip', 'Kurun Waktu', 'Jumlah', 'Klasifikasi Keamanan'],
      [1, '800.1.2', 'Berkas kepegawaian – honorer', '2015-2017', '15 lembar', 'Terbatas'],
      [2, '900.1.3', 'Buku kas umum', 2018, '1 boks', 'biasa'],
    ]);
    const response = await post(xlsx, XLSX).expect(201);
    expect(response.body.imported).toBe(2);
    const [first, second] = response.body.itemIds as string[];
    expect(await item(first, response.body.position)).toMatchObject({
      title: 'Berkas kepegawaian – honorer',
      period: { from: 2015, to: 2017 },
      securityClass: 'terbatas',
      quantity: { count: 15, unit: 'lembar' },
    });
    expect(await item(second, response.body.position)).toMatchObject({ year: 2018 });
  });

  it('answers a dry run with what would be recorded (200), recording nothing; its refusals are the import’s', async () => {
    const csv = Buffer.from(
      'Kode Klasifikasi;Uraian Informasi;Jumlah;Klasifikasi Keamanan\n900.1.3;Buku kas 2010;3 bundel;biasa\n900.1.3;Buku bank 2010;;biasa\n',
    );
    let dry!: { status: number; body: Record<string, unknown> };
    await expectNothingRecorded(t, async () => {
      dry = await post(csv, 'text/csv', { dryRun: 'true' });
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true,
      format: 'csv',
      wouldImport: 2,
      rows: [
        expect.objectContaining({
          row: 2,
          title: 'Buku kas 2010',
          quantity: { count: 3, unit: 'bundel' },
          originUnitId: 'kec-cikarang-utara',
        }),
        expect.objectContaining({ row: 3, title: 'Buku bank 2010' }),
      ],
    });

    await expectNothingRecorded(t, async () => {
      const bad = await post(Buffer.from(`${csv.toString()}900.1.3;;1 karung;biasa\n`), 'text/csv', {
        dryRun: 'true',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.rows).toEqual([
        {
          row: 4,
          errors: expect.arrayContaining([
            { column: 'Uraian Informasi', message: expect.any(String) },
            { column: 'Jumlah', message: expect.stringContaining('bundel') },
          ]),
        },
      ]);
    });

    // The dry run left the list importable.
    await post(csv, 'text/csv').expect(201);
  });

  it('refuses the same list a second time (409, naming the earlier import) unless asked, recording nothing', async () => {
    const csv = Buffer.from(
      'Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan\n900.1.3;Register surat masuk 2011;biasa\n',
    );
    const first = await post(csv, 'text/csv').expect(201);

    let again!: { status: number; body: Record<string, unknown> };
    await expectNothingRecorded(t, async () => {
      again = await post(csv, 'text/csv');
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'already-exists',
      earlierImport: { importId: first.body.importId, imported: 1, importedAt: expect.any(String) },
      earlierImports: 1,
    });
    expect(again.body.detail).toContain(`sudah diimpor pada`);
    expect(again.body.detail).toContain(first.body.importId);
    expect(again.body.detail).toContain('allowDuplicate=true');

    // The same cells saved as XLSX are the same list; a dry run says what the import would.
    const asXlsx = await xlsxOf([
      ['Kode Klasifikasi', 'Uraian Informasi', 'Klasifikasi Keamanan'],
      ['900.1.3', 'Register surat masuk 2011', 'biasa'],
    ]);
    await expectNothingRecorded(t, async () => {
      expect((await post(asXlsx, XLSX)).status).toBe(409);
      expect((await post(csv, 'text/csv', { dryRun: 'true' })).status).toBe(409);
    });

    const head = await headPosition(t);
    const asked = await post(csv, 'text/csv', { allowDuplicate: 'true' }).expect(201);
    expect(asked.body.itemIds).not.toEqual(first.body.itemIds);
    expect(await headPosition(t)).not.toBe(head);
    const third = await post(csv, 'text/csv');
    expect(third.body.earlierImports).toBe(2);
  });

  it('refuses an .xls, a broken XLSX and spreadsheets elsewhere (415), recording nothing', async () => {
    await expectNothingRecorded(t, async () => {
      const xls = await post(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'text/csv');
      expect({ status: xls.status, detail: xls.body.detail }).toEqual({
        status: 400,
        detail: expect.stringContaining('.xls'),
      });
      const broken = await post(Buffer.from('PK\x03\x04 rusak', 'latin1'), XLSX);
      expect(broken.status).toBe(400);
      const elsewhere = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .set('Content-Type', XLSX)
        .send(await xlsxOf([['a']]));
      expect(elsewhere.status).toBe(415);
    });
  });

  it('serves the blank form as XLSX and CSV to any token, and to nobody without one', async () => {
    const xlsx = await t
      .http()
      .get('/api/imports/daftar-arsip/template.xlsx')
      .set(...bearer(auditor))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.headers['content-disposition']).toContain('templat-daftar-arsip.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Daftar Arsip', 'Petunjuk']);
    expect(workbook.worksheets[0].getRow(1).values).toEqual(
      expect.arrayContaining(['Kode Klasifikasi', 'Uraian Informasi', 'Jumlah', 'Klasifikasi Keamanan']),
    );

    const csv = await t
      .http()
      .get('/api/imports/daftar-arsip/template.csv')
      .set(...bearer(officer))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .split(';')
        .slice(0, 3),
    ).toEqual(['No', 'Kode Klasifikasi', 'Uraian Informasi']);

    // The form, filled in and sent back, imports.
    const filled = Buffer.from(
      `${csv.text.trimEnd()}\r\n1;900.1.3;Buku agenda 2012;2012;asli;2 bundel;;;biasa;2;3;musnah;;;;;;;\r\n`,
    );
    expect((await post(filled, 'text/csv')).status).toBe(201);

    await t.http().get('/api/imports/daftar-arsip/template.csv').expect(401);
  });

  it('takes the units of the forms in POST /api/items too', async () => {
    const registered = await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile({ quantity: { count: 3, unit: 'bundel' } }))
      .expect(201);
    expect(await item(registered.body.itemId, registered.body.position)).toMatchObject({
      quantity: { count: 3, unit: 'bundel' },
    });
    await expectNothingRecorded(t, async () => {
      await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ quantity: { count: 3, unit: 'karung' } }))
        .expect(400);
    });
  });
});
