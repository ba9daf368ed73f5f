// fontkit 2 ships no types; pdfkit uses it to embed fonts, and Jejak only asks it which glyphs a font has.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
