import type { AttemptCounterStore } from '../port/attempt-counter.port';

const T0 = 1_800_000_000_000;
const TTL = 60_000;

/**
 * What every attempt counter store does alike (part of the directory contract; the MongoDB
 * adapter's also runs over the fake collection of mongodb-ledger-and-attempts.spec.ts).
 */
export function describeAttemptCounterContract(subject: () => AttemptCounterStore): void {
  describe('attempt counters', () => {
    it('answers each attempt with the count before it, and forgets a sliding count its time after the last', async () => {
      const store = subject();
      expect(await store.increment('k', T0, TTL, true)).toBeNull();
      expect(await store.increment('k', T0 + 10_000, TTL, true)).toEqual({
        count: 1,
        firstAt: T0,
        lastAt: T0,
        expiresAt: T0 + TTL,
      });
      expect(await store.get('k', T0 + TTL + 9_999)).toEqual({
        count: 2,
        firstAt: T0,
        lastAt: T0 + 10_000,
        expiresAt: T0 + 10_000 + TTL,
      });
      expect(await store.get('k', T0 + TTL + 10_000)).toBeNull();
      expect(await store.increment('k', T0 + TTL + 10_000, TTL, true)).toBeNull();
      expect(await store.get('other', T0)).toBeNull();
    });

    it('keeps a fixed window from its first attempt, then starts afresh', async () => {
      const store = subject();
      await store.increment('k', T0, TTL, false);
      expect(await store.increment('k', T0 + 59_999, TTL, false)).toMatchObject({
        count: 1,
        expiresAt: T0 + TTL,
      });
      expect(await store.get('k', T0 + 59_999)).toMatchObject({ count: 2, lastAt: T0, expiresAt: T0 + TTL });
      expect(await store.increment('k', T0 + TTL, TTL, false)).toBeNull();
      expect(await store.get('k', T0 + TTL)).toMatchObject({ count: 1, firstAt: T0 + TTL });
    });

    it('of attempts made at once, each sees another count', async () => {
      const store = subject();
      const befores = await Promise.all(
        Array.from({ length: 20 }, () => store.increment('k', T0, TTL, true)),
      );
      expect(befores.map((b) => b?.count ?? 0).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i),
      );
      expect(await store.get('k', T0)).toMatchObject({ count: 20 });
    });

    it('an attempt taken back leaves the count and times as they were; at zero the key is forgotten', async () => {
      const store = subject();
      expect(await store.increment('k', T0, TTL, true)).toBeNull();
      const before = await store.increment('k', T0 + 5_000, TTL, true);
      await store.undo('k', T0 + 5_000, before);
      expect(await store.get('k', T0 + 5_000)).toEqual({
        count: 1,
        firstAt: T0,
        lastAt: T0,
        expiresAt: T0 + TTL,
      });
      // A later attempt made meanwhile keeps its time.
      const taken = await store.increment('k', T0 + 6_000, TTL, true);
      await store.increment('k', T0 + 7_000, TTL, true);
      await store.undo('k', T0 + 6_000, taken);
      expect(await store.get('k', T0 + 7_000)).toMatchObject({ count: 2, lastAt: T0 + 7_000 });
      await store.decrement('k');
      expect(await store.get('k', T0 + 7_000)).toMatchObject({ count: 1, lastAt: T0 + 7_000 });
      await store.decrement('k');
      expect(await store.get('k', T0 + 7_000)).toBeNull();
      await store.undo('fresh', T0, await store.increment('fresh', T0, TTL, true));
      expect(await store.get('fresh', T0)).toBeNull();
      await store.increment('gone', T0, TTL, true);
      await store.delete('gone');
      expect(await store.get('gone', T0)).toBeNull();
      await store.decrement('never');
      expect(await store.get('never', T0)).toBeNull();
    });
  });
}
