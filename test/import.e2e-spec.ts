import { expectNothingRecorded, headPosition } from './support/store-probe';
import { ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

const HEADER =
  'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Tingkat Perkembangan;Jumlah;No. Boks;No. Folder;Keterangan;Klasifikasi Keamanan;Retensi Aktif;Retensi Inaktif;Nasib Akhir';

const csvOf = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

const GOOD_ROWS = [
  '1;900.1.3;Laporan Realisasi Anggaran Kecamatan 2019;2019;asli;2 berkas;B-001;F-01;Lengkap;biasa;2;3;musnah',
  '2;800.1.2;Berkas kepegawaian honorer;2015-2017;Salinan;15 lembar;B-001;F-02;;Terbatas;2 tahun;5 tahun;Dinilai Kembali',
  '3;000.2.3;Notulen rapat koordinasi kearsipan;2021;tembusan;1 boks;B-002;F-03;;biasa;1;1;permanen',
];

interface Problem {
  status: number;
  code: string;
  detail: string;
  acceptedColumns?: { column: string; variants: string[] }[];
  errors: { field: string; message: string }[];
  rows: { row: number; errors: { column: string; message: string }[] }[];
}

describe('import of a daftar arsip (POST /api/imports/daftar-arsip)', () => {
  let t: TestApp;
  let officer: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    auditor = (await t.token('auditor')).token;
  });
  afterAll(() => t.close());

  const postCsv = (csv: string | Buffer, token = officer, query: Record<string, string> = {}) =>
    t
      .http()
      .post('/api/imports/daftar-arsip')
      .query(query)
      .set(...bearer(token))
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(typeof csv === 'string' ? csv : csv.toString('utf8'));

  const item = async (itemId: string, minPosition: string) =>
    (
      await t
        .http()
        .get(`/api/items/${itemId}`)
        .query({ minPosition })
        .set(...bearer(auditor))
        .expect(200)
    ).body;

  it('imports nothing from a list with one bad row, and names that row and column', async () => {
    const csv = csvOf(
      GOOD_ROWS[0],
      '2;8OO.1.2 (?);Berkas kepegawaian honorer;2015-2017;salinan;15 lembar;;;;biasa;2;5;musnah',
      GOOD_ROWS[2],
    );
    let response!: { status: number; body: Problem };
    await expectNothingRecorded(t, async () => {
      response = await postCsv(csv);
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation-failed');
    expect(response.body.errors).toEqual([
      { field: 'row 3: Kode Klasifikasi', message: expect.stringContaining('contoh: 000.2.3') },
    ]);
    expect(response.body.rows).toEqual([
      { row: 3, errors: [{ column: 'Kode Klasifikasi', message: expect.any(String) }] },
    ]);
    expect(response.body.detail).toContain('tidak ada yang dicatat');
  });

  it('reports every bad row and cell of a list at once', async () => {
    const csv = csvOf(
      '1;900.1.3;;2019;asli;2 berkas;;;;biasa;2;3;musnah',
      GOOD_ROWS[1],
      '3;000.2.3;Notulen;kemarin;fotokopi;dua berkas;;;;biasa;1;1;dibakar',
    );
    const response = await expectRefused(csv, 400);
    const fields = response.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'row 2: Uraian Informasi',
        'row 4: Kurun Waktu',
        'row 4: Tingkat Perkembangan',
        'row 4: Jumlah',
        'row 4: Nasib Akhir',
      ]),
    );
    expect(response.rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it('imports every row of the corrected list, with the fields of the daftar arsip', async () => {
    const response = await postCsv(csvOf(...GOOD_ROWS)).expect(201);
    expect(response.body).toEqual({
      importId: expect.any(String),
      imported: 3,
      itemIds: expect.any(Array),
      position: expect.any(String),
    });
    const { itemIds, position } = response.body as { itemIds: string[]; position: string };
    expect(new Set(itemIds).size).toBe(3);

    const all = await t
      .http()
      .get('/api/items')
      .query({ minPosition: position, originUnitId: 'kec-cikarang-utara', limit: 500 })
      .set(...bearer(auditor))
      .expect(200);
    const found = (all.body.items as { itemId: string }[]).map((i) => i.itemId);
    expect(found).toEqual(expect.arrayContaining(itemIds));

    expect(await item(itemIds[1], position)).toMatchObject({
      kind: 'file',
      status: 'registered',
      title: 'Berkas kepegawaian honorer',
      classificationCode: '800.1.2',
      securityClass: 'terbatas',
      originUnitId: 'kec-cikarang-utara',
      custodianId: 'kec-cikarang-utara',
      period: { from: 2015, to: 2017 },
      copyStatus: 'salinan',
      quantity: { count: 15, unit: 'lembar' },
      boxNo: 'B-001',
      folderNo: 'F-02',
      retention: { activeYears: 2, inactiveYears: 5, disposition: 'dinilai_kembali' },
    });
    expect(await item(itemIds[0], position)).toMatchObject({
      year: 2019,
      notes: 'Lengkap',
      quantity: { count: 2, unit: 'berkas' },
    });
    expect(await item(itemIds[2], position)).toMatchObject({
      year: 2021,
      quantity: { count: 1, unit: 'boks' },
      retention: { disposition: 'permanen' },
    });
  });

  it('reads comma-separated lists with a BOM, English field names, quoted cells and unit names', async () => {
    const csv =
      '\uFEFFid,title,classificationCode,securityClass,year,quantity,originUnitId,notes\n' +
      'ARS-IMP-0001,"Surat keputusan camat, tahun 2020",100.3.4,biasa,2020,3 berkas,Kecamatan Cikarang Utara,"baris ""kutipan"""\n' +
      'ARS-IMP-0002,Daftar hadir pegawai,800.1.2,biasa,2020,1,kec-cikarang-utara,\n';
    const response = await postCsv(csv).expect(201);
    expect(response.body.itemIds).toEqual(['ARS-IMP-0001', 'ARS-IMP-0002']);
    expect(await item('ARS-IMP-0001', response.body.position)).toMatchObject({
      title: 'Surat keputusan camat, tahun 2020',
      originUnitId: 'kec-cikarang-utara',
      notes: 'baris "kutipan"',
      quantity: { count: 3, unit: 'berkas' },
    });
  });

  it('skips title lines above the header and blank rows, counting spreadsheet rows as the user sees them', async () => {
    const csv = [
      'DAFTAR ARSIP USUL PINDAH;;;',
      'Kecamatan Cikarang Utara;;;',
      'No;Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan;Tahun',
      '1;900.1.3;Buku kas umum;biasa;2018',
      ';;;;',
      '3;900.1.3;Buku kas pembantu;rahasia umum;2018',
    ].join('\n');
    const response = await expectRefused(csv, 400);
    expect(response.errors).toEqual([{ field: 'row 6: Klasifikasi Keamanan', message: expect.any(String) }]);
  });

  it('refuses a list with a classified row (422) and records nothing', async () => {
    const csv = csvOf(
      GOOD_ROWS[0],
      '2;800.1.2;Berkas pemeriksaan khusus;2019;asli;1 berkas;;;;Sangat Rahasia;2;5;musnah',
    );
    const response = await expectRefused(csv, 422);
    expect(response.code).toBe('classified-not-accepted');
    expect(response.errors).toEqual([
      { field: 'row 3: Klasifikasi Keamanan', message: expect.stringContaining('sangat_rahasia') },
    ]);
  });

  it("refuses an officer's import for another unit (403) and records nothing", async () => {
    const byQuery = await expectRefused(csvOf(GOOD_ROWS[0]), 403, officer, { originUnitId: 'kec-babelan' });
    expect(byQuery.code).toBe('forbidden');
    expect(byQuery.errors[0].field).toBe('row 2: Unit Pengolah');

    const byColumn = `Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan;Unit Pengolah\n900.1.3;Buku kas;biasa;Kecamatan Babelan\n`;
    expect((await expectRefused(byColumn, 403)).errors[0].field).toBe('row 2: Unit Pengolah');

    const courier = (await t.token('courier')).token;
    await expectNothingRecorded(t, async () => {
      await postCsv(csvOf(GOOD_ROWS[0]), courier).expect(403);
    });
  });

  it('lets an admin import for any unit named in the query', async () => {
    const response = await postCsv(csvOf(GOOD_ROWS[0]), ADMIN_TOKEN, { originUnitId: 'kec-babelan' }).expect(
      201,
    );
    expect(await item(response.body.itemIds[0], response.body.position)).toMatchObject({
      originUnitId: 'kec-babelan',
    });
  });

  it('refuses an id already registered, unknown columns, an empty list and a JSON body', async () => {
    const again =
      'ID;Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan\nARS-IMP-0001;900.1.3;Lagi;biasa\n';
    expect((await expectRefused(again, 400)).errors).toEqual([
      { field: 'row 2: ID', message: expect.stringContaining('sudah terdaftar') },
    ]);

    const typo =
      'Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan;Lokasi Simpan\n900.1.3;Buku kas;biasa;Rak 3\n';
    const unknown = await expectRefused(typo, 400);
    expect(unknown.errors).toEqual([
      { field: 'row 1: Lokasi Simpan', message: expect.stringContaining('kolom tidak dikenal') },
    ]);
    expect(unknown.errors[0].message).toContain('Uraian Informasi, Kurun Waktu');
    expect(unknown.acceptedColumns).toEqual(
      expect.arrayContaining([
        { column: 'Uraian Informasi', variants: expect.arrayContaining(['Uraian Informasi Berkas']) },
        { column: 'No', variants: expect.arrayContaining(['No. Berkas']) },
      ]),
    );

    expect((await expectRefused(HEADER + '\n', 400)).detail).toContain('tidak berisi baris');

    await expectNothingRecorded(t, async () => {
      const json = await t
        .http()
        .post('/api/imports/daftar-arsip')
        .set(...bearer(officer))
        .send({ rows: [] });
      expect({ status: json.status, code: json.body.code }).toEqual({
        status: 415,
        code: 'unsupported-media-type',
      });
      const csvElsewhere = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .set('Content-Type', 'text/csv')
        .send('a;b\n1;2\n');
      expect(csvElsewhere.status).toBe(415);
    });
  });

  it('refuses a list over the import body limit (413) and records nothing', async () => {
    const small = await startTestApp({ JEJAK_IMPORT_LIMIT_BYTES: '4096' });
    try {
      const token = (await small.token('officer', 'kec-cikarang-utara')).token;
      const row =
        '1;900.1.3;Buku kas umum dengan uraian yang cukup panjang;2019;asli;1 berkas;;;;biasa;2;3;musnah';
      const csv = csvOf(...Array.from({ length: Math.ceil(4096 / row.length) + 1 }, () => row));
      const before = await headPosition(small);
      const response = await small
        .http()
        .post('/api/imports/daftar-arsip')
        .set(...bearer(token))
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(csv);
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 413,
        code: 'payload-too-large',
      });
      expect(await headPosition(small)).toBe(before);
    } finally {
      await small.close();
    }
  });

  it('answers a retried import with the same Idempotency-Key the same way, registering nothing twice', async () => {
    const csv = csvOf(
      '1;900.1.3;Register surat masuk 2022;2022;asli;1 berkas;;;;biasa;2;3;musnah',
      '2;900.1.3;Register surat keluar 2022;2022;asli;1 berkas;;;;biasa;2;3;musnah',
    );
    const first = await postCsv(csv).set('Idempotency-Key', 'import-2026-11-30-a').expect(201);
    const head = await headPosition(t);
    const retry = await postCsv(csv).set('Idempotency-Key', 'import-2026-11-30-a').expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await headPosition(t)).toBe(head);

    const other = await postCsv(csv.replace('surat keluar', 'surat keluar (revisi)')).set(
      'Idempotency-Key',
      'import-2026-11-30-a',
    );
    expect({ status: other.status, code: other.body.code }).toEqual({
      status: 422,
      code: 'idempotency-key-reused',
    });
    expect(await headPosition(t)).toBe(head);
  });

  describe('with ?transferBaNumber=&transferToId= (the transfer of the imported items)', () => {
    const transferCsv = (year = 2016) =>
      csvOf(
        `1;900.1.3;Buku kas umum;${year};asli;1 berkas;;;;biasa;2;3;musnah`,
        `2;900.1.3;Buku kas pembantu;${year};asli;1 berkas;;;;biasa;2;3;musnah`,
      );
    const toDepot = { transferBaNumber: 'BA-031/ARS/2026', transferToId: 'depo-arsip-bekasi' };

    it('imports the items and creates their transfer to the depot, answering both', async () => {
      const csv = transferCsv();
      const response = await postCsv(csv, officer, toDepot)
        .set('Idempotency-Key', 'import-with-transfer-1')
        .expect(201);
      expect(response.body).toMatchObject({
        imported: 2,
        transfer: {
          transferId: expect.any(String),
          baNumber: 'BA-031/ARS/2026',
          fromId: 'kec-cikarang-utara',
          toId: 'depo-arsip-bekasi',
        },
      });
      const { itemIds, position, transfer } = response.body;
      const view = await t
        .http()
        .get(`/api/transfers/${transfer.transferId}`)
        .query({ minPosition: position })
        .set(...bearer(auditor))
        .expect(200);
      expect(JSON.stringify(view.body)).toContain(itemIds[0]);
      expect(JSON.stringify(view.body)).toContain(itemIds[1]);

      const head = await headPosition(t);
      const retry = await postCsv(csv, officer, toDepot)
        .set('Idempotency-Key', 'import-with-transfer-1')
        .expect(201);
      expect(retry.body).toEqual(response.body);
      expect(await headPosition(t)).toBe(head);
    });

    it('refuses, recording nothing, a transfer to an unknown place, from two units, or half-specified', async () => {
      const unknown = await expectRefused(transferCsv(2017), 400, officer, {
        ...toDepot,
        transferToId: 'depo-tidak-ada',
      });
      expect(unknown.errors).toEqual([
        { field: 'transferToId', message: "lokasi tidak dikenal 'depo-tidak-ada'" },
      ]);

      const twoUnits = `Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan;Unit Pengolah\n900.1.3;Buku A;biasa;kec-cikarang-utara\n900.1.3;Buku B;biasa;kec-babelan\n`;
      const mixed = await expectRefused(twoUnits, 400, ADMIN_TOKEN, toDepot);
      expect(mixed.errors).toEqual([
        {
          field: 'row 3: Unit Pengolah',
          message: expect.stringContaining('satu pemindahan berangkat dari satu unit'),
        },
      ]);

      const half = await expectRefused(transferCsv(2017), 400, officer, {
        transferBaNumber: 'BA-032/ARS/2026',
      });
      expect(half.errors).toEqual([{ field: 'transferToId', message: expect.any(String) }]);
    });
  });

  async function expectRefused(
    csv: string,
    status: number,
    token = officer,
    query: Record<string, string> = {},
  ): Promise<Problem> {
    let response!: { status: number; body: Problem };
    await expectNothingRecorded(t, async () => {
      response = await postCsv(csv, token, query);
    });
    expect({ status: response.status, body: response.body }).toEqual({
      status,
      body: expect.objectContaining({ status }),
    });
    return response.body;
  }
});
