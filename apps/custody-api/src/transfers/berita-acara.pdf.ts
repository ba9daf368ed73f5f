import type { BeritaAcaraData, BeritaAcaraParty, BeritaAcaraRow } from './berita-acara-data';
import { tanggalJam, tanggalTerbilang } from '../documents/tanggal-terbilang';
import { formatIndonesianDate } from '../common/indonesian-date';
import {
  BLANK,
  contentWidth,
  keepTogether,
  letterhead,
  newPdf,
  nextPage,
  pageFooters,
  titleBlock,
  write,
  type Doc,
  type DocumentHeading,
} from '../documents/pdf-document';
import { drawTable, type Column } from '../documents/pdf-table';
import { signatureBlocks } from '../documents/signature-blocks';
import { checkpointFootnote } from '../documents/checkpoint-seal';
import type { PrintedCheckpoint } from '../documents/log-checkpoint';

export const BERITA_ACARA_TITLE = 'BERITA ACARA SERAH TERIMA ARSIP INAKTIF';

const COLUMNS: Column<BeritaAcaraRow>[] = [
  { header: 'No.', width: 26, align: 'center', cell: (row) => String(row.no) },
  { header: 'Kode Klasifikasi', width: 70, cell: (row) => row.kodeKlasifikasi },
  { header: 'Uraian Informasi', width: 200, cell: (row) => row.uraianInformasi },
  { header: 'Kurun Waktu', width: 60, align: 'center', cell: (row) => row.kurunWaktu },
  { header: 'Tingkat Perkembangan', width: 92, align: 'center', cell: (row) => row.tingkatPerkembangan },
  { header: 'Jumlah', width: 54, align: 'center', cell: (row) => row.jumlah },
  { header: 'No. Boks/ Folder', width: 70, align: 'center', cell: (row) => row.noBoksFolder },
  { header: 'Keterangan', width: 190, cell: (row) => row.keterangan },
];

/**
 * The berita acara serah terima (pemindahan) arsip inaktif as the Perka ANRI form lays it out: the
 * letterhead, the day and date in words, both parties with NIP and jabatan, the couriers' handovers,
 * the signatures with "Mengetahui", then the daftar arsip as its lampiran with totals.
 */
export function renderBeritaAcara(
  data: BeritaAcaraData,
  heading: DocumentHeading,
  checkpoint: PrintedCheckpoint | null = null,
): Promise<Buffer> {
  const { doc, finish } = newPdf({ title: `${BERITA_ACARA_TITLE} ${data.baNumber}` });
  letterhead(doc, heading);
  titleBlock(doc, BERITA_ACARA_TITLE, data.baNumber, data.final ? undefined : data.statusText);
  opening(doc, data);
  couriers(doc, data);
  closing(doc, data);
  signatureBlocks(doc, {
    checkpoint,
    placeAndDate: `${heading.place}, ${formatIndonesianDate(data.date)}`,
    left: partyBlock('PIHAK KEDUA', 'Yang Menerima', data.pihakKedua),
    right: partyBlock('PIHAK PERTAMA', 'Yang Menyerahkan', data.pihakPertama),
    mengetahui: heading,
  });
  nextPage(doc, 'landscape');
  lampiran(doc, data);
  pageFooters(doc, checkpointFootnote(data.checkpoint, checkpoint?.vkey));
  return finish();
}

function partyBlock(title: string, role: string, party: BeritaAcaraParty) {
  return {
    title,
    role: `${role}, ${party.unitName}`,
    name: party.person?.name ?? null,
    nip: party.person?.nip ?? null,
    jabatan: party.person?.jabatan ?? null,
  };
}

function partyLines(doc: Doc, number: string, label: string, party: BeritaAcaraParty): void {
  const person = party.person;
  const left = doc.page.margins.left;
  const lines: [string, string][] = [
    ['Nama', person?.name ?? BLANK],
    ['NIP', person ? (person.nip ?? '-') : BLANK],
    ['Jabatan', person?.jabatan ?? BLANK],
    ['Unit', party.unitName],
  ];
  write(doc, number, { x: left, y: doc.y, lineBreak: false });
  for (const [key, value] of lines) {
    const y = doc.y;
    write(doc, key, { x: left + 18, y, width: 60 });
    write(doc, `: ${value}`, { x: left + 80, y, width: contentWidth(doc) - 80 });
  }
  write(doc, `dalam hal ini bertindak untuk dan atas nama ${party.unitName}, selanjutnya disebut ${label}.`, {
    x: left + 18,
    width: contentWidth(doc) - 18,
  });
  doc.moveDown(0.4);
}

