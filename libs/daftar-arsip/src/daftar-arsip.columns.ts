/** The item fields a daftar arsip column can fill, before conversion to a RegisterItemDto. */
export const IMPORT_FIELDS = [
  'no',
  'id',
  'kind',
  'classificationCode',
  'title',
  'period',
  'copyStatus',
  'quantity',
  'boxNo',
  'folderNo',
  'notes',
  'securityClass',
  'originUnitId',
  'activeYears',
  'inactiveYears',
  'disposition',
  'addresseeUnitId',
  'letterNumber',
  'letterDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The header a user reads in an Indonesian daftar arsip, used when a missing column is named. */
export const COLUMN_LABELS: Record<ImportField, string> = {
  no: 'No',
  id: 'ID',
  kind: 'Jenis',
  classificationCode: 'Kode Klasifikasi',
  title: 'Uraian Informasi',
  period: 'Kurun Waktu',
  copyStatus: 'Tingkat Perkembangan',
  quantity: 'Jumlah',
  boxNo: 'No. Boks',
  folderNo: 'No. Folder',
  notes: 'Keterangan',
  securityClass: 'Klasifikasi Keamanan',
  originUnitId: 'Unit Pengolah',
  activeYears: 'Retensi Aktif',
  inactiveYears: 'Retensi Inaktif',
  disposition: 'Nasib Akhir',
  addresseeUnitId: 'Tujuan',
  letterNumber: 'Nomor Surat',
  letterDate: 'Tanggal Surat',
};

/**
 * Other headers accepted for each field: those of the ANRI daftar arsip forms (daftar berkas,
 * daftar isi berkas, daftar arsip inaktif, usul musnah, usul serah), their common spellings, and
 * the API's own field names. Compared by headerKey: case, spaces and punctuation do not matter.
 */
export const COLUMN_VARIANTS: Record<ImportField, readonly string[]> = {
  no: ['No.', 'Nomor', 'No. Urut', 'Nomor Urut', 'No. Berkas', 'Nomor Berkas', 'No. Item Arsip'],
  id: ['Item ID', 'ID Arsip'],
  kind: ['Jenis Arsip', 'kind'],
  classificationCode: ['Kode', 'Kode Klas.', 'classificationCode'],
  title: [
    'Uraian Informasi Berkas',
    'Uraian Informasi Arsip',
    'Uraian',
    'Uraian Arsip',
    'Uraian Berkas',
    'Judul',
    'title',
  ],
  period: ['Kurun', 'Tahun', 'Kurun Waktu Arsip', 'period', 'year'],
  copyStatus: ['Tk. Perkembangan', 'Tingkat Perkembangan Arsip', 'copyStatus'],
  quantity: ['Jumlah Berkas', 'Jumlah Item', 'Jumlah Arsip', 'Banyaknya', 'quantity'],
  boxNo: [
    'Nomor Boks',
    'No. Box',
    'Nomor Box',
    'Boks',
    'No. Definitif Boks',
    'Nomor Definitif Boks',
    'boxNo',
  ],
  folderNo: [
    'Nomor Folder',
    'Folder',
    'No. Definitif Folder',
    'Nomor Definitif Folder',
    'No. Map',
    'folderNo',
  ],
  notes: ['Ket.', 'Ket', 'notes'],
  securityClass: [
    'Klasifikasi Keamanan dan Hak Akses',
    'Klasifikasi Keamanan dan Akses',
    'Keamanan',
    'Sifat',
    'Sifat Arsip',
    'securityClass',
  ],
  originUnitId: ['Unit Pengolah Arsip', 'Pencipta Arsip', 'originUnitId', 'originUnit'],
  activeYears: ['JRA Aktif', 'Retensi Aktif (tahun)', 'activeYears', 'retentionActiveYears'],
  inactiveYears: ['JRA Inaktif', 'Retensi Inaktif (tahun)', 'inactiveYears', 'retentionInactiveYears'],
  disposition: ['Nasib Akhir Arsip', 'Keterangan Nasib Akhir', 'disposition', 'retentionDisposition'],
  addresseeUnitId: ['Unit Tujuan', 'Kepada', 'addresseeUnitId'],
  letterNumber: ['No. Surat', 'letterNumber'],
  letterDate: ['Tgl. Surat', 'letterDate'],
};

/** Every accepted header, for the refusal of an unknown one and for the README. */
export const ACCEPTED_COLUMNS: readonly { column: string; variants: readonly string[] }[] = IMPORT_FIELDS.map(
  (field) => ({ column: COLUMN_LABELS[field], variants: COLUMN_VARIANTS[field] }),
);

/** The refusal of an unknown header names every one the import reads. */
export const UNKNOWN_COLUMN_MESSAGE = `kolom tidak dikenal; kolom yang diterima: ${IMPORT_FIELDS.map(
  (field) => COLUMN_LABELS[field],
).join(
  ', ',
)} (dan variannya pada formulir ANRI, mis. ${COLUMN_VARIANTS.title[0]}, ${COLUMN_VARIANTS.no[3]}; daftar lengkap di templat dan README)`;

/** "No. Boks", "no boks" and "noBoks" are the same header. */
export const headerKey = (header: string): string =>
  header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const FIELD_BY_KEY = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) =>
    [COLUMN_LABELS[field], field, ...COLUMN_VARIANTS[field]].map(
      (header) => [headerKey(header), field] as const,
    ),
  ),
);

export const fieldOfHeader = (header: string): ImportField | undefined => FIELD_BY_KEY.get(headerKey(header));
