import { retentionEndsAt, retentionHasEnded } from './retention';
import { aFile } from './testing/fixtures';

describe('retentionEndsAt', () => {
  it('is 1 January of the year after year + active + inactive years', () => {
    const file = aFile({
      year: 2015,
      retention: { activeYears: 2, inactiveYears: 8, disposition: 'musnah' },
    });
    expect(retentionEndsAt(file)).toBe('2026-01-01T00:00:00.000Z');
  });

  it('counts from the last year of a period', () => {
    const file = aFile({ year: undefined, period: { from: 2001, to: 2005 } });
    expect(retentionEndsAt(file)).toBe('2013-01-01T00:00:00.000Z');
  });

  it('is null without a retention schedule or without a year', () => {
    expect(retentionEndsAt(aFile({ retention: undefined }))).toBeNull();
    expect(retentionEndsAt(aFile({ year: undefined }))).toBeNull();
  });

  it('has ended from that midnight on, not a millisecond before', () => {
    const file = aFile({ year: 2018 }); // 2 + 5 years: ends 2026-01-01
    expect(retentionHasEnded(file, '2025-12-31T23:59:59.999Z')).toBe(false);
    expect(retentionHasEnded(file, '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(retentionHasEnded(aFile({ retention: undefined }), '2100-01-01T00:00:00Z')).toBe(false);
  });
});
