import { MongoAttemptCounterStore } from '@jejak/directory/mongodb/mongodb-attempt-counter.store';
import { FakeMongoCollection } from '@jejak/directory/testing/fake-mongo-collection';
import { SignInLockout } from './sign-in-lockout';

describe('SignInLockout', () => {
  const policy = { slowAfter: 5, lockAfter: 10, lockMs: 15 * 60_000, addressFactor: 3 };
  const t0 = 1_000_000_000;

  it('lets four failures of an id pass, then makes each try wait 1 s, 2 s, 4 s …', async () => {
    const lockout = new SignInLockout(policy);
    for (let i = 0; i < 4; i++) {
      await lockout.recordFailure('198701', '10.0.0.1', t0);
      expect(await lockout.retryAfterSeconds('198701', '10.0.0.1', t0)).toBe(0);
    }
    await lockout.recordFailure('198701', '10.0.0.1', t0);
    expect(await lockout.retryAfterSeconds('198701', '10.0.0.1', t0)).toBe(1);
    expect(await lockout.retryAfterSeconds('198701', '10.0.0.1', t0 + 1000)).toBe(0);
    await lockout.recordFailure('198701', '10.0.0.1', t0 + 1000);
    expect(await lockout.retryAfterSeconds('198701', '10.0.0.1', t0 + 1000)).toBe(2);
    await lockout.recordFailure('198701', '10.0.0.1', t0 + 3000);
    expect(await lockout.retryAfterSeconds('198701', '10.0.0.1', t0 + 3000)).toBe(4);
  });

  it('locks an id for 15 minutes after ten failures, from any address, and forgets after', async () => {
    const lockout = new SignInLockout(policy);
    for (let i = 0; i < 10; i++) await lockout.recordFailure('198701', `10.0.0.${i}`, t0);
    expect(await lockout.retryAfterSeconds('198701', '10.9.9.9', t0)).toBe(900);
    expect(await lockout.retryAfterSeconds('198701', '10.9.9.9', t0 + 899_000)).toBe(1);
    expect(await lockout.retryAfterSeconds('198701', '10.9.9.9', t0 + 900_000)).toBe(0);
    expect(await lockout.retryAfterSeconds('another', '10.9.9.9', t0)).toBe(0);
  });

  it('counts ids that differ in case or spaces as one, and made-up ids like real ones', async () => {
    const lockout = new SignInLockout(policy);
    for (const id of ['Kurir-A', 'kurir-a ', 'KURIR-A', 'kurir-A', ' kurir-a'])
      await lockout.recordFailure(id, '10.0.0.1', t0);
    expect(await lockout.retryAfterSeconds('kurir-a', '10.0.0.2', t0)).toBe(1);
  });

  it('locks an address after thirty failures over many ids (password spraying)', async () => {
    const lockout = new SignInLockout(policy);
    for (let i = 0; i < 29; i++) await lockout.recordFailure(`id-${i}`, '10.0.0.1', t0 + i * 60_000);
    expect(await lockout.retryAfterSeconds('fresh', '10.0.0.1', t0 + 29 * 60_000)).toBeGreaterThan(0);
    await lockout.recordFailure('id-29', '10.0.0.1', t0 + 29 * 60_000);
    expect(await lockout.retryAfterSeconds('fresh', '10.0.0.1', t0 + 29 * 60_000)).toBe(900);
    expect(await lockout.retryAfterSeconds('fresh', '10.0.0.2', t0 + 29 * 60_000)).toBe(0);
    expect(await lockout.retryAfterSeconds(null, '10.0.0.1', t0 + 29 * 60_000)).toBe(900);
  });

  it('a success clears the id’s failures, but of the address’s only its own attempt', async () => {
    const lockout = new SignInLockout({ ...policy, slowAfter: 2, lockAfter: 3, addressFactor: 2 });
    for (let i = 0; i < 2; i++) await lockout.recordFailure('victim', '10.0.0.1', t0);
    // The right password at last: counted first (as every attempt is), then cleared.
    await lockout.recordFailure('victim', '10.0.0.1', t0);
    expect(await lockout.retryAfterSeconds('victim', '10.0.0.2', t0)).toBe(900);
    await lockout.recordSuccess('victim', '10.0.0.1');
    expect(await lockout.retryAfterSeconds('victim', '10.0.0.2', t0)).toBe(0);
    // The address keeps its two real failures: three more over another id lock it (2 × 3 = 6).
    expect(await lockout.retryAfterSeconds('fresh', '10.0.0.1', t0)).toBe(0);
    for (let i = 0; i < 3; i++) await lockout.recordFailure('other', '10.0.0.1', t0);
    expect(await lockout.retryAfterSeconds('fresh', '10.0.0.1', t0)).toBeGreaterThan(0);
    await lockout.recordFailure('other', '10.0.0.1', t0);
    expect(await lockout.retryAfterSeconds('fresh', '10.0.0.1', t0)).toBe(900);
  });

  it('counts attempts still being checked, so parallel guesses cannot all slip past', async () => {
    const lockout = new SignInLockout(policy);
    let admitted = 0;
    for (let i = 0; i < 50; i++) {
      if ((await lockout.retryAfterSeconds('198701', '10.0.0.1', t0)) > 0) continue;
      admitted += 1;
      await lockout.recordFailure('198701', '10.0.0.1', t0); // counted on entry, before the check finishes
    }
    expect(admitted).toBe(5);
  });
});

