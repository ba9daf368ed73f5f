import { tanggalJam, tanggalTerbilang } from './tanggal-terbilang';

describe('the date of a berita acara in words', () => {
  it('writes day, date, month and year out in Indonesian, in WIB, with the figures beside them', () => {
    // 17:30 UTC on the 30th is already the 1st in Bekasi.
    expect(tanggalTerbilang('2026-11-30T17:30:00Z')).toBe(
      'hari Selasa tanggal satu bulan Desember tahun dua ribu dua puluh enam (1 Desember 2026)',
    );
    expect(tanggalTerbilang('2026-11-30T03:00:00Z')).toBe(
      'hari Senin tanggal tiga puluh bulan November tahun dua ribu dua puluh enam (30 November 2026)',
    );
    expect(tanggalTerbilang('2031-02-11T03:00:00Z')).toContain(
      'tanggal sebelas bulan Februari tahun dua ribu tiga puluh satu',
    );
  });

  it('gives the time of a handover in WIB', () => {
    expect(tanggalJam('2026-11-30T03:05:00Z')).toBe('30 November 2026, 10.05 WIB');
  });
});
