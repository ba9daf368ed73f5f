import { MemoryAttemptCounterStore } from './memory-attempt-counter.store';

describe('MemoryAttemptCounterStore', () => {
  const T0 = 1_800_000_000_000;

  it('a flood of made-up keys of one kind never pushes out the counts of another', async () => {
    const store = new MemoryAttemptCounterStore();
    for (let i = 0; i < 10; i++) await store.increment('sign-in:id:198701', T0, 900_000, true);
    for (let i = 0; i < 25_000; i++) await store.increment(`auth:addr:10.${i}`, T0, 60_000, false);
    expect(await store.get('sign-in:id:198701', T0)).toMatchObject({ count: 10 });
    // The flooded kind was cleared when full of live counts, so it is bounded.
    expect(await store.get('auth:addr:10.0', T0)).toBeNull();
    expect(await store.get('auth:addr:10.24999', T0)).toMatchObject({ count: 1 });
  });
});
