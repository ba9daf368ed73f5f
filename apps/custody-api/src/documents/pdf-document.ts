import PDFDocument from 'pdfkit';
import { registerFonts, useFont, type Weight } from './pdf-fonts';

export type Doc = PDFKit.PDFDocument;

export const MARGIN = 40;
/** Where a party has not signed yet: a line to fill in by hand. */
export const BLANK = '..............................';

/** The letterhead (kop surat) every document is printed under; from the configuration. */
export interface DocumentHeading {
  /** e.g. PEMERINTAH KABUPATEN BEKASI */
  regency: string;
  /** e.g. DINAS PERPUSTAKAAN DAN KEARSIPAN */
  agency: string;
  address: string;
  /** Where documents are signed: "Cikarang, 30 November 2026". */
  place: string;
  /** The official who countersigns (Mengetahui): jabatan, and name and NIP when configured. */
  mengetahui: string;
  mengetahuiName?: string | null;
  mengetahuiNip?: string | null;
}

export interface NewPdf {
  doc: Doc;
  /** Ends the document and resolves to its bytes. */
  finish(): Promise<Buffer>;
}

/** A new A4 document with the embedded fonts, every page kept for the "Halaman x dari y" footer. */
export function newPdf(options: { title: string; landscape?: boolean; margin?: number }): NewPdf {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: options.margin ?? MARGIN,
    bufferPages: true,
    info: { Title: options.title, Creator: 'Jejak' },
  });
  registerFonts(doc);
  useFont(doc, '', 10);
  const bytes = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return bytes;
    },
  };
}

/** Writes `text` in the font that covers it, at the current position or at (x, y). */
export function write(
  doc: Doc,
  text: string,
  options: PDFKit.Mixins.TextOptions & { size?: number; weight?: Weight; x?: number; y?: number } = {},
): Doc {
  const { size = 10, weight = 'regular', x, y, ...rest } = options;
  useFont(doc, text, size, weight);
  return x === undefined ? doc.text(text, rest) : doc.text(text, x, y ?? doc.y, rest);
}

export const contentWidth = (doc: Doc): number =>
  doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** The kop surat: regency, agency and address, centred, with a rule under them. */
export function letterhead(doc: Doc, heading: DocumentHeading): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  write(doc, heading.regency.toUpperCase(), { size: 12, weight: 'bold', align: 'center', x: left, width });
  write(doc, heading.agency.toUpperCase(), { size: 14, weight: 'bold', align: 'center', x: left, width });
  if (heading.address) write(doc, heading.address, { size: 9, align: 'center', x: left, width });
  const rule = doc.y + 4;
  doc
    .lineWidth(1.5)
    .moveTo(left, rule)
    .lineTo(left + width, rule)
    .stroke();
  doc
    .lineWidth(0.5)
    .moveTo(left, rule + 2.5)
    .lineTo(left + width, rule + 2.5)
    .stroke();
  doc.x = left;
  doc.y = rule + 12;
}

/** The document's title and number under the letterhead. */
export function titleBlock(doc: Doc, title: string, number: string | null, status?: string): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  write(doc, title, { size: 13, weight: 'bold', align: 'center', x: left, width });
  if (number !== null) write(doc, `Nomor: ${number}`, { size: 10, align: 'center', x: left, width });
  if (status) write(doc, `Status: ${status}`, { size: 10, weight: 'bold', align: 'center', x: left, width });
  doc.moveDown(0.8);
}

/** "Halaman x dari y" at the foot of every page (and, when given, lines such as the log's checkpoint). */
export function pageFooters(doc: Doc, footnote?: string | readonly string[]): void {
  const lines = typeof footnote === 'string' ? [footnote] : (footnote ?? []);
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const left = doc.page.margins.left;
    const y = doc.page.height - bottom + 10;
    lines.forEach((line, n) =>
      write(doc, line, { size: 7, x: left, y: y + n * 9, width: contentWidth(doc) - 90, lineBreak: false }),
    );
    write(doc, `Halaman ${i + 1 - start} dari ${count}`, {
      size: 8,
      x: left,
      y,
      width: contentWidth(doc),
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** A new page of the same size, orientation and margins as the current one (pdfkit's default is 72 pt). */
export function nextPage(
  doc: Doc,
  layout: 'portrait' | 'landscape' = doc.page.layout as 'portrait' | 'landscape',
): Doc {
  return doc.addPage({ size: 'A4', layout, margin: doc.page.margins.left });
}

/** Starts a new page when fewer than `height` points are left above the bottom margin. */
export function keepTogether(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    nextPage(doc);
  }
}
