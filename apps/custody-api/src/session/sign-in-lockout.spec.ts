import { SignInLockout } from './sign-in-lockout';

describe('SignInLockout', () => {
  const policy = { slowAfter: 5, lockAfter: 10, lockMs: 15 * 60_000, addressFactor: 3 };
  const t0 = 1_000_000_000;

  it('lets four failures of an id pass, then makes each try wait 1 s, 2 s, 4 s …', () => {
    const lockout = new SignInLockout(policy);
    for (let i = 0; i < 4; i++) {
      lockout.recordFailure('198701', '10.0.0.1', t0);
      expect(lockout.retryAfterSeconds('198701', '10.0.0.1', t0)).toBe(0);
    }
    lockout.recordFailure('198701', '10.0.0.1', t0);
    expect(lockout.retryAfterSeconds('198701', '10.0.0.1', t0)).toBe(1);
    expect(lockout.retryAfterSeconds('198701', '10.0.0.1', t0 + 1000)).toBe(0);
    lockout.recordFailure('198701', '10.0.0.1', t0 + 1000);
    expect(lockout.retryAfterSeconds('198701', '10.0.0.1', t0 + 1000)).toBe(2);
    lockout.recordFailure('198701', '10.0.0.1', t0 + 3000);
    expect(lockout.retryAfterSeconds('198701', '10.0.0.1', t0 + 3000)).toBe(4);
  });

  it('locks an id for 15 minutes after ten failures, from any address, and forgets after', () => {
    const lockout = new SignInLockout(policy);
    for (let i = 0; i < 10; i++) lockout.recordFailure('198701', `10.0.0.${i}`, t0);
    expect(lockout.retryAfterSeconds('198701', '10.9.9.9', t0)).toBe(900);
    expect(lockout.retryAfterSeconds('198701', '10.9.9.9', t0 + 899_000)).toBe(1);
    expect(lockout.retryAfterSeconds('198701', '10.9.9.9', t0 + 900_000)).toBe(0);
    expect(lockout.retryAfterSeconds('another', '10.9.9.9', t0)).toBe(0);
  });

  it('counts ids that differ in case or spaces as one, and made-up ids like real ones', () => {
    const lockout = new SignInLockout(policy);
    for (const id of ['Kurir-A', 'kurir-a ', 'KURIR-A', 'kurir-A', ' kurir-a'])
      lockout.recordFailure(id, '10.0.0.1', t0);
    expect(lockout.retryAfterSeconds('kurir-a', '10.0.0.2', t0)).toBe(1);
  });

  it('locks an address after thirty failures over many ids (password spraying)', () => {
    const lockout = new SignInLockout(policy);
    for (let i = 0; i < 29; i++) lockout.recordFailure(`id-${i}`, '10.0.0.1', t0 + i * 60_000);
    expect(lockout.retryAfterSeconds('fresh', '10.0.0.1', t0 + 29 * 60_000)).toBeGreaterThan(0);
    lockout.recordFailure('id-29', '10.0.0.1', t0 + 29 * 60_000);
    expect(lockout.retryAfterSeconds('fresh', '10.0.0.1', t0 + 29 * 60_000)).toBe(900);
    expect(lockout.retryAfterSeconds('fresh', '10.0.0.2', t0 + 29 * 60_000)).toBe(0);
    expect(lockout.retryAfterSeconds(null, '10.0.0.1', t0 + 29 * 60_000)).toBe(900);
  });

  it('a success clears the id’s failures, but of the address’s only its own attempt', () => {
    const lockout = new SignInLockout({ ...policy, slowAfter: 2, lockAfter: 3, addressFactor: 2 });
    for (let i = 0; i < 2; i++) lockout.recordFailure('victim', '10.0.0.1', t0);
    // The right password at last: counted first (as every attempt is), then cleared.
    lockout.recordFailure('victim', '10.0.0.1', t0);
    expect(lockout.retryAfterSeconds('victim', '10.0.0.2', t0)).toBe(900);
    lockout.recordSuccess('victim', '10.0.0.1');
    expect(lockout.retryAfterSeconds('victim', '10.0.0.2', t0)).toBe(0);
    // The address keeps its two real failures: three more over another id lock it (2 × 3 = 6).
    expect(lockout.retryAfterSeconds('fresh', '10.0.0.1', t0)).toBe(0);
    for (let i = 0; i < 3; i++) lockout.recordFailure('other', '10.0.0.1', t0);
    expect(lockout.retryAfterSeconds('fresh', '10.0.0.1', t0)).toBeGreaterThan(0);
    lockout.recordFailure('other', '10.0.0.1', t0);
    expect(lockout.retryAfterSeconds('fresh', '10.0.0.1', t0)).toBe(900);
  });

  it('counts attempts still being checked, so parallel guesses cannot all slip past', () => {
    const lockout = new SignInLockout(policy);
    let admitted = 0;
    for (let i = 0; i < 50; i++) {
      if (lockout.retryAfterSeconds('198701', '10.0.0.1', t0) > 0) continue;
      admitted += 1;
      lockout.recordFailure('198701', '10.0.0.1', t0); // counted on entry, before the check finishes
    }
    expect(admitted).toBe(5);
  });
});
