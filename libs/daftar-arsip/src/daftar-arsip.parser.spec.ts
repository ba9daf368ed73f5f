import { UNKNOWN_COLUMN_MESSAGE } from './daftar-arsip.columns';
import { detectDelimiter, parseDaftarArsip } from './daftar-arsip.parser';

const UNITS: Record<string, string> = { 'kecamatan babelan': 'kec-babelan' };
const resolveUnit = (text: string) => (text.startsWith('kec-') ? text : UNITS[text.toLowerCase()]);

describe('parseDaftarArsip', () => {
  it('reads an Indonesian Excel export: `;`, BOM, CRLF and Indonesian headers', () => {
    const csv =
      '\uFEFFNo;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Tingkat Perkembangan;Jumlah;No. Boks;No. Folder;Keterangan;Klasifikasi Keamanan;Unit Pengolah;Retensi Aktif;Retensi Inaktif;Nasib Akhir\r\n' +
      '1;900.1.3;Laporan keuangan;2015 s.d. 2017;ASLI;2 berkas;B-01;F-07;rusak ringan;Sangat Rahasia;Kecamatan Babelan;2 tahun;5 th;Dinilai Kembali\r\n';
    const parsed = parseDaftarArsip(csv, { resolveUnit });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        no: '1',
        body: {
          kind: 'file',
          classificationCode: '900.1.3',
          title: 'Laporan keuangan',
          period: { from: 2015, to: 2017 },
          copyStatus: 'asli',
          quantity: { count: 2, unit: 'berkas' },
          boxNo: 'B-01',
          folderNo: 'F-07',
          notes: 'rusak ringan',
          securityClass: 'sangat_rahasia',
          originUnitId: 'kec-babelan',
          retention: { activeYears: 2, inactiveYears: 5, disposition: 'dinilai_kembali' },
        },
      },
    ]);
  });

  it('reads the field names of POST /api/items as headers, comma-separated with quoted cells', () => {
    const csv =
      'id,kind,title,classificationCode,securityClass,year,quantity,addresseeUnitId,letterNumber,letterDate\n' +
      'S-1,surat,"Undangan, rapat",000.2.3,biasa,2026,1 lembar,kec-babelan,005/1/2026,02/11/2026\n';
    const { rows, errors } = parseDaftarArsip(csv, {
      defaultOriginUnitId: 'kec-cikarang-utara',
      resolveUnit,
    });
    expect(errors).toEqual([]);
    expect(rows[0].body).toEqual({
      id: 'S-1',
      kind: 'letter',
      title: 'Undangan, rapat',
      classificationCode: '000.2.3',
      securityClass: 'biasa',
      originUnitId: 'kec-cikarang-utara',
      year: 2026,
      quantity: { count: 1, unit: 'lembar' },
      addresseeUnitId: 'kec-babelan',
      letterNumber: '005/1/2026',
      letterDate: '2026-11-02',
    });
  });

  it.each([
    ['2019', { year: 2019 }],
    ['2015-2017', { period: { from: 2015, to: 2017 } }],
    ['2015 – 2017', { period: { from: 2015, to: 2017 } }],
    ['2015 s/d 2017', { period: { from: 2015, to: 2017 } }],
    ['2015 sampai dengan 2017', { period: { from: 2015, to: 2017 } }],
    ['2018-2018', { year: 2018 }],
  ])('reads the kurun waktu %s', (cell, expected) => {
    const { rows, errors } = parseDaftarArsip(`Kode Klasifikasi;Uraian;Kurun Waktu\n900;Buku kas;${cell}\n`);
    expect(errors).toEqual([]);
    expect(rows[0].body).toMatchObject(expected);
  });

  it('numbers rows as the spreadsheet does: title lines, blank rows and multi-line cells included', () => {
    const csv = [
      'DAFTAR ARSIP USUL PINDAH;;',
      'No;Kode Klasifikasi;Uraian Informasi;Jumlah',
      '1;900;"Buku kas',
      'umum";2 berkas',
      ';;;',
      '',
      '3;900;Buku bank;dua',
    ].join('\n');
    const { rows, errors } = parseDaftarArsip(csv);
    expect(rows.map((r) => [r.row, r.body.title])).toEqual([
      [3, 'Buku kas\numum'],
      [6, 'Buku bank'],
    ]);
    expect(errors).toEqual([
      { row: 6, column: 'Jumlah', message: expect.stringContaining("'dua'"), code: 'validation-failed' },
    ]);
  });

  it('reports every unreadable cell of every row, under the header the file uses', () => {
    const csv =
      'kode;uraian;tahun;jumlah;retensi aktif;tanggal surat\n900;A;kemarin;2 berkas;lima;2026-11-02\n900;B;2019;;2;31 Nov\n';
    const { errors } = parseDaftarArsip(csv);
    expect(errors.map((e) => `${e.row}/${e.column}`)).toEqual([
      '2/tahun',
      '2/retensi aktif',
      '3/tanggal surat',
    ]);
  });

  it('refuses unknown and doubled columns, values outside the header, and a list without a header', () => {
    expect(parseDaftarArsip('Kode Klasifikasi;Uraian;Rak;Judul\n900;A;3;B;extra\n').errors).toEqual([
      { row: 1, column: 'Rak', message: UNKNOWN_COLUMN_MESSAGE, code: 'validation-failed' },
      { row: 1, column: 'Judul', message: "kolom yang sama dengan 'Uraian'", code: 'validation-failed' },
      { row: 2, column: 'kolom 5', message: 'isian di luar kolom yang berjudul', code: 'validation-failed' },
    ]);
    expect(parseDaftarArsip('a;b\n1;2\n').errors).toEqual([
      expect.objectContaining({
        row: 1,
        message: expect.stringContaining('baris judul kolom tidak ditemukan'),
      }),
    ]);
    expect(parseDaftarArsip('Kode;Uraian\n900;"not closed\n').errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('tidak terbaca sebagai CSV') }),
    ]);
  });

  it('names body fields by the header of the file, or the usual Indonesian one when absent', () => {
    const { columnOf } = parseDaftarArsip('kode;uraian;tahun;nasib akhir\n');
    expect(columnOf('classificationCode')).toBe('kode');
    expect(columnOf('period.from')).toBe('tahun');
    expect(columnOf('year')).toBe('tahun');
    expect(columnOf('retention.disposition')).toBe('nasib akhir');
    expect(columnOf('retention.activeYears')).toBe('Retensi Aktif');
    expect(columnOf('securityClass')).toBe('Klasifikasi Keamanan');
  });
});

