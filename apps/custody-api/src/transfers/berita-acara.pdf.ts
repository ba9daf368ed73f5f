import PDFDocument from 'pdfkit';
import type { BeritaAcaraData, BeritaAcaraParty, BeritaAcaraRow } from './berita-acara-data';
import { formatIndonesianDate, indonesianDayName } from '../common/indonesian-date';

type Doc = PDFKit.PDFDocument;

export const BERITA_ACARA_TITLE = 'BERITA ACARA SERAH TERIMA ARSIP';

const MARGIN = 40;
/** Where a party has not acted yet: a line to fill in by hand. */
const BLANK = '..............................';
const PAD = 3;
const BODY_SIZE = 10;
const TABLE_SIZE = 8.5;
/** A4 landscape leaves 762 pt between the margins: the eight columns of the daftar arsip. */
const COLUMNS: {
  header: string;
  width: number;
  align: 'left' | 'center';
  cell: (row: BeritaAcaraRow) => string;
}[] = [
  { header: 'No.', width: 26, align: 'center', cell: (row) => String(row.no) },
  { header: 'Kode Klasifikasi', width: 70, align: 'left', cell: (row) => row.kodeKlasifikasi },
  { header: 'Uraian Informasi', width: 216, align: 'left', cell: (row) => row.uraianInformasi },
  { header: 'Kurun Waktu', width: 60, align: 'center', cell: (row) => row.kurunWaktu },
  { header: 'Tingkat Perkembangan', width: 76, align: 'center', cell: (row) => row.tingkatPerkembangan },
  { header: 'Jumlah', width: 54, align: 'center', cell: (row) => row.jumlah },
  { header: 'No. Boks/Folder', width: 80, align: 'center', cell: (row) => row.noBoksFolder },
  { header: 'Keterangan', width: 180, align: 'left', cell: (row) => row.keterangan },
];

/** The berita acara serah terima arsip as a PDF: data in, document out, nothing else touched. */
export function renderBeritaAcara(data: BeritaAcaraData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: `${BERITA_ACARA_TITLE} ${data.baNumber}`, Subject: 'Berita acara serah terima arsip' },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  heading(doc, data);
  parties(doc, data);
  table(doc, data.rows);
  reconciliation(doc, data);
  signatures(doc, data);
  doc.end();
  return done;
}

function heading(doc: Doc, data: BeritaAcaraData): void {
  doc.font('Helvetica').fontSize(BODY_SIZE).text('PEMERINTAH KABUPATEN BEKASI', { align: 'center' });
  doc.moveDown(0.3);
  doc.font('Helvetica-Bold').fontSize(14).text(BERITA_ACARA_TITLE, { align: 'center' });
  doc.font('Helvetica').fontSize(BODY_SIZE).text(`Nomor: ${data.baNumber}`, { align: 'center' });
  if (!data.final) {
    doc.font('Helvetica-Oblique').text(`Status: ${data.statusText}`, { align: 'center' });
  }
  doc.moveDown();
}

function partyLines(label: string, role: string, party: BeritaAcaraParty): string[] {
  const person = party.person;
  const name = person ? `${person.name}${person.name !== person.id ? ` (${person.id})` : ''}` : BLANK;
  return [
    `${label}`,
    `Nama       : ${name}`,
    `Jabatan    : ${person ? person.jabatan : BLANK}`,
    `Unit       : ${party.unitName}`,
    `selanjutnya disebut ${role}.`,
  ];
}

function parties(doc: Doc, data: BeritaAcaraData): void {
  const date = formatIndonesianDate(data.date);
  doc
    .font('Helvetica')
    .fontSize(BODY_SIZE)
    .text(
      `Pada hari ini, ${indonesianDayName(data.date)} tanggal ${date}, yang bertanda tangan di bawah ini:`,
    );
  doc.moveDown(0.5);
  const top = doc.y;
  const half = (doc.page.width - 2 * MARGIN) / 2;
  doc.text(partyLines('1.', 'PIHAK PERTAMA (yang menyerahkan)', data.pihakPertama).join('\n'), MARGIN, top, {
    width: half - 10,
  });
  const leftBottom = doc.y;
  doc.text(partyLines('2.', 'PIHAK KEDUA (yang menerima)', data.pihakKedua).join('\n'), MARGIN + half, top, {
    width: half - 10,
  });
  doc.y = Math.max(leftBottom, doc.y);
  doc.moveDown(0.5);
  doc.text(
    'PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA arsip sebagaimana tercantum dalam daftar arsip berikut, ' +
      'dan PIHAK KEDUA telah memeriksanya dengan hasil sebagaimana tercatat pada kolom Keterangan:',
    MARGIN,
    doc.y,
    { width: doc.page.width - 2 * MARGIN },
  );
  doc.moveDown(0.5);
}

