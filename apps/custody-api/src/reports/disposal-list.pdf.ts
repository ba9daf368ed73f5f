import PDFDocument from 'pdfkit';
import type { DisposalRow } from './disposal-list.rows';
import { formatIndonesianDate } from '../common/indonesian-date';

type Doc = PDFKit.PDFDocument;

export interface DisposalListData {
  /** e.g. DAFTAR ARSIP USUL MUSNAH */
  title: string;
  /** When the list was drawn up (ISO); the retention of every row had ended by then. */
  asOf: string;
  /** The depot whose holdings are listed, when only one. */
  depotName: string | null;
  rows: DisposalRow[];
  /** The read model gave no more than this many rows: say the list may go on. */
  truncatedAt: number | null;
}

const MARGIN = 36;
const PAD = 3;
const TABLE_SIZE = 8.5;
/** A4 landscape leaves 770 pt between the margins for the eight columns. */
const COLUMNS: { header: string; width: number; align: 'left' | 'center'; cell: keyof DisposalRow }[] = [
  { header: 'No.', width: 28, align: 'center', cell: 'no' },
  { header: 'Kode Klasifikasi', width: 72, align: 'left', cell: 'kodeKlasifikasi' },
  { header: 'Uraian Informasi', width: 236, align: 'left', cell: 'uraianInformasi' },
  { header: 'Kurun Waktu', width: 60, align: 'center', cell: 'kurunWaktu' },
  { header: 'Jumlah', width: 56, align: 'center', cell: 'jumlah' },
  { header: 'Retensi', width: 92, align: 'left', cell: 'retensi' },
  { header: 'Nasib Akhir', width: 64, align: 'center', cell: 'nasibAkhir' },
  { header: 'Keterangan', width: 162, align: 'left', cell: 'keterangan' },
];

/** The daftar arsip usul musnah as a PDF (built-in Helvetica): data in, document out. */
export function renderDisposalList(data: DisposalListData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: data.title },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  heading(doc, data);
  table(doc, data.rows);
  closing(doc, data);
  pageNumbers(doc);
  doc.end();
  return done;
}

function heading(doc: Doc, data: DisposalListData): void {
  doc.font('Helvetica').fontSize(10).text('PEMERINTAH KABUPATEN BEKASI', { align: 'center' });
  doc.font('Helvetica-Bold').fontSize(14).text(data.title, { align: 'center' });
  doc.font('Helvetica').fontSize(10);
  doc.text(`Arsip yang masa retensinya telah habis per ${formatIndonesianDate(data.asOf)}`, {
    align: 'center',
  });
  if (data.depotName) doc.text(data.depotName, { align: 'center' });
  doc.moveDown(0.8);
  doc.text(`Jumlah: ${data.rows.length} arsip`);
  doc.moveDown(0.4);
}

function rowHeight(doc: Doc, cells: string[]): number {
  doc.fontSize(TABLE_SIZE);
  const heights = cells.map((text, i) => doc.heightOfString(text, { width: COLUMNS[i].width - 2 * PAD }));
  return Math.max(...heights) + 2 * PAD;
}

function drawRow(doc: Doc, cells: string[], bold: boolean): void {
  const height = rowHeight(doc, cells);
  if (doc.y + height > doc.page.height - MARGIN - 20) {
    doc.addPage();
    if (!bold)
      drawRow(
        doc,
        COLUMNS.map((c) => c.header),
        true,
      );
  }
  const top = doc.y;
  let x = MARGIN;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(TABLE_SIZE);
  cells.forEach((text, i) => {
    const { width, align } = COLUMNS[i];
    doc.rect(x, top, width, height).stroke();
    doc.text(text, x + PAD, top + PAD, { width: width - 2 * PAD, align: bold ? 'center' : align });
    x += width;
  });
  doc.x = MARGIN;
  doc.y = top + height;
}

function table(doc: Doc, rows: DisposalRow[]): void {
  doc.lineWidth(0.5);
  drawRow(
    doc,
    COLUMNS.map((c) => c.header),
    true,
  );
  for (const row of rows)
    drawRow(
      doc,
      COLUMNS.map((c) => String(row[c.cell])),
      false,
    );
  if (rows.length === 0) {
    doc
      .moveDown(0.5)
      .font('Helvetica-Oblique')
      .fontSize(10)
      .text('Tidak ada arsip yang masa retensinya telah habis.', MARGIN);
  }
}

function closing(doc: Doc, data: DisposalListData): void {
  doc.font('Helvetica').fontSize(10);
  if (data.truncatedAt !== null) {
    doc
      .moveDown(0.5)
      .text(
        `Daftar ini memuat ${data.truncatedAt} arsip pertama; arsip berikutnya dicetak pada daftar lanjutan.`,
        MARGIN,
      );
  }
  if (doc.y + 110 > doc.page.height - MARGIN) doc.addPage();
  doc.moveDown(1.5);
  const top = doc.y;
  const half = (doc.page.width - 2 * MARGIN) / 2;
  doc.text('Mengetahui,', MARGIN, top, { width: half, align: 'center' });
  doc.text('Kepala Dinas Perpustakaan dan Kearsipan', MARGIN, doc.y, { width: half, align: 'center' });
  doc.text(`Bekasi, ${formatIndonesianDate(data.asOf)}`, MARGIN + half, top, {
    width: half,
    align: 'center',
  });
  doc.text('Petugas Depo Arsip', MARGIN + half, doc.y, { width: half, align: 'center' });
  const signAt = doc.y + 50;
  doc.text('(..............................)', MARGIN, signAt, { width: half, align: 'center' });
  doc.text('(..............................)', MARGIN + half, signAt, { width: half, align: 'center' });
}

function pageNumbers(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Halaman ${i + 1} dari ${count}`, MARGIN, doc.page.height - MARGIN + 8, {
        width: doc.page.width - 2 * MARGIN,
        align: 'right',
      });
    doc.page.margins.bottom = bottom;
  }
}
