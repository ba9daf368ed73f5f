/**
 * A first look at a daftar arsip in the browser, before anything is sent: columns recognised,
 * each row's obvious problems. The server checks every row again and has the last word.
 */

export interface PreviewRow {
  line: number;
  cells: Record<string, string>;
  problems: string[];
}

export interface Preview {
  delimiter: string;
  headers: string[];
  /** The field each header was recognised as (null: not recognised). */
  fields: (string | null)[];
  rows: PreviewRow[];
  missingColumns: string[];
}

const key = (header: string): string =>
  header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const ALIASES: Record<string, string[]> = {
  classificationCode: ['kodeklasifikasi', 'kode', 'classificationcode'],
  title: ['uraianinformasi', 'uraian', 'uraianinformasiarsip', 'uraianarsip', 'judul', 'title'],
  period: ['kurunwaktu', 'kurun', 'tahun', 'period', 'year'],
  securityClass: ['klasifikasikeamanan', 'keamanan', 'sifat', 'securityclass'],
  quantity: ['jumlah', 'jumlahberkas', 'quantity'],
  no: ['no', 'nomor', 'nourut', 'nomorurut'],
};
const FIELD_OF = new Map(Object.entries(ALIASES).flatMap(([field, names]) => names.map((n) => [n, field])));

/** Splits one CSV line, honouring double quotes ("a;b" stays one cell, "" is a quote). */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

export function previewDaftarArsip(text: string): Preview {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = lines.findIndex((line) => line.trim() !== '');
  const header = headerLine >= 0 ? lines[headerLine] : '';
  const delimiter = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const headers = splitLine(header, delimiter);
  const fields = headers.map((h) => FIELD_OF.get(key(h)) ?? null);
  const missingColumns = ['classificationCode', 'title'].filter((f) => !fields.includes(f));
  const rows: PreviewRow[] = [];
  for (let i = headerLine + 1; headerLine >= 0 && i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const values = splitLine(lines[i], delimiter);
    const cells: Record<string, string> = {};
    headers.forEach((h, index) => (cells[h] = values[index] ?? ''));
    const value = (field: string) => {
      const index = fields.indexOf(field);
      return index >= 0 ? (values[index] ?? '') : '';
    };
    const problems: string[] = [];
    if (values.length > headers.length)
      problems.push(`${values.length} kolom, judul kolom hanya ${headers.length}`);
    if (fields.includes('title') && !value('title')) problems.push('Uraian informasi kosong');
    const code = value('classificationCode');
    if (fields.includes('classificationCode') && !code) problems.push('Kode klasifikasi kosong');
    else if (code && !/^\d{3}(\.\d+)*$/.test(code))
      problems.push(`Kode klasifikasi “${code}” tidak berbentuk 000.1.2`);
    const security = value('securityClass').toLowerCase().replace(/\s+/g, '_');
    if (security === 'rahasia' || security === 'sangat_rahasia')
      problems.push('Arsip rahasia tidak boleh dicatat di Jejak');
    else if (security && security !== 'biasa' && security !== 'terbatas')
      problems.push(`Klasifikasi keamanan “${value('securityClass')}” tidak dikenal (biasa atau terbatas)`);
    const period = value('period');
    if (period && !/^\d{4}(\s*[-–]\s*\d{4})?$/.test(period))
      problems.push(`Kurun waktu “${period}” bukan tahun (mis. 2016 atau 2015–2017)`);
    rows.push({ line: i + 1, cells, problems });
  }
  return { delimiter, headers, fields, rows, missingColumns };
}
