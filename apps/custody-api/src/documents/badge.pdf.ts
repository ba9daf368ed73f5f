import { newPdf, write, type DocumentHeading } from './pdf-document';
import { drawQr } from './pdf-qr';

/** What a person's badge (kartu petugas) says. */
export interface Badge {
  /** What the QR code holds: `<base URL>/orang/<personId>`, which a colleague's scanner reads. */
  url: string;
  personId: string;
  name: string;
  jabatan: string;
  unit: string | null;
}

const MM = 72 / 25.4;
/** ID-1, the size of a bank card: it fits the plastic sleeves offices already hand out. */
const CARD = { width: 85.6 * MM, height: 54 * MM };
const PAD = 4 * MM;

/** One badge on an A4 page, its cutting line drawn, to print and put in a card sleeve. */
export function renderBadge(badge: Badge, heading: DocumentHeading): Promise<Buffer> {
  const { doc, finish } = newPdf({ title: `Kartu petugas ${badge.personId}`, margin: 0 });
  const x = 20 * MM;
  const y = 20 * MM;
  doc.save().lineWidth(0.5).dash(3, { space: 3 }).rect(x, y, CARD.width, CARD.height).stroke().restore();
  const qrSize = CARD.height - 2 * PAD - 10;
  drawQr(doc, badge.url, x + CARD.width - PAD - qrSize, y + PAD + 10, qrSize);
  const width = CARD.width - 3 * PAD - qrSize;
  const line = (size: number) => ({ x: x + PAD, width, height: size * 1.3, ellipsis: true, size }) as const;
  write(doc, heading.regency.toUpperCase(), { ...line(6), y: y + PAD, width: CARD.width - 2 * PAD });
  write(doc, 'KARTU PETUGAS JEJAK', { ...line(8), y: doc.y + 4, weight: 'bold' });
  write(doc, badge.name, {
    x: x + PAD,
    y: doc.y + 6,
    width,
    height: 32,
    ellipsis: true,
    size: 11,
    weight: 'bold',
  });
  write(doc, badge.jabatan, { ...line(7), y: doc.y + 2 });
  if (badge.unit) write(doc, badge.unit, { ...line(7), y: doc.y });
  write(doc, badge.personId, { ...line(9), y: y + CARD.height - PAD - 11, weight: 'bold' });
  write(
    doc,
    'Gunting pada garis. Rekan kurir memindai kode QR kartu ini untuk menyerahkan kiriman kepada pemegangnya.',
    { x, y: y + CARD.height + 8, width: 120 * MM, size: 8 },
  );
  return finish();
}