function opening(doc: Doc, data: BeritaAcaraData): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  write(
    doc,
    `Pada ${tanggalTerbilang(data.date)}, bertempat di ${data.place}, kami yang bertanda tangan di bawah ini:`,
    { x: left, width, align: 'justify' },
  );
  doc.moveDown(0.4);
  partyLines(doc, '1.', 'PIHAK PERTAMA', data.pihakPertama);
  partyLines(doc, '2.', 'PIHAK KEDUA', data.pihakKedua);
  write(
    doc,
    `PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA arsip inaktif sebanyak ${data.rows.length} arsip ` +
      `(jumlah: ${data.totalJumlah}) sebagaimana tercantum dalam daftar arsip terlampir, yang menjadi ` +
      'bagian tidak terpisahkan dari berita acara ini, dan PIHAK KEDUA menerimanya dengan hasil ' +
      'pemeriksaan sebagaimana tercatat pada kolom Keterangan.',
    { x: left, width, align: 'justify' },
  );
  doc.moveDown(0.6);
}

function couriers(doc: Doc, data: BeritaAcaraData): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  write(doc, 'Arsip dibawa oleh kurir dengan serah terima sebagai berikut:', {
    x: left,
    width,
    weight: 'bold',
  });
  if (data.handovers.length === 0) {
    write(doc, 'Belum ada serah terima kepada kurir.', { x: left + 18, width: width - 18 });
  }
  data.handovers.forEach((line, index) => {
    keepTogether(doc, 30);
    write(
      doc,
      `${index + 1}. ${tanggalJam(line.at)}: dari ${line.from} kepada ${line.to}` +
        (line.items ? `, sebagian muatan: ${line.items}` : '') +
        `; ${line.acknowledgement}.`,
      {
        x: left + 18,
        width: width - 18,
      },
    );
  });
  doc.moveDown(0.6);
}

function closing(doc: Doc, data: BeritaAcaraData): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const tally = data.rekonsiliasi;
  write(doc, 'Hasil pemeriksaan (rekonsiliasi):', { x: left, width, weight: 'bold' });
  if (!tally) {
    write(doc, 'Belum diperiksa oleh PIHAK KEDUA.', { x: left + 18, width: width - 18 });
  } else {
    write(
      doc,
      [
        `Jumlah dalam daftar: ${data.rows.length}`,
        `Diterima: ${tally.diterima}`,
        `Rusak: ${tally.rusak}`,
        `Tidak ada: ${tally.tidakAda}`,
        `Tidak sesuai daftar: ${tally.tidakSesuaiDaftar}`,
        `Ditolak: ${tally.ditolak}`,
        ...(tally.belumDiperiksa > 0 ? [`Belum diperiksa: ${tally.belumDiperiksa}`] : []),
      ].join('; '),
      { x: left + 18, width: width - 18 },
    );
    for (const refused of data.ditolak) {
      write(
        doc,
        `- Ditolak, tetap dalam penguasaan kurir ${refused.kurir}: ${refused.itemId}` +
          (refused.keterangan ? `, ${refused.keterangan}` : ''),
        { x: left + 18, width: width - 18 },
      );
    }
    for (const stray of data.tidakSesuaiDaftar) {
      write(
        doc,
        `- Tidak sesuai daftar (ditolak): ${stray.itemId}${stray.keterangan ? `, ${stray.keterangan}` : ''}`,
        {
          x: left + 18,
          width: width - 18,
        },
      );
    }
    write(doc, `Status: ${data.statusText}.`, { x: left + 18, width: width - 18 });
  }
  doc.moveDown(0.6);
  write(doc, 'Demikian berita acara ini dibuat dalam rangkap dua untuk dipergunakan sebagaimana mestinya.', {
    x: left,
    width,
  });
  doc.moveDown(0.8);
}

function lampiran(doc: Doc, data: BeritaAcaraData): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  write(doc, `Lampiran Berita Acara Nomor ${data.baNumber}`, { x: left, width, weight: 'bold' });
  write(doc, `DAFTAR ARSIP INAKTIF YANG DISERAHKAN`, {
    x: left,
    width,
    align: 'center',
    weight: 'bold',
    size: 12,
  });
  write(doc, `dari ${data.pihakPertama.unitName} kepada ${data.pihakKedua.unitName}`, {
    x: left,
    width,
    align: 'center',
  });
  doc.moveDown(0.5);
  drawTable(doc, COLUMNS, data.rows, [
    '',
    'Jumlah',
    `${data.rows.length} arsip (${data.totalJumlah})`,
    '',
    '',
    '',
    '',
    '',
  ]);
}
