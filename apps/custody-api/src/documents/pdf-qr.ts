import QRCode from 'qrcode';
import type { Doc } from './pdf-document';

/**
 * The QR code as filled squares, one per dark module, with the quiet zone the standard asks for
 * left white: vector, so it stays sharp at any printer resolution and decodes from a 150 dpi scan.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) {
        doc.rect(x + (column + quiet) * cell, y + (row + quiet) * cell, cell, cell);
      }
    }
  }
  doc.fillColor('#000000').fill();
}
