import { customLayout, placements, presetLayout } from './label-layout';
import { renderLabels, type Label } from './labels.pdf';
import { pdfPages } from '../../../../test/support/pdf-text';
import { decodeQrCodes } from '../../../../test/support/qr-decode';

jest.setTimeout(60_000);

const label = (n: number): Label => ({
  url: `https://jejak.bekasikab.go.id/i/itm-${n}`,
  shortCode: `CKU-2026-${String(n).padStart(5, '0')}`,
  title: `Buku Register Surat Masuk jilid ${n} – Kedutaan 日本`,
  // The bottom row's unit is too long for one line: cut, not wrapped onto a further page.
  unit:
    n >= 22
      ? 'Dinas Perpustakaan dan Kearsipan Kabupaten Bekasi (Record Center)'
      : 'Kecamatan Cikarang Utara',
  year: '2018',
  classificationCode: '000.2.3',
});

describe('label sheets', () => {
  it('places labels left to right, top to bottom, from label N of the first sheet, on to further sheets', () => {
    const layout = presetLayout('3x8');
    const places = placements(25, layout, 3);
    expect(places[0]).toMatchObject({ page: 0, x: layout.left + 2 * layout.width, y: layout.top });
    expect(places[1]).toMatchObject({ page: 0, x: layout.left, y: layout.top + layout.height });
    expect(places[21]).toMatchObject({ page: 0 });
    expect(places[22]).toMatchObject({ page: 1, x: layout.left, y: layout.top });
    expect(customLayout({ columns: 4, rows: 10, widthMm: 60, heightMm: 25, topMm: 5, leftMm: 5 })).toBe(
      'labels wider than an A4 sheet',
    );
  });

  it('prints a 3×8 sheet whose QR codes decode from the rendered page to the items’ URLs, with code and title', async () => {
    const labels = Array.from({ length: 26 }, (_, index) => label(index + 1));
    const pdf = await renderLabels(labels, presetLayout('3x8'), 1);
    const decoded = await decodeQrCodes(pdf);
    expect(decoded).toHaveLength(2);
    expect(decoded.flat().sort()).toEqual(labels.map((one) => one.url).sort());
    expect(decoded[0]).toHaveLength(24);
    const text = (await pdfPages(pdf)).join(' ');
    expect(text).toContain('CKU-2026-00001');
    expect(text).toContain('Kedutaan 日本');
    expect(text).toContain('000.2.3 · 2018');
  });
});
