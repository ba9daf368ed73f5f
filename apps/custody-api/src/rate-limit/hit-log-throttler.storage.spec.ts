import { ThrottlerStorageService } from '@nestjs/throttler';
import fc from 'fast-check';
import { HitLogThrottlerStorage } from './hit-log-throttler.storage';

describe('HitLogThrottlerStorage', () => {
  let now = 0;
  beforeEach(() => {
    now = 1_700_000_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers every request exactly as the stock throttler storage, blocking or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.constantFrom('a', 'b'), waitMs: fc.integer({ min: 0, max: 1500 }) }), {
          minLength: 1,
          maxLength: 120,
        }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(0, 2_000),
        async (requests, limit, blockDuration) => {
          const stock = new ThrottlerStorageService();
          const ours = new HitLogThrottlerStorage();
          try {
            for (const { key, waitMs } of requests) {
              now += waitMs;
              const expected = await stock.increment(key, 5_000, limit, blockDuration, 'default');
              const actual = await ours.increment(key, 5_000, limit, blockDuration, 'default');
              expect(actual).toEqual(expected);
            }
          } finally {
            stock.onApplicationShutdown();
            ours.onApplicationShutdown();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('blocks the request over the limit and lets requests through again once the window has passed', async () => {
    const storage = new HitLogThrottlerStorage();
    const send = () => storage.increment('token', 60_000, 3, 60_000, 'default');
    for (let i = 0; i < 3; i++) expect((await send()).isBlocked).toBe(false);
    expect(await send()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    now += 60_001;
    expect(await send()).toMatchObject({ isBlocked: false, totalHits: 1 });
    storage.onApplicationShutdown();
  });
});
