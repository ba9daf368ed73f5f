import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm';

let prepared = false;

/** ZXing-C++ as WebAssembly, from the package itself (it would fetch its wasm from a CDN otherwise). */
function prepare(): void {
  if (prepared) return;
  const wasm = readFileSync(require.resolve('zxing-wasm/full/zxing_full.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  prepared = true;
}

/** Renders each page of a PDF to PNG with poppler's pdftoppm, as a printer or scanner would see it. */
export function renderPages(pdf: Buffer, dpi = 150): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    try {
      execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'doc.pdf'), join(dir, 'page')]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error('pdftoppm is missing: apt-get install -y poppler-utils (.ci/run does it)');
      }
      throw error;
    }
    return readdirSync(dir)
      .filter((name) => name.endsWith('.png'))
      .sort()
      .map((name) => readFileSync(join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every QR code found on every page of the rendered PDF, page by page. */
export async function decodeQrCodes(pdf: Buffer): Promise<string[][]> {
  prepare();
  const pages: string[][] = [];
  for (const png of renderPages(pdf)) {
    const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], maxNumberOfSymbols: 64 });
    pages.push(found.filter((result) => result.isValid).map((result) => result.text));
  }
  return pages;
}
