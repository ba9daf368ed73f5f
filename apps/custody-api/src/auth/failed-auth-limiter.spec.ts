import { FailedAuthLimiter } from './failed-auth-limiter';

describe('FailedAuthLimiter', () => {
  it('blocks an address after the limit of failures within a minute, and frees it after the minute', async () => {
    const limiter = new FailedAuthLimiter(3);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(await limiter.blockedFor('10.0.0.1', t0 + i)).toBe(0);
      await limiter.recordFailure('10.0.0.1', t0 + i);
    }
    expect(await limiter.blockedFor('10.0.0.1', t0 + 10)).toBe(60);
    expect(await limiter.blockedFor('10.0.0.2', t0 + 10)).toBe(0);
    expect(await limiter.blockedFor('10.0.0.1', t0 + 60_000)).toBe(0);
  });
});
