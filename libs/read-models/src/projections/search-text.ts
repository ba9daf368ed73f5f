/**
 * Search normalisation shared by every adapter: lowercase, accents and other combining marks
 * removed (NFD), runs of whitespace collapsed, so "Arsip  Désa" and "arsip desa" compare equal.
 */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The words of a text as search matches them: normalised, split on anything but letters and
 * digits. A query matches a title when each query word starts a word of the title.
 */
export function searchWords(text: string): string[] {
  return normaliseSearchText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}