describe('parseDaftarArsip on the ANRI forms', () => {
  it('reads the headers of the daftar arsip inaktif, skipping the line that numbers the columns', () => {
    const table = [
      ['DAFTAR ARSIP INAKTIF'],
      [
        'No. Berkas',
        'Kode Klasifikasi',
        'Uraian Informasi Berkas',
        'Kurun Waktu',
        'Tk. Perkembangan',
        'Jumlah',
        'No. Definitif Folder',
        'No. Definitif Boks',
        'Klasifikasi Keamanan dan Hak Akses',
        'Ket.',
      ],
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
      [
        '1',
        '900.1.3',
        'Laporan keuangan – triwulan I',
        '2019',
        'Asli',
        '3 bundel',
        'F-1',
        'B-2',
        'Biasa/Terbuka',
        '',
      ],
    ];
    const { rows, errors } = parseDaftarArsip(table);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 4,
        no: '1',
        body: {
          kind: 'file',
          classificationCode: '900.1.3',
          title: 'Laporan keuangan – triwulan I',
          year: 2019,
          copyStatus: 'asli',
          quantity: { count: 3, unit: 'bundel' },
          folderNo: 'F-1',
          boxNo: 'B-2',
          securityClass: 'biasa',
        },
      },
    ]);
  });

  it('names every accepted column when one is unknown', () => {
    const { errors } = parseDaftarArsip('Kode Klasifikasi;Uraian Informasi;Lokasi Rak\n900;A;3\n');
    expect(errors).toHaveLength(1);
    for (const column of ['Kode Klasifikasi', 'Uraian Informasi', 'Kurun Waktu', 'Jumlah', 'Keterangan']) {
      expect(errors[0].message).toContain(column);
    }
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['No;Kode;Uraian\n1;2;3', ';'],
    ['No,Kode,Uraian\n1,2,3', ','],
    ['"Kode; lama",Uraian,Tahun\n', ','],
    ['Uraian\nA', ','],
  ])('%j → %j', (csv, expected) => expect(detectDelimiter(csv)).toBe(expected));
});
