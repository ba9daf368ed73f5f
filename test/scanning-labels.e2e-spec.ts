import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BarcodeDetector, prepareZXingModule, ZXING_WASM_VERSION } from 'barcode-detector/ponyfill';
import { parseScan } from '../apps/web/src/scan/scan-code';
import { renderPages } from './support/qr-decode';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(120_000);

const BASE_URL = 'https://jejak.bekasikab.go.id';
const DEPOT = 'depo-arsip-bekasi';

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

  const pdfOf = (token: string, query: Record<string, string | number>) =>
    t
      .http()
      .get('/api/labels.pdf')
      .query(query)
      .set(...bearer(token))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  const readAll = async (pdf: Buffer): Promise<string[]> => {
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    const read: string[] = [];
    for (const png of renderPages(pdf)) {
      const found = await detector.detect(new Blob([new Uint8Array(png)], { type: 'image/png' }));
      read.push(...found.map((code) => code.rawValue));
    }
    return read;
  };

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
    const response = await pdfOf(ADMIN_TOKEN, { itemIds: ids.join(','), preset, startAt }).expect(200);
    const read = await readAll(response.body as Buffer);
    expect(read.sort()).toEqual(ids.map((id) => `${BASE_URL}/i/${encodeURIComponent(id)}`).sort());
    expect(
      read.map((text) => parseScan(text)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual(
      ids
        .map((id) => ({ kind: 'item', id }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('decodes every room and shelf label a depot prints, each naming that depot, room and shelf', async () => {
    const depot = (await t.token('depot', DEPOT)).token;
    const shelves = Array.from({ length: 20 }, (_, i) => `R2-${String(i + 1).padStart(2, '0')}`);
    const response = await pdfOf(depot, {
      placeId: DEPOT,
      rooms: 'R1,Ruang Arsip 2',
      room: 'Ruang Arsip 2',
      shelves: shelves.join(','),
      startAt: 5,
    }).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const read = await readAll(response.body as Buffer);
    const byText = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(read.map((text) => parseScan(text)).sort(byText)).toEqual(
      [
        { kind: 'room', depotId: DEPOT, room: 'R1' },
        { kind: 'room', depotId: DEPOT, room: 'Ruang Arsip 2' },
        ...shelves.map((shelf) => ({ kind: 'shelf', depotId: DEPOT, room: 'Ruang Arsip 2', shelf })),
      ].sort(byText),
    );
    expect(read).toContain(`${BASE_URL}/rak/${DEPOT}/Ruang%20Arsip%202/R2-07`);
  });

  it('refuses shelf labels to other depots and officers, and a request that names no shelf or a bad code', async () => {
    await t
      .http()
      .post('/api/locations')
      .set(...bearer(ADMIN_TOKEN))
      .send({ id: 'depo-lain-label', name: 'Depo Lain', type: 'depot' })
      .expect(201);
    const otherDepot = (await t.token('depot', 'depo-lain-label')).token;
    const refused = async (token: string, query: Record<string, string>, status: number, detail: RegExp) => {
      const answer = await pdfOf(token, query);
      expect(answer.status).toBe(status);
      expect(JSON.parse(String(answer.body)).detail).toMatch(detail);
    };
    const shelvesOf = { placeId: DEPOT, room: 'R1', shelves: 'R1-01' };
    await refused(otherDepot, shelvesOf, 403, /Only the staff of/);
    await refused(officer, shelvesOf, 403, /Only the staff of/);
    await refused(ADMIN_TOKEN, { placeId: DEPOT, shelves: 'R1-01' }, 400, /room is needed/);
    await refused(ADMIN_TOKEN, { placeId: DEPOT }, 400, /needs rooms/);
    await refused(ADMIN_TOKEN, { placeId: DEPOT, rooms: 'R1/R2' }, 400, /not a room or shelf code/);
    await refused(ADMIN_TOKEN, { placeId: 'kec-cikarang-utara', rooms: 'R1' }, 400, /not a depot/);
    await refused(ADMIN_TOKEN, { placeId: 'tidak-ada', rooms: 'R1' }, 404, /No location/);
    await refused(ADMIN_TOKEN, { placeId: DEPOT, rooms: 'R1', itemIds: 'itm-1' }, 400, /itemIds apart/);
    // Without placeId it is an item sheet, which needs items.
    await refused(ADMIN_TOKEN, {}, 400, /itemIds names no item/);
    // With it, the admin may print any depot's labels.
    await pdfOf(ADMIN_TOKEN, shelvesOf).expect(200);
  });
});
