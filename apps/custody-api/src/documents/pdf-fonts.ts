import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';

type Doc = PDFKit.PDFDocument;
export type Weight = 'regular' | 'bold';

/**
 * Every PDF embeds Noto Sans (Latin with its extensions, Greek, Cyrillic: every Indonesian name and
 * title, "–", "é"), with Noto Sans JP for a text that needs Chinese or Japanese characters ("日本"),
 * which Noto Sans lacks. Noto Sans JP has the basic Latin letters too, so a text is printed whole in
 * whichever of the two covers more of it: one font per text keeps pdfkit's line breaking and heights
 * exact. pdfkit embeds only the glyphs used, so a document stays small.
 */
const FILES: Record<string, string> = {
  'noto-regular': '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  'noto-bold': '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  'cjk-regular': '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  'cjk-bold': '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
};

interface LoadedFont {
  bytes: Buffer;
  glyphs: Font;
}

const loaded = new Map<string, LoadedFont>();

function load(name: string): LoadedFont {
  let font = loaded.get(name);
  if (!font) {
    const bytes = readFileSync(require.resolve(FILES[name]));
    font = { bytes, glyphs: create(bytes) };
    loaded.set(name, font);
  }
  return font;
}

const covered = (font: Font, text: string): number => {
  let count = 0;
  for (const char of text) if (font.hasGlyphForCodePoint(char.codePointAt(0) ?? 0)) count++;
  return count;
};

/** The registered font name to print `text` in. */
export function fontFor(text: string, weight: Weight = 'regular'): string {
  const primary = `noto-${weight}`;
  // Fast path: nearly every text is plain Latin.
  if (/^[\u0020-\u024f\u2000-\u206f\s]*$/.test(text)) return primary;
  const fallback = `cjk-${weight}`;
  return covered(load(fallback).glyphs, text) > covered(load(primary).glyphs, text) ? fallback : primary;
}

/** Makes the embedded fonts known to a new document, under the names fontFor answers. */
export function registerFonts(doc: Doc): void {
  for (const name of Object.keys(FILES)) doc.registerFont(name, load(name).bytes);
}

/** Sets the font for `text` and its size, for drawing or measuring it. */
export function useFont(doc: Doc, text: string, size: number, weight: Weight = 'regular'): Doc {
  return doc.font(fontFor(text, weight)).fontSize(size);
}
