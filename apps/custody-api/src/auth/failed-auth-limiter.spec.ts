import { FailedAuthLimiter } from './failed-auth-limiter';

describe('FailedAuthLimiter', () => {
  it('blocks an address after the limit of failures within a minute, and frees it after the minute', () => {
    const limiter = new FailedAuthLimiter(3);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(limiter.blockedFor('10.0.0.1', t0 + i)).toBe(0);
      limiter.recordFailure('10.0.0.1', t0 + i);
    }
    expect(limiter.blockedFor('10.0.0.1', t0 + 10)).toBe(60);
    expect(limiter.blockedFor('10.0.0.2', t0 + 10)).toBe(0);
    expect(limiter.blockedFor('10.0.0.1', t0 + 60_000)).toBe(0);
  });
});
