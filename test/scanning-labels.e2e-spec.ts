import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BarcodeDetector, prepareZXingModule, ZXING_WASM_VERSION } from 'barcode-detector/ponyfill';
import { parseScan } from '../apps/web/src/scan/scan-code';
import { renderPages } from './support/qr-decode';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(120_000);

const BASE_URL = 'https://jejak.bekasikab.go.id';

// The ponyfill builds its answers with DOMRectReadOnly, which Node lacks; the browser has it.
class Rect {
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
  constructor(
    readonly x = 0,
    readonly y = 0,
    readonly width = 0,
    readonly height = 0,
  ) {
    this.top = y;
    this.left = x;
    this.right = x + width;
    this.bottom = y + height;
  }
}

/**
 * The web app's decoder (barcode-detector's ZXing ponyfill, with the very .wasm file Vite copies into
 * /assets) reads every QR code of the label sheets GET /api/labels.pdf prints, rendered to images as a
 * printer would put them on paper, and the app's scanner takes each to the right item.
 */
describe('the scanner reads printed labels', () => {
  let t: TestApp;
  let officer: string;

  beforeAll(async () => {
    (globalThis as { DOMRectReadOnly?: unknown }).DOMRectReadOnly ??= Rect;
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
      fireImmediately: true,
    });
    t = await startTestApp({ JEJAK_PUBLIC_BASE_URL: `${BASE_URL}/` });
    officer = (await t.token('officer', 'kec-cikarang-utara')).token;
  });
  afterAll(() => t?.close());

  it('uses the zxing-wasm build barcode-detector was made for (one copy in the tree)', () => {
    const installed = JSON.parse(
      readFileSync(
        join(dirname(require.resolve('zxing-wasm/reader/zxing_reader.wasm')), '..', '..', 'package.json'),
        'utf8',
      ),
    ) as {
      version: string;
    };
    expect(installed.version).toBe(ZXING_WASM_VERSION);
  });

  it.each([
    ['3x8', 30, 1],
    ['2x7', 14, 3],
  ])('decodes all labels of a %s sheet (%i items, from label %i)', async (preset, count, startAt) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const answer = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ title: `Berkas label ${preset} nomor ${i + 1}` }))
        .expect(201);
      ids.push(answer.body.itemId);
    }
    const response = await t
      .http()
      .get('/api/labels.pdf')
      .query({ itemIds: ids.join(','), preset, startAt })
      .set(...bearer(ADMIN_TOKEN))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    const read: string[] = [];
    for (const png of renderPages(response.body as Buffer)) {
      const found = await detector.detect(new Blob([new Uint8Array(png)], { type: 'image/png' }));
      read.push(...found.map((code) => code.rawValue));
    }
    expect(read.sort()).toEqual(ids.map((id) => `${BASE_URL}/i/${encodeURIComponent(id)}`).sort());
    expect(
      read.map((text) => parseScan(text)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual(
      ids
        .map((id) => ({ kind: 'item', id }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });
});
