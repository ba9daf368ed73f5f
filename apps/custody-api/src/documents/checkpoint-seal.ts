import type { PrintedCheckpoint } from './log-checkpoint';
import { write, type Doc } from './pdf-document';
import { drawQr } from './pdf-qr';

/** About 30 mm: a signed note of ~300 bytes is a version 12–13 code, ~0.45 mm a module. */
export const SEAL_SIZE = 84;
/** The seal with its caption under it. */
export const SEAL_HEIGHT = SEAL_SIZE + 10;

/**
 * The footer lines of every page of a document printed with the log's checkpoint: its origin, size
 * and root, and the key it is signed with (copied by hand into `jejak checkpoint verify --key`).
 */
export function checkpointFootnote(line: string | null, vkey: string | null = null): string[] | undefined {
  if (line === null) return undefined;
  return [`Checkpoint log terverifikasi: ${line}`, ...(vkey ? [`Kunci verifikasi: ${vkey}`] : [])];
}

/**
 * The QR code of the signed checkpoint note, byte-exact (a scan checks with `jejak checkpoint
 * verify`), with a caption under it; `size` wide, at (x, y).
 */
export function checkpointSeal(doc: Doc, checkpoint: PrintedCheckpoint, x: number, y: number): void {
  const before = { x: doc.x, y: doc.y };
  drawQr(doc, checkpoint.note, x, y, SEAL_SIZE);
  write(doc, 'Checkpoint log (pindai)', {
    x,
    y: y + SEAL_SIZE,
    width: SEAL_SIZE,
    size: 6,
    align: 'center',
    lineBreak: false,
  });
  doc.x = before.x;
  doc.y = before.y;
}
