import { parseScan } from '../apps/web/src/scan/scan-code';
import { pdfPages } from './support/pdf-text';
import { decodeQrCodes } from './support/qr-decode';
import { ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(120_000);

const BASE_URL = 'https://jejak.bekasikab.go.id';

/** Badges (kartu petugas): the QR code a colleague scans to hand a consignment over (web-app.md, Kurir). */
describe('GET /api/people/:id/badge.pdf', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ JEJAK_PUBLIC_BASE_URL: BASE_URL });
    await t
      .http()
      .post('/api/people')
      .set(...bearer(ADMIN_TOKEN))
      .send({ id: 'KURIR-0042', name: 'Siti Rahmawati', role: 'courier', jabatan: 'Kurir PT Pos Indonesia' })
      .expect(201);
  });
  afterAll(() => t?.close());

  const badge = (token: string, id: string) =>
    t
      .http()
      .get(`/api/people/${encodeURIComponent(id)}/badge.pdf`)
      .set(...bearer(token))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  it("prints the person's name, jabatan and id, with a QR code the app's scanner reads as that person", async () => {
    const answer = await badge(ADMIN_TOKEN, 'KURIR-0042').expect(200);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(answer.headers['content-disposition']).toContain('kartu-KURIR-0042.pdf');
    const codes = await decodeQrCodes(answer.body as Buffer);
    expect(codes).toEqual([[`${BASE_URL}/orang/KURIR-0042`]]);
    expect(parseScan(codes[0][0])).toEqual({ kind: 'person', id: 'KURIR-0042' });
    const text = (await pdfPages(answer.body as Buffer)).join(' ');
    expect(text).toContain('Siti Rahmawati');
    expect(text).toContain('Kurir PT Pos Indonesia');
    expect(text).toContain('KARTU PETUGAS');
  });

  it('gives a person their own badge, and refuses anyone else’s (or one of nobody)', async () => {
    const courier = await t.token('courier', undefined, 'KURIR-0043');
    await badge(courier.token, 'KURIR-0043').expect(200);
    const refused = await badge(courier.token, 'KURIR-0042').expect(403);
    expect(JSON.parse(String(refused.body)).detail).toMatch(/Only an admin/);
    await badge(ADMIN_TOKEN, 'TIDAK-ADA').expect(404);
  });
});