describe('SignInLockout.attempt: checked and counted in one step', () => {
  const policy = { slowAfter: 5, lockAfter: 10, lockMs: 15 * 60_000, addressFactor: 3 };
  const t0 = 1_000_000_000;

  it('of attempts made at once, no more than the limit get through', async () => {
    const lockout = new SignInLockout({ ...policy, slowAfter: 3, lockAfter: 3 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => lockout.attempt('198701', '10.0.0.1', t0)),
    );
    expect(answers.filter((a) => a.retryAfterSeconds === 0)).toHaveLength(3);
    expect(answers.filter((a) => a.retryAfterSeconds === 900)).toHaveLength(9);
  });

  it('an attempt that must wait records nothing: the lock ends when it would have', async () => {
    const lockout = new SignInLockout(policy);
    const minute = 60_000;
    for (let i = 0; i < 10; i++) {
      const answer = await lockout.attempt('198701', '10.0.0.1', t0 + i * minute);
      expect(answer).toMatchObject({ retryAfterSeconds: 0 });
    }
    // Locked 15 minutes from the tenth failure (t0 + 9 min); a try while locked does not extend it.
    expect(await lockout.attempt('198701', '10.0.0.1', t0 + 10 * minute)).toEqual({ retryAfterSeconds: 840 });
    expect(await lockout.attempt('198701', '10.0.0.1', t0 + 11 * minute)).toEqual({ retryAfterSeconds: 780 });
    expect(await lockout.attempt('fresh', '10.0.0.1', t0 + 11 * minute)).toMatchObject({
      retryAfterSeconds: 0,
    });
    expect(await lockout.retryAfterSeconds('198701', '10.0.0.2', t0 + 24 * minute - 1)).toBe(1);
    expect(await lockout.retryAfterSeconds('198701', '10.0.0.2', t0 + 24 * minute)).toBe(0);
    // The address counted 11 (10 + fresh), not 13: the locked tries were taken back.
    // Slowed from 15 (5 × 3): three more failures make 14, still free; the fourth slows it.
    for (let i = 0; i < 3; i++) await lockout.recordFailure(`id-${i}`, '10.0.0.1', t0 + 11 * minute);
    expect(await lockout.retryAfterSeconds(null, '10.0.0.1', t0 + 11 * minute)).toBe(0);
    await lockout.recordFailure('id-x', '10.0.0.1', t0 + 11 * minute);
    expect(await lockout.retryAfterSeconds(null, '10.0.0.1', t0 + 11 * minute)).toBe(1);
  });

  it('an attempt taken back (the checks were busy) leaves the counts as they were', async () => {
    const lockout = new SignInLockout({ ...policy, slowAfter: 1, lockAfter: 2, addressFactor: 1 });
    const first = await lockout.attempt('198701', '10.0.0.1', t0);
    if (!('takeBack' in first)) throw new Error('the first attempt must pass');
    await first.takeBack();
    expect(await lockout.retryAfterSeconds('198701', '10.0.0.1', t0)).toBe(0);
  });

  it('replicas sharing one MongoDB store lock an id after the failures of one replica, not N times as many', async () => {
    const shared = new MongoAttemptCounterStore(
      new FakeMongoCollection() as unknown as ConstructorParameters<typeof MongoAttemptCounterStore>[0],
    );
    const replicas = [new SignInLockout(policy, shared), new SignInLockout(policy, shared)];
    const answers: number[] = [];
    for (let i = 0; i < 12; i++)
      answers.push(
        (await replicas[i % 2].attempt('198701', `10.0.0.${i}`, t0 + i * 60_000)).retryAfterSeconds,
      );
    // Slowed from the fifth failure on (a try a minute is slow enough), locked by the tenth (at
    // t0 + 9 min) for 15 minutes, whichever replica counted which.
    expect(answers).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 840, 780]);
    expect(await replicas[0].retryAfterSeconds('198701', '10.9.9.9', t0 + 11 * 60_000)).toBe(780);
    const atOnce = await Promise.all(
      Array.from({ length: 8 }, (_, i) => replicas[i % 2].attempt('other', '10.1.1.1', t0)),
    );
    expect(atOnce.filter((a) => a.retryAfterSeconds === 0)).toHaveLength(5);
  });
});
