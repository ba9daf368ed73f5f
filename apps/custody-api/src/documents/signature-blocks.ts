import { checkpointSeal, SEAL_HEIGHT } from './checkpoint-seal';
import type { PrintedCheckpoint } from './log-checkpoint';
import { BLANK, contentWidth, keepTogether, write, type Doc, type DocumentHeading } from './pdf-document';

export interface SignatureBlock {
  /** PIHAK PERTAMA, Peminjam, ... */
  title: string;
  /** The role and unit under the title. */
  role: string;
  name: string | null;
  nip: string | null;
  jabatan: string | null;
}

const SIGN_SPACE = 40;

function block(doc: Doc, x: number, y: number, width: number, sign: SignatureBlock): number {
  const options = { x, width, align: 'center' as const };
  write(doc, sign.title, { ...options, y, weight: 'bold' });
  write(doc, sign.role, { ...options, y: doc.y });
  const nameAt = doc.y + SIGN_SPACE;
  write(doc, sign.name ? sign.name : `(${BLANK})`, {
    ...options,
    y: nameAt,
    weight: 'bold',
    underline: !!sign.name,
  });
  write(doc, `NIP ${sign.nip ?? (sign.name ? '-' : BLANK)}`, { ...options, y: doc.y });
  if (sign.jabatan) write(doc, sign.jabatan, { ...options, y: doc.y });
  return doc.y;
}

/**
 * Two signatures side by side (the place and date above the right one), the name with NIP and
 * jabatan under each; then, when given, the "Mengetahui" block for the official who countersigns.
 * The log's checkpoint, when given, is sealed as a QR code beside "Mengetahui" (or under the two
 * signatures without it), where the page has room already: printing it adds no page.
 */
export function signatureBlocks(
  doc: Doc,
  blocks: {
    placeAndDate: string;
    left: SignatureBlock;
    right: SignatureBlock;
    mengetahui?: DocumentHeading;
    checkpoint?: PrintedCheckpoint | null;
  },
): void {
  const seal = blocks.checkpoint ?? null;
  keepTogether(doc, blocks.mengetahui ? 225 : 135 + (seal ? SEAL_HEIGHT + 8 : 0));
  const left = doc.page.margins.left;
  const half = contentWidth(doc) / 2;
  write(doc, blocks.placeAndDate, { x: left + half, y: doc.y, width: half - 10, align: 'center' });
  const top = doc.y + 4;
  const leftEnd = block(doc, left, top, half - 10, blocks.left);
  const rightEnd = block(doc, left + half, top, half - 10, blocks.right);
  doc.y = Math.max(leftEnd, rightEnd) + 16;
  if (blocks.mengetahui) {
    const x = left + half * 0.4;
    const wide = half * 1.2;
    if (seal) checkpointSeal(doc, seal, left, doc.y);
    write(doc, 'Mengetahui,', { x, y: doc.y, width: wide, align: 'center' });
    const { mengetahui, mengetahuiName: name, mengetahuiNip: nip } = blocks.mengetahui;
    write(doc, mengetahui, { x, y: doc.y, width: wide, align: 'center' });
    write(doc, name ?? `(${BLANK})`, {
      x,
      y: doc.y + SIGN_SPACE,
      width: wide,
      align: 'center',
      weight: 'bold',
      underline: !!name,
    });
    write(doc, `NIP ${nip ?? (name ? '-' : BLANK)}`, { x, y: doc.y, width: wide, align: 'center' });
  } else if (seal) {
    checkpointSeal(doc, seal, left + half - SEAL_HEIGHT / 2, doc.y);
    doc.y += SEAL_HEIGHT + 8;
  }
  doc.x = left;
  doc.moveDown();
}
