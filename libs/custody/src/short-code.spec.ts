import {
  formatShortCode,
  normaliseShortCode,
  registrationYear,
  shortCodePrefix,
  shortCodeQuery,
} from './short-code';

describe('short item codes', () => {
  it.each([
    ['kec-cikarang-utara', 'CKU'],
    ['kec-tambun-selatan', 'TMS'],
    ['kec-babelan', 'BBL'],
    ['dinas-pendidikan', 'PND'],
    ['dinas-dukcapil', 'DKC'],
    ['setda', 'STD'],
    ['kec-setu', 'SET'],
    ['bpbd', 'BPB'],
    ['depo-arsip-bekasi', 'ARB'],
    ['kel-jatimulya', 'JTM'],
    ['x', 'XXX'],
    ['42', 'XXX'],
  ])('the prefix of %s is %s', (unitId, prefix) => {
    expect(shortCodePrefix(unitId)).toBe(prefix);
  });

  it('is always three capital letters', () => {
    for (const id of ['a', 'kec-ua', 'dinas-a-b', 'ÉTÉ', 'kec--', 'kec']) {
      expect(shortCodePrefix(id)).toMatch(/^[A-Z]{3}$/);
    }
  });

  it('writes prefix, year and a five-digit sequence, longer when it must', () => {
    expect(formatShortCode('CKU', 2026, 42)).toBe('CKU-2026-00042');
    expect(formatShortCode('CKU', 2026, 123456)).toBe('CKU-2026-123456');
  });

  it('counts the year in WIB', () => {
    expect(registrationYear('2026-12-31T17:30:00.000Z')).toBe(2027);
    expect(registrationYear('2026-12-31T16:59:59.000Z')).toBe(2026);
  });

  it('reads a typed code without regard to case or surrounding spaces', () => {
    expect(normaliseShortCode(' cku-2026-00042 ')).toBe('CKU-2026-00042');
    expect(shortCodeQuery('cku-2026')).toBe('CKU-2026');
    expect(shortCodeQuery('CKU-')).toBe('CKU-');
    expect(shortCodeQuery('arsip desa')).toBeNull();
    expect(shortCodeQuery('arsip')).toBeNull();
    expect(shortCodeQuery('005/123')).toBeNull();
  });
});
