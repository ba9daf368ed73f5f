import { jumlah, securityClass } from './daftar-arsip.values';

describe('jumlah', () => {
  it.each([
    ['3 bundel', { count: 3, unit: 'bundel' }],
    ['3 Bdl.', { count: 3, unit: 'bundel' }],
    ['2 (dua) boks', { count: 2, unit: 'boks' }],
    ['1 map', { count: 1, unit: 'map' }],
    ['10 lbr', { count: 10, unit: 'lembar' }],
    ['4 ordner', { count: 4, unit: 'ordner' }],
    ['7', { count: 7, unit: 'berkas' }],
  ])('%j → %j', (text, value) => expect(jumlah(text)).toEqual({ value }));

  it('keeps an unknown unit for the item rules to refuse, and refuses words', () => {
    expect(jumlah('2 karung')).toEqual({ value: { count: 2, unit: 'karung' } });
    expect(jumlah('dua berkas')).toEqual({ error: expect.stringContaining('bukan jumlah') });
  });
});

describe('securityClass', () => {
  it('reads the class of "Klasifikasi Keamanan dan Hak Akses" cells', () => {
    expect(securityClass('Biasa/Terbuka')).toEqual({ value: 'biasa' });
    expect(securityClass('Terbatas (pimpinan)')).toEqual({ value: 'terbatas' });
    expect(securityClass('Sangat Rahasia')).toEqual({ value: 'sangat_rahasia' });
  });
});
