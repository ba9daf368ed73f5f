import { newPdf, write, type Doc } from './pdf-document';
import { placements, type LabelLayout } from './label-layout';
import { drawQr } from './pdf-qr';

/** What one sticker says. */
export interface Label {
  /** What the QR code holds: the item's page, `<base URL>/i/<itemId>`. */
  url: string;
  shortCode: string;
  title: string;
  unit: string;
  year: string;
  classificationCode: string;
}

const PAD = 5;

function drawLabel(doc: Doc, label: Label, x: number, y: number, layout: LabelLayout): void {
  const qrSize = Math.min(layout.height - 2 * PAD, layout.width * 0.45);
  drawQr(doc, label.url, x + PAD, y + (layout.height - qrSize) / 2, qrSize);
  const textX = x + PAD + qrSize + 3;
  const width = layout.width - (textX - x) - PAD;
  const lineOptions = { x: textX, width, lineBreak: false, ellipsis: true } as const;
  doc.save();
  doc.rect(x, y, layout.width, layout.height).clip();
  // A short code fits one line; an opaque id printed in its place may take two.
  const long = label.shortCode.length > 18;
  write(doc, label.shortCode, {
    ...(long ? { x: textX, width, height: 20 } : lineOptions),
    y: y + PAD + 2,
    size: long ? 6 : 9,
    weight: 'bold',
  });
  write(doc, label.title, {
    x: textX,
    y: doc.y + 1,
    width,
    size: 6.5,
    height: layout.height * 0.45,
    ellipsis: true,
  });
  const foot = y + layout.height - PAD - 17;
  // One line each (height): a long unit name must not wrap past the label, or off the page.
  write(doc, label.unit, { ...lineOptions, y: foot, size: 6, height: 8 });
  write(doc, `${label.classificationCode} · ${label.year}`, { ...lineOptions, y: doc.y, size: 6, height: 8 });
  doc.restore();
}

/** A4 sticker sheets, one sticker per entry drawn by `draw`, starting at label `startAt` of the first sheet. */
export function renderSheets<T>(
  title: string,
  entries: readonly T[],
  layout: LabelLayout,
  startAt: number,
  draw: (doc: Doc, entry: T, x: number, y: number, layout: LabelLayout) => void,
): Promise<Buffer> {
  const { doc, finish } = newPdf({ title, margin: 0 });
  let page = 0;
  placements(entries.length, layout, startAt).forEach((place, index) => {
    while (place.page > page) {
      doc.addPage({ size: 'A4', margin: 0 });
      page++;
    }
    draw(doc, entries[index], place.x, place.y, layout);
  });
  return finish();
}

/** A4 sticker sheets, one label per item, starting at label `startAt` of the first sheet. */
export function renderLabels(labels: readonly Label[], layout: LabelLayout, startAt = 1): Promise<Buffer> {
  return renderSheets('Label arsip', labels, layout, startAt, drawLabel);
}
