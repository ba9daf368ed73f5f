/**
 * Turns the cells of a daftar arsip as people type them ("2015-2017", "2 berkas", "Sangat Rahasia",
 * "5 tahun", "02/11/2026") into the values of POST /api/items. A cell that cannot be read answers
 * `{ error }`; enumerations are only normalised here and checked by the same rules as the API.
 */
export type Converted = { value: unknown } | { error: string };

const YEAR = /^(\d{4})$/;
const YEAR_RANGE = /^(\d{4})\s*(?:-|–|—|\/|s\.?\s*\/?\s*d\.?|sampai(?:\s+dengan)?)\s*(\d{4})$/i;

/** Kurun waktu: one year, or a range that becomes a period. */
export function kurunWaktu(
  text: string,
): Converted | { year: number } | { period: { from: number; to: number } } {
  const single = YEAR.exec(text);
  if (single) return { year: Number(single[1]) };
  const range = YEAR_RANGE.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    return from === to ? { year: from } : { period: { from, to } };
  }
  return { error: `'${text}' bukan tahun (2019) atau rentang tahun (2015-2017)` };
}

/** Short forms written in the jumlah column, to the units of the forms (QUANTITY_UNITS). */
const UNIT_ALIASES: Record<string, string> = {
  box: 'boks',
  bok: 'boks',
  bx: 'boks',
  lbr: 'lembar',
  lb: 'lembar',
  bks: 'berkas',
  brks: 'berkas',
  bdl: 'bundel',
  bendel: 'bundel',
  folder: 'map',
  ord: 'ordner',
  odner: 'ordner',
  bk: 'buku',
  jld: 'jilid',
  eks: 'eksemplar',
  expl: 'eksemplar',
  eksp: 'eksemplar',
  roll: 'gulung',
  kpg: 'keping',
};

/**
 * Jumlah: "2 berkas", "15 lembar", "3 bundel", "2 (dua) boks", "10 lbr."; a bare number counts
 * berkas. An unknown unit is kept, for the item rules to refuse with the list of units.
 */
export function jumlah(text: string): Converted {
  const match = /^(\d{1,7})\s*(?:\([^)]*\))?\s*([A-Za-z]*)\.?$/.exec(text);
  if (!match)
    return { error: `'${text}' bukan jumlah dengan satuannya (mis. 2 berkas, 15 lembar, 3 bundel, 1 boks)` };
  const unit = match[2].toLowerCase();
  return { value: { count: Number(match[1]), unit: unit === '' ? 'berkas' : (UNIT_ALIASES[unit] ?? unit) } };
}

/** Retensi: "2", "2 tahun", "2 th". */
export function years(text: string): Converted {
  const match = /^(\d{1,3})\s*(?:tahun|thn|th|th\.|years?)?$/i.exec(text);
  return match
    ? { value: Number(match[1]) }
    : { error: `'${text}' bukan jumlah tahun (mis. 2 atau 2 tahun)` };
}

/** "Sangat Rahasia" → sangat_rahasia, "Dinilai Kembali" → dinilai_kembali, "ASLI" → asli. */
export const enumValue = (text: string): Converted => ({ value: text.toLowerCase().replace(/[\s-]+/g, '_') });

/** The ANRI forms' "Klasifikasi Keamanan dan Hak Akses" reads "Biasa/Terbuka": the class is its first part. */
export const securityClass = (text: string): Converted => enumValue(text.split(/[/(]/)[0].trim());

const KINDS: Record<string, string> = {
  arsip: 'file',
  berkas: 'file',
  file: 'file',
  surat: 'letter',
  letter: 'letter',
};

export const kind = (text: string): Converted => ({ value: KINDS[text.toLowerCase()] ?? text });

/** Tanggal surat: 2026-11-02, 02-11-2026 or 02/11/2026 (day first, as written in Indonesia). */
export function tanggal(text: string): Converted {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { value: text };
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (dayFirst) {
    const [, day, month, year] = dayFirst;
    return { value: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
  }
  return { error: `'${text}' bukan tanggal (2026-11-02 atau 02-11-2026)` };
}
