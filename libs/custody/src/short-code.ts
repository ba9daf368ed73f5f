/**
 * Short item codes (domain.md "People and places"): `<PREFIX>-<YEAR>-<SEQ>`, e.g. `CKU-2026-00042`.
 * The prefix is three letters drawn from the origin unit's id, the year is the year of
 * registration (WIB), the sequence counts registrations of that prefix and year from 1, at least
 * five digits. Units that share a prefix share its sequence, so every code is unique.
 */

/** Words of a unit id that say what kind of place it is, not which one. */
const TYPE_WORDS = new Set(['kec', 'desa', 'kel', 'dinas', 'depo', 'badan', 'kantor']);
const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
export const SHORT_CODE_DIGITS = 5;
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The prefix of a unit: its id's words without the kind of place (`kec-`, `desa-`, `dinas-`, …).
 * Two words or more: the first letter of the first word, its next consonant, the first letter of
 * the second word (`kec-cikarang-utara` → CKU, `kec-tambun-selatan` → TMS). One word: its first
 * letter and next two consonants (`kec-babelan` → BBL, `dinas-pendidikan` → PND, `setda` → STD),
 * or its first three letters when it has too few (`kec-setu` → SET). Padded with X.
 */
export function shortCodePrefix(unitId: string): string {
  const words = unitId
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word.length > 0);
  const named = words.length > 1 && TYPE_WORDS.has(words[0].toLowerCase()) ? words.slice(1) : words;
  const letters = named.map((word) => word.replace(/[^A-Z]/g, '')).filter((word) => word.length > 0);
  if (letters.length === 0) return 'XXX';
  const [first, second] = letters;
  const consonants = [...first.slice(1)].filter((letter) => !VOWELS.has(letter));
  const picked =
    second !== undefined
      ? [first[0], consonants[0] ?? first[1] ?? 'X', second[0]]
      : consonants.length >= 2
        ? [first[0], consonants[0], consonants[1]]
        : [...first.slice(0, 3)];
  return picked.join('').padEnd(3, 'X');
}

/** The year of an instant in WIB: a file registered at 00:30 on 1 January WIB is of the new year. */
export function registrationYear(occurredAt: string): number {
  return new Date(new Date(occurredAt).getTime() + WIB_OFFSET_MS).getUTCFullYear();
}

export function formatShortCode(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(SHORT_CODE_DIGITS, '0')}`;
}

/** What someone types for a code, as codes are stored: upper case, without spaces. */
export function normaliseShortCode(typed: string): string {
  return typed.trim().toUpperCase();
}

/**
 * A query that could be (the start of) a short code: one run of letters, digits and dashes
 * beginning with a letter and holding a dash (`cku-2026`, `CKU-2026-0004`). Searched as a
 * case-insensitive prefix of the codes.
 */
export function shortCodeQuery(q: string): string | null {
  const typed = normaliseShortCode(q);
  return /^[A-Z]{1,3}-[0-9-]*$/.test(typed) ? typed : null;
}

/** Hands out the next code for a registration at `originUnitId` (the app keeps the counters). */
export interface ShortCodeAssigner {
  assign(originUnitId: string, occurredAt: string): string;
}
