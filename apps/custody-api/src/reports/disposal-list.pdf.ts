import type { DisposalRow } from './disposal-list.rows';
import { formatIndonesianDate } from '../common/indonesian-date';
import {
  BLANK,
  contentWidth,
  keepTogether,
  letterhead,
  newPdf,
  pageFooters,
  write,
  type Doc,
  type DocumentHeading,
} from '../documents/pdf-document';
import { drawTable, type Column } from '../documents/pdf-table';

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
const COLUMNS: Column<DisposalRow>[] = [
  { header: 'No.', width: 28, align: 'center', cell: (row) => String(row.no) },
  { header: 'Kode Klasifikasi', width: 72, cell: (row) => row.kodeKlasifikasi },
  { header: 'Uraian Informasi', width: 236, cell: (row) => row.uraianInformasi },
  { header: 'Kurun Waktu', width: 60, align: 'center', cell: (row) => row.kurunWaktu },
  { header: 'Jumlah', width: 56, align: 'center', cell: (row) => row.jumlah },
  { header: 'Retensi', width: 92, cell: (row) => row.retensi },
  { header: 'Nasib Akhir', width: 64, align: 'center', cell: (row) => row.nasibAkhir },
  { header: 'Keterangan', width: 162, cell: (row) => row.keterangan },
];

/** The daftar arsip usul musnah (or usul serah) as a PDF in the embedded font: data in, document out. */
export function renderDisposalList(data: DisposalListData, heading: DocumentHeading): Promise<Buffer> {
  const { doc, finish } = newPdf({ title: data.title, landscape: true, margin: MARGIN });
  letterhead(doc, heading);
  const width = contentWidth(doc);
  write(doc, data.title, { x: MARGIN, width, size: 14, weight: 'bold', align: 'center' });
  write(doc, `Arsip yang masa retensinya telah habis per ${formatIndonesianDate(data.asOf)}`, {
    x: MARGIN,
    width,
    align: 'center',
  });
  if (data.depotName) write(doc, data.depotName, { x: MARGIN, width, align: 'center' });
  doc.moveDown(0.8);
  write(doc, `Jumlah: ${data.rows.length} arsip`, { x: MARGIN, width });
  doc.moveDown(0.4);
  drawTable(doc, COLUMNS, data.rows);
  if (data.rows.length === 0) {
    write(doc, 'Tidak ada arsip yang masa retensinya telah habis.', { x: MARGIN, width });
  }
  closing(doc, data, heading);
  pageFooters(doc);
  return finish();
}

function closing(doc: Doc, data: DisposalListData, heading: DocumentHeading): void {
  const width = contentWidth(doc);
  if (data.truncatedAt !== null) {
    doc.moveDown(0.5);
    write(
      doc,
      `Daftar ini memuat ${data.truncatedAt} arsip pertama; arsip berikutnya dicetak pada daftar lanjutan.`,
      { x: MARGIN, width },
    );
  }
  keepTogether(doc, 120);
  doc.moveDown(1.5);
  const top = doc.y;
  const half = width / 2;
  write(doc, 'Mengetahui,', { x: MARGIN, y: top, width: half, align: 'center' });
  write(doc, heading.mengetahui, { x: MARGIN, y: doc.y, width: half, align: 'center' });
  write(doc, `${heading.place}, ${formatIndonesianDate(data.asOf)}`, {
    x: MARGIN + half,
    y: top,
    width: half,
    align: 'center',
  });
  write(doc, 'Petugas Depo Arsip', { x: MARGIN + half, y: doc.y, width: half, align: 'center' });
  const signAt = doc.y + 50;
  write(doc, heading.mengetahuiName ?? `(${BLANK})`, { x: MARGIN, y: signAt, width: half, align: 'center' });
  if (heading.mengetahuiNip)
    write(doc, `NIP ${heading.mengetahuiNip}`, { x: MARGIN, width: half, align: 'center' });
  write(doc, `(${BLANK})`, { x: MARGIN + half, y: signAt, width: half, align: 'center' });
}
