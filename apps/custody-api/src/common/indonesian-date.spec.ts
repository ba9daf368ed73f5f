import { formatIndonesianDate, indonesianDayName } from './indonesian-date';

describe('Indonesian dates of a berita acara', () => {
  it('writes day, Indonesian month name and year', () => {
    expect(formatIndonesianDate('2026-11-30T03:00:00.000Z')).toBe('30 November 2026');
    expect(formatIndonesianDate('2026-02-01T00:00:00Z')).toBe('1 Februari 2026');
    expect(formatIndonesianDate('2026-08-17T10:00:00Z')).toBe('17 Agustus 2026');
  });

  it('counts the day in WIB (UTC+7), so a late-evening UTC time is already the next day', () => {
    expect(formatIndonesianDate('2026-12-31T17:30:00Z')).toBe('1 Januari 2027');
    expect(formatIndonesianDate('2026-12-31T16:59:59Z')).toBe('31 Desember 2026');
  });

  it('names the weekday in Indonesian', () => {
    expect(indonesianDayName('2026-11-30T03:00:00Z')).toBe('Senin');
    expect(indonesianDayName('2026-11-29T18:00:00Z')).toBe('Senin');
    expect(indonesianDayName('2026-12-04T03:00:00Z')).toBe('Jumat');
  });

  it('refuses what is not a date rather than printing "NaN"', () => {
    expect(() => formatIndonesianDate('kemarin')).toThrow(/not a date/);
  });
});
