import { write, type Doc } from './pdf-document';
import type { LabelLayout } from './label-layout';
import { renderSheets } from './labels.pdf';
import { drawQr } from './pdf-qr';

/** A sticker for a depot's room (on its door) or one of its shelves (on the rack's end). */
export interface PlaceLabel {
  /**
   * What the QR code holds: `<base URL>/rak/<depotId>/<room>/<shelf>` for a shelf,
   * `<base URL>/ruang/<depotId>/<room>` for a room; the depot's scanner takes the storage place from it.
   */
  url: string;
  kind: 'room' | 'shelf';
  room: string;
  shelf?: string;
  depotName: string;
}

const PAD = 5;

/** "Ruang R1", but a room already called "Ruang Arsip 2" is not "Ruang Ruang Arsip 2". */
const roomWords = (room: string) => (/^ruang\b/i.test(room) ? room : `Ruang ${room}`);

function drawPlaceLabel(doc: Doc, label: PlaceLabel, x: number, y: number, layout: LabelLayout): void {
  const qrSize = Math.min(layout.height - 2 * PAD, layout.width * 0.45);
  drawQr(doc, label.url, x + PAD, y + (layout.height - qrSize) / 2, qrSize);
  const textX = x + PAD + qrSize + 3;
  const width = layout.width - (textX - x) - PAD;
  // One line each, cut with an ellipsis: a long name must not wrap past the label (or the page).
  const line = (size: number) => ({ x: textX, width, height: size * 1.3, ellipsis: true, size }) as const;
  doc.save();
  doc.rect(x, y, layout.width, layout.height).clip();
  // Read from a step away: the shelf (or room) code big, where it is in small type under it.
  write(doc, label.kind === 'shelf' ? 'RAK' : 'RUANG', { ...line(7), y: y + PAD + 2 });
  const code = label.kind === 'shelf' ? label.shelf! : label.room;
  write(doc, code, { ...line(code.length > 8 ? 12 : 18), y: doc.y, weight: 'bold' });
  if (label.kind === 'shelf') write(doc, roomWords(label.room), { ...line(8), y: doc.y + 1 });
  write(doc, label.depotName, { ...line(6), y: y + layout.height - PAD - 9 });
  doc.restore();
}

/** A4 sticker sheets of room and shelf labels, starting at label `startAt` of the first sheet. */
export function renderPlaceLabels(
  labels: readonly PlaceLabel[],
  layout: LabelLayout,
  startAt = 1,
): Promise<Buffer> {
  return renderSheets('Label rak dan ruang', labels, layout, startAt, drawPlaceLabel);
}
