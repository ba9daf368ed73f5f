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

/** Headers accepted for each field, as compared by headerKey (case, spaces and dots ignored). */
const ALIASES: Record<ImportField, readonly string[]> = {
  no: ['no', 'nomor', 'nourut', 'nomorurut'],
  id: ['id', 'itemid', 'idarsip'],
  kind: ['jenis', 'jenisarsip', 'kind'],
  classificationCode: ['kodeklasifikasi', 'kode', 'classificationcode'],
  title: ['uraianinformasi', 'uraian', 'uraianinformasiarsip', 'uraianarsip', 'judul', 'title'],
  period: ['kurunwaktu', 'kurun', 'tahun', 'period', 'year'],
  copyStatus: ['tingkatperkembangan', 'tkperkembangan', 'copystatus'],
  quantity: ['jumlah', 'jumlahberkas', 'quantity'],
  boxNo: ['noboks', 'nomorboks', 'nobox', 'nomorbox', 'boks', 'boxno'],
  folderNo: ['nofolder', 'nomorfolder', 'folder', 'folderno'],
  notes: ['keterangan', 'ket', 'notes'],
  securityClass: ['klasifikasikeamanan', 'keamanan', 'sifat', 'securityclass'],
  originUnitId: ['unitpengolah', 'unitpengolaharsip', 'originunitid', 'originunit'],
  activeYears: ['retensiaktif', 'jraaktif', 'activeyears', 'retentionactiveyears'],
  inactiveYears: ['retensiinaktif', 'jrainaktif', 'inactiveyears', 'retentioninactiveyears'],
  disposition: ['nasibakhir', 'disposition', 'retentiondisposition'],
  addresseeUnitId: ['tujuan', 'unittujuan', 'kepada', 'addresseeunitid'],
  letterNumber: ['nomorsurat', 'nosurat', 'letternumber'],
  letterDate: ['tanggalsurat', 'tglsurat', 'letterdate'],
};

/** "No. Boks", "no boks" and "noBoks" are the same header. */
export const headerKey = (header: string): string =>
  header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const FIELD_BY_KEY = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [alias, field] as const)),
);

export const fieldOfHeader = (header: string): ImportField | undefined => FIELD_BY_KEY.get(headerKey(header));
