import { presetLayout } from './label-layout';
import { renderPlaceLabels, type PlaceLabel } from './place-labels.pdf';
import { pdfPages } from '../../../../test/support/pdf-text';
import { decodeQrCodes } from '../../../../test/support/qr-decode';

jest.setTimeout(60_000);

const BASE = 'https://jejak.bekasikab.go.id';
const shelf = (n: number): PlaceLabel => ({
  url: `${BASE}/rak/depo-arsip-bekasi/R1/R1-${String(n).padStart(2, '0')}`,
  kind: 'shelf',
  room: 'R1',
  shelf: `R1-${String(n).padStart(2, '0')}`,
  depotName: 'Depo Arsip Kabupaten Bekasi',
});

describe('room and shelf labels', () => {
  it('prints each shelf and room with its QR code (decoded from the rendered page) and its code to read', async () => {
    const labels: PlaceLabel[] = [
      {
        url: `${BASE}/ruang/depo-arsip-bekasi/R1`,
        kind: 'room',
        room: 'R1',
        depotName: 'Depo Arsip Kabupaten Bekasi',
      },
      ...Array.from({ length: 12 }, (_, i) => shelf(i + 1)),
    ];
    const pdf = await renderPlaceLabels(labels, presetLayout('3x8'), 4);
    const decoded = await decodeQrCodes(pdf);
    expect(decoded).toHaveLength(1);
    expect([...decoded[0]].sort()).toEqual(labels.map((label) => label.url).sort());
    const text = (await pdfPages(pdf)).join(' ');
    expect(text).toContain('RUANG');
    expect(text).toContain('R1-12');
    expect(text).toContain('Ruang R1');
    expect(text).toContain('Depo Arsip Kabupaten Bekasi');
  });
});
