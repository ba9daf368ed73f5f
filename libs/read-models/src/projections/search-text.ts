/**
 * Search normalisation shared by every adapter: lowercase, accents and other combining marks
 * removed (NFD), runs of whitespace collapsed, so "Arsip  Désa" and "arsip desa" compare equal.
 */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a text as search indexes them: normalised, split on anything but letters and digits. */
export function searchWords(text: string): string[] {
  return normaliseSearchText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

export interface SearchTerm {
  word: string;
  /** Matches any title word starting with `word`, not only the whole word. */
  prefix: boolean;
}

/**
 * What a query asks for: whole words, so every term is one index lookup; a word typed with a
 * trailing `*` matches as a prefix (slower when many words share it).
 */
export function searchTerms(query: string): SearchTerm[] {
  return query.split(/\s+/).flatMap((chunk) => {
    const words = searchWords(chunk);
    const starred = chunk.endsWith('*');
    return words.map((word, index) => ({ word, prefix: starred && index === words.length - 1 }));
  });
}

/** What `q` reads of an item, beside its short code: the title and, for a letter, its number. */
export function searchableText(view: { title?: string; letterNumber?: string }): string {
  return [view.title ?? '', view.letterNumber ?? ''].join(' ');
}
