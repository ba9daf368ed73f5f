import { formatIndonesianDate } from '../common/indonesian-date';
import type { DisposalRow } from '../reports/disposal-list.rows';
import type { DisposalReportData } from './disposal-report.data';
import {
  contentWidth,
  letterhead,
  newPdf,
  nextPage,
  pageFooters,
  titleBlock,
  write,
  type DocumentHeading,
} from './pdf-document';
import { drawTable, type Column } from './pdf-table';
import { signatureBlocks } from './signature-blocks';
import { checkpointFootnote } from './checkpoint-seal';
import type { PrintedCheckpoint } from './log-checkpoint';
import { tanggalTerbilang } from './tanggal-terbilang';

export const DISPOSAL_TITLES = {
  musnah: 'BERITA ACARA PEMUSNAHAN ARSIP',
  statis: 'BERITA ACARA PENYERAHAN ARSIP STATIS',
} as const;

const COLUMNS: Column<DisposalRow>[] = [
  { header: 'No.', width: 26, align: 'center', cell: (row) => String(row.no) },
  { header: 'Kode Klasifikasi', width: 70, cell: (row) => row.kodeKlasifikasi },
  { header: 'Uraian Informasi', width: 220, cell: (row) => row.uraianInformasi },
  { header: 'Kurun Waktu', width: 60, align: 'center', cell: (row) => row.kurunWaktu },
  { header: 'Jumlah', width: 56, align: 'center', cell: (row) => row.jumlah },
  { header: 'Retensi', width: 90, cell: (row) => row.retensi },
  { header: 'Nasib Akhir', width: 66, align: 'center', cell: (row) => row.nasibAkhir },
  { header: 'Keterangan', width: 170, cell: (row) => row.keterangan },
];

/** The berita acara pemusnahan, or penyerahan arsip statis, with its daftar arsip as lampiran. */
export function renderDisposalReport(
  data: DisposalReportData,
  heading: DocumentHeading,
  checkpoint: PrintedCheckpoint | null = null,
): Promise<Buffer> {
  const title = DISPOSAL_TITLES[data.kind];
  const { doc, finish } = newPdf({ title: `${title} ${data.baNumber}` });
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  letterhead(doc, heading);
  titleBlock(doc, title, data.baNumber);
  const executor = `${data.executor.name}${data.executor.nip ? `, NIP ${data.executor.nip}` : ''}, ${data.executor.jabatan}`;
  const act =
    data.kind === 'musnah'
      ? `telah dilaksanakan pemusnahan arsip yang masa retensinya telah habis dan berketerangan musnah`
      : `telah diserahkan arsip statis (permanen) yang masa retensinya telah habis kepada ${data.toArchive ?? 'lembaga kearsipan'}`;
  write(
    doc,
    `Pada ${tanggalTerbilang(data.date)}, bertempat di ${data.depotName}, ${act}, sebanyak ${data.rows.length} arsip ` +
      `(jumlah: ${data.totalJumlah}) sebagaimana tercantum dalam daftar arsip terlampir, oleh ${executor}.`,
    { x: left, width, align: 'justify' },
  );
  if (data.note) {
    doc.moveDown(0.4);
    write(doc, `Keterangan: ${data.note}`, { x: left, width });
  }
  doc.moveDown(0.6);
  write(doc, 'Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.', { x: left, width });
  doc.moveDown(0.8);
  signatureBlocks(doc, {
    checkpoint,
    placeAndDate: `${heading.place}, ${formatIndonesianDate(data.date)}`,
    left:
      data.kind === 'musnah'
        ? { title: 'Saksi', role: 'Inspektorat / Unit Pengolah', name: null, nip: null, jabatan: null }
        : {
            title: 'Yang Menerima',
            role: data.toArchive ?? 'Lembaga Kearsipan',
            name: null,
            nip: null,
            jabatan: null,
          },
    right: {
      title: data.kind === 'musnah' ? 'Pelaksana' : 'Yang Menyerahkan',
      role: data.depotName,
      name: data.executor.name,
      nip: data.executor.nip,
      jabatan: data.executor.jabatan,
    },
    mengetahui: heading,
  });
  nextPage(doc, 'landscape');
  write(doc, `Lampiran ${title} Nomor ${data.baNumber}`, {
    x: left,
    width: contentWidth(doc),
    weight: 'bold',
  });
  write(
    doc,
    data.kind === 'musnah' ? 'DAFTAR ARSIP YANG DIMUSNAHKAN' : 'DAFTAR ARSIP STATIS YANG DISERAHKAN',
    {
      x: left,
      width: contentWidth(doc),
      align: 'center',
      weight: 'bold',
      size: 12,
    },
  );
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
  pageFooters(doc, checkpointFootnote(checkpoint?.line ?? null, checkpoint?.vkey));
  return finish();
}
