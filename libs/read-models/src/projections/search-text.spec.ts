import { normaliseSearchText, searchTerms, searchWords } from './search-text';

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

describe('searchTerms', () => {
  it('asks for whole words unless a word ends in *', () => {
    expect(searchTerms('Désa  cikar*')).toEqual([
      { word: 'desa', prefix: false },
      { word: 'cikar', prefix: true },
    ]);
  });

  it('splits a starred chunk and stars only its last word', () => {
    expect(searchTerms('SK-bup*')).toEqual([
      { word: 'sk', prefix: false },
      { word: 'bup', prefix: true },
    ]);
  });

  it('has no terms for a lone star', () => {
    expect(searchTerms(' * ')).toEqual([]);
  });
});
