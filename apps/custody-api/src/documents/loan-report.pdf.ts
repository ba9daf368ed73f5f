import { formatIndonesianDate } from '../common/indonesian-date';
import type { LoanReportData } from './loan-report.data';
import {
  contentWidth,
  letterhead,
  newPdf,
  pageFooters,
  titleBlock,
  write,
  BLANK,
  type Doc,
  type DocumentHeading,
} from './pdf-document';
import { drawTable } from './pdf-table';
import { signatureBlocks } from './signature-blocks';
import { checkpointFootnote } from './checkpoint-seal';
import type { PrintedCheckpoint } from './log-checkpoint';
import { tanggalTerbilang } from './tanggal-terbilang';

export const LOAN_TITLE = 'BERITA ACARA PEMINJAMAN ARSIP';
export const RETURN_TITLE = 'BERITA ACARA PEMINJAMAN DAN PENGEMBALIAN ARSIP';

function party(doc: Doc, number: string, lines: [string, string][], closing: string): void {
  const left = doc.page.margins.left;
  write(doc, number, { x: left, y: doc.y, lineBreak: false });
  for (const [key, value] of lines) {
    const y = doc.y;
    write(doc, key, { x: left + 18, y, width: 60 });
    write(doc, `: ${value}`, { x: left + 80, y, width: contentWidth(doc) - 80 });
  }
  write(doc, closing, { x: left + 18, width: contentWidth(doc) - 18 });
  doc.moveDown(0.4);
}

/** The berita acara peminjaman of a deposited file, and, once it is back, its pengembalian. */
export function renderLoanReport(
  data: LoanReportData,
  heading: DocumentHeading,
  checkpoint: PrintedCheckpoint | null = null,
): Promise<Buffer> {
  const title = data.returned ? RETURN_TITLE : LOAN_TITLE;
  const { doc, finish } = newPdf({ title: `${title} ${data.item.itemId}` });
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  letterhead(doc, heading);
  titleBlock(doc, title, BLANK);
  write(
    doc,
    `Pada ${tanggalTerbilang(data.lentAt)}, bertempat di ${data.depotName}, kami yang bertanda tangan di bawah ini:`,
    {
      x: left,
      width,
      align: 'justify',
    },
  );
  doc.moveDown(0.4);
  party(
    doc,
    '1.',
    [
      ['Nama', data.lender.name],
      ['NIP', data.lender.nip ?? '-'],
      ['Jabatan', data.lender.jabatan],
      ['Unit', data.depotName],
    ],
    'selanjutnya disebut PIHAK PERTAMA (yang meminjamkan).',
  );
  party(
    doc,
    '2.',
    [
      ['Nama', data.borrower.name],
      ['NIP', BLANK],
      ['Unit', data.borrower.unitName],
    ],
    'selanjutnya disebut PIHAK KEDUA (peminjam).',
  );
  write(
    doc,
    `PIHAK PERTAMA meminjamkan kepada PIHAK KEDUA arsip berikut sampai dengan tanggal ${formatIndonesianDate(data.dueAt)}. ` +
      'PIHAK KEDUA menjaga keutuhan, keamanan dan kerahasiaan arsip selama dipinjam dan mengembalikannya ' +
      'dalam keadaan utuh pada waktunya.',
    { x: left, width, align: 'justify' },
  );
  doc.moveDown(0.5);
  drawTable(
    doc,
    [
      { header: 'Kode Klasifikasi', width: 70, cell: () => data.item.kodeKlasifikasi },
      { header: 'Uraian Informasi', width: 200, cell: () => data.item.uraianInformasi },
      { header: 'Kurun Waktu', width: 60, align: 'center', cell: () => data.item.kurunWaktu },
      { header: 'Jumlah', width: 50, align: 'center', cell: () => data.item.jumlah },
      { header: 'Lokasi Simpan', width: 80, cell: () => data.item.lokasi },
      { header: 'ID Arsip', width: 70, cell: () => data.item.itemId },
    ],
    [data.item],
  );
  if (data.note) write(doc, `Keterangan: ${data.note}`, { x: left, width });
  for (const extension of data.extensions) {
    write(
      doc,
      `Perpanjangan pada ${formatIndonesianDate(extension.at)}: sampai dengan ${formatIndonesianDate(extension.dueAt)} (${extension.reason}).`,
      { x: left, width },
    );
  }
  if (data.returned) {
    doc.moveDown(0.5);
    write(doc, 'PENGEMBALIAN', { x: left, width, weight: 'bold' });
    write(
      doc,
      `Pada ${tanggalTerbilang(data.returned.at)}, PIHAK KEDUA telah mengembalikan arsip tersebut kepada ` +
        `${data.depotName}; diterima oleh ${data.returned.by.name}` +
        `${data.returned.by.nip ? ` (NIP ${data.returned.by.nip})` : ''} dan disimpan kembali di ${data.returned.storage}.` +
        `${data.returned.note ? ` Keterangan: ${data.returned.note}` : ''}`,
      { x: left, width, align: 'justify' },
    );
  }
  doc.moveDown(0.6);
  write(doc, 'Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.', { x: left, width });
  doc.moveDown(0.8);
  signatureBlocks(doc, {
    checkpoint,
    placeAndDate: `${heading.place}, ${formatIndonesianDate(data.returned?.at ?? data.lentAt)}`,
    left: {
      title: 'PIHAK KEDUA',
      role: `Peminjam, ${data.borrower.unitName}`,
      name: data.borrower.name,
      nip: null,
      jabatan: null,
    },
    right: {
      title: 'PIHAK PERTAMA',
      role: `Yang meminjamkan, ${data.depotName}`,
      name: data.lender.name,
      nip: data.lender.nip,
      jabatan: data.lender.jabatan,
    },
    mengetahui: heading,
  });
  pageFooters(doc, checkpointFootnote(checkpoint?.line ?? null, checkpoint?.vkey));
  return finish();
}