function rowHeight(doc: Doc, cells: string[]): number {
  const heights = cells.map((cell, index) =>
    doc.heightOfString(cell, { width: COLUMNS[index].width - 2 * PAD }),
  );
  return Math.max(...heights) + 2 * PAD;
}

function drawRow(doc: Doc, cells: string[], y: number, height: number, header: boolean): void {
  let x = MARGIN;
  cells.forEach((cell, index) => {
    const { width, align } = COLUMNS[index];
    if (header) doc.rect(x, y, width, height).fillAndStroke('#e8e8e8', '#000000').fillColor('#000000');
    else doc.rect(x, y, width, height).stroke();
    doc.text(cell, x + PAD, y + PAD, { width: width - 2 * PAD, align: header ? 'center' : align });
    x += width;
  });
  doc.x = MARGIN;
  doc.y = y + height;
}

/** Daftar arsip; the header row repeats on every page the table runs onto. */
function table(doc: Doc, rows: BeritaAcaraRow[]): void {
  const bottom = () => doc.page.height - MARGIN;
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(TABLE_SIZE);
    const cells = COLUMNS.map((column) => column.header);
    const height = rowHeight(doc, cells);
    drawRow(doc, cells, doc.y, height, true);
    doc.font('Helvetica').fontSize(TABLE_SIZE);
  };
  doc.lineWidth(0.5);
  header();
  for (const row of rows) {
    const cells = COLUMNS.map((column) => column.cell(row));
    const height = rowHeight(doc, cells);
    if (doc.y + height > bottom()) {
      doc.addPage();
      header();
    }
    drawRow(doc, cells, doc.y, height, false);
  }
  doc.moveDown();
}

function reconciliation(doc: Doc, data: BeritaAcaraData): void {
  doc.font('Helvetica-Bold').fontSize(BODY_SIZE).text('Hasil pemeriksaan (rekonsiliasi)', MARGIN, doc.y);
  doc.font('Helvetica');
  const tally = data.rekonsiliasi;
  if (!tally) {
    doc.text('Belum diperiksa oleh PIHAK KEDUA.');
  } else {
    doc.text(
      [
        `Jumlah dalam daftar: ${data.rows.length}`,
        `Diterima: ${tally.diterima}`,
        `Rusak: ${tally.rusak}`,
        `Tidak ada: ${tally.tidakAda}`,
        `Tidak sesuai daftar: ${tally.tidakSesuaiDaftar}`,
      ].join('    '),
    );
    for (const stray of data.tidakSesuaiDaftar) {
      doc.text(
        `- Tidak sesuai daftar (ditolak): ${stray.itemId}${stray.keterangan ? `, ${stray.keterangan}` : ''}`,
      );
    }
    doc.text(`Status: ${data.statusText}.`);
  }
  doc.moveDown();
  doc.text('Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.');
  doc.moveDown();
}

function signatures(doc: Doc, data: BeritaAcaraData): void {
  const blockHeight = 110;
  if (doc.y + blockHeight > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y;
  const half = (doc.page.width - 2 * MARGIN) / 2;
  const block = (x: number, title: string, role: string, party: BeritaAcaraParty) => {
    const options = { width: half - 20, align: 'center' as const };
    doc.font('Helvetica-Bold').text(title, x, top, options);
    doc.font('Helvetica').text(role, x, doc.y, options);
    doc.text(party.unitName, x, doc.y, options);
    doc.text(
      `(${party.person ? party.person.name : '..............................'})`,
      x,
      top + blockHeight - 15,
      options,
    );
  };
  block(MARGIN, 'PIHAK PERTAMA', 'Yang Menyerahkan', data.pihakPertama);
  block(MARGIN + half, 'PIHAK KEDUA', 'Yang Menerima', data.pihakKedua);
  doc.x = MARGIN;
  doc.y = top + blockHeight;
}
