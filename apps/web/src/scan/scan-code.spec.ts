import { parseScan } from './scan-code';

describe('parseScan: what a scanned or typed code names', () => {
  it.each([
    ['https://jejak.bekasikab.go.id/i/itm-123', { kind: 'item', id: 'itm-123' }],
    ['http://127.0.0.1:3000/i/arsip%2F01%20a', { kind: 'item', id: 'arsip/01 a' }],
    ['/i/itm-9/', { kind: 'item', id: 'itm-9' }],
    ['  itm-5b0c  ', { kind: 'item', id: 'itm-5b0c' }],
    ['https://jejak.bekasikab.go.id/transfer/trf-7', { kind: 'transfer', id: 'trf-7' }],
    ['https://jejak.bekasikab.go.id/rak/R2/R2-07', { kind: 'shelf', room: 'R2', shelf: 'R2-07' }],
    ['RAK:R3/R3-01', { kind: 'shelf', room: 'R3', shelf: 'R3-01' }],
    ['rak:Ruang%201/A-2', { kind: 'shelf', room: 'Ruang 1', shelf: 'A-2' }],
    [
      'https://jejak.bekasikab.go.id/rak/depo-arsip-bekasi/R1/R1-01',
      { kind: 'shelf', depotId: 'depo-arsip-bekasi', room: 'R1', shelf: 'R1-01' },
    ],
    [
      'http://127.0.0.1:3000/ruang/depo-arsip-bekasi/Ruang%20A',
      { kind: 'room', depotId: 'depo-arsip-bekasi', room: 'Ruang A' },
    ],
    ['https://jejak.bekasikab.go.id/orang/KURIR-007', { kind: 'person', id: 'KURIR-007' }],
    ['KODE:483920', { kind: 'release-code', code: '483920' }],
    ['kode 483920', { kind: 'release-code', code: '483920' }],
  ])('%s', (text, expected) => expect(parseScan(text)).toEqual(expected));

  it.each([
    'https://contoh.example/bukan-label',
    'dua kata',
    'a/b',
    'WIFI:S:kantor;;',
    '',
    'https://jejak.bekasikab.go.id/rak/a/b/c/d',
    'https://jejak.bekasikab.go.id/orang/',
  ])('is not a Jejak code: %j', (text) => expect(parseScan(text).kind).toBe('unknown'));
});
