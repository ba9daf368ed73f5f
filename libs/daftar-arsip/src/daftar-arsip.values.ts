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
  return { error: `'${text}' is not a year (2019) or a range of years (2015-2017)` };
}

const UNIT_ALIASES: Record<string, string> = {
  box: 'boks',
  bok: 'boks',
  lbr: 'lembar',
  bks: 'berkas',
  berkas: 'berkas',
};

/** Jumlah: "2 berkas", "15 lembar", "1 boks"; a bare number counts berkas. */
export function jumlah(text: string): Converted {
  const match = /^(\d{1,7})\s*([A-Za-z]*)\.?$/.exec(text);
  if (!match) return { error: `'${text}' is not a count with its unit (e.g. 2 berkas, 15 lembar, 1 boks)` };
  const unit = match[2].toLowerCase();
  return { value: { count: Number(match[1]), unit: unit === '' ? 'berkas' : (UNIT_ALIASES[unit] ?? unit) } };
}

/** Retensi: "2", "2 tahun", "2 th". */
export function years(text: string): Converted {
  const match = /^(\d{1,3})\s*(?:tahun|thn|th|th\.|years?)?$/i.exec(text);
  return match ? { value: Number(match[1]) } : { error: `'${text}' is not a number of years` };
}

/** "Sangat Rahasia" → sangat_rahasia, "Dinilai Kembali" → dinilai_kembali, "ASLI" → asli. */
export const enumValue = (text: string): Converted => ({ value: text.toLowerCase().replace(/[\s-]+/g, '_') });

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
  return { error: `'${text}' is not a date (2026-11-02 or 02-11-2026)` };
}
