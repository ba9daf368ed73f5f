import { formatIndonesianDate } from '../common/indonesian-date';
import {
  contentWidth,
  letterhead,
  newPdf,
  pageFooters,
  titleBlock,
  write,
  type DocumentHeading,
} from './pdf-document';
import { checkpointFootnote } from './checkpoint-seal';
import type { PrintedCheckpoint } from './log-checkpoint';
import type { ReceiptData } from './receipt.data';
import { signatureBlocks } from './signature-blocks';
import { tanggalJam } from './tanggal-terbilang';

export const RECEIPT_TITLE = 'TANDA TERIMA SURAT';

/** The tanda terima of a letter delivered to its addressee unit, as the buku ekspedisi has it. */
export function renderReceipt(
  data: ReceiptData,
  heading: DocumentHeading,
  checkpoint: PrintedCheckpoint | null = null,
): Promise<Buffer> {
  const { doc, finish } = newPdf({ title: `${RECEIPT_TITLE} ${data.itemId}` });
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  letterhead(doc, heading);
  titleBlock(doc, RECEIPT_TITLE, null);
  write(doc, 'Telah diterima surat dinas sebagai berikut:', { x: left, width });
  doc.moveDown(0.4);
  const lines: [string, string][] = [
    ['Nomor surat', data.letterNumber],
    ['Tanggal surat', data.letterDate],
    ['Perihal', data.perihal],
    ['Dari', data.from],
    ['Kepada', data.to],
    ['Diterima pada', tanggalJam(data.deliveredAt)],
    ['Diterima oleh', data.receivedBy],
    ['Diserahkan oleh', `${data.courier.name} (${data.courier.id}), ${data.courier.jabatan}`],
    ['Cara pengakuan', data.acknowledgement],
    ['ID arsip', data.itemId],
  ];
  for (const [key, value] of lines) {
    const y = doc.y;
    write(doc, key, { x: left + 18, y, width: 110 });
    write(doc, `: ${value}`, { x: left + 130, y, width: width - 130 });
  }
  doc.moveDown(1.2);
  signatureBlocks(doc, {
    checkpoint,
    placeAndDate: `${heading.place}, ${formatIndonesianDate(data.deliveredAt)}`,
    left: {
      title: 'Yang Menyerahkan',
      role: 'Kurir',
      name: data.courier.name,
      nip: data.courier.nip,
      jabatan: null,
    },
    right: {
      title: 'Yang Menerima',
      role: data.to,
      name: data.receivedBy,
      nip: data.receiverNip,
      jabatan: null,
    },
  });
  pageFooters(doc, checkpointFootnote(checkpoint?.line ?? null, checkpoint?.vkey));
  return finish();
}
