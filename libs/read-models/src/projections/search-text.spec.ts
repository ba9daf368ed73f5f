import { normaliseSearchText, searchWords } from './search-text';

describe('normaliseSearchText', () => {
  it('lowercases and strips diacritics', () => {
    expect(normaliseSearchText('Arsip Désa Çikarang')).toBe('arsip desa cikarang');
  });

  it('treats a decomposed accent like a precomposed one', () => {
    expect(normaliseSearchText('De\u0301sa')).toBe(normaliseSearchText('D\u00e9sa'));
  });

  it('collapses and trims whitespace', () => {
    expect(normaliseSearchText('  Perubahan \t Anggaran\n2024 ')).toBe('perubahan anggaran 2024');
  });
});

describe('searchWords', () => {
  it('splits on punctuation and keeps digits', () => {
    expect(searchWords('SK-Bupati No. 12/2024: Désa')).toEqual(['sk', 'bupati', 'no', '12', '2024', 'desa']);
  });

  it('has no words for blank or punctuation-only text', () => {
    expect(searchWords('  - / ')).toEqual([]);
  });
});
