import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { HitLogThrottlerStorage } from './hit-log-throttler.storage';

const ONE_MINUTE_MS = 60_000;

/** JEJAK_RATE_LIMIT_PER_MINUTE requests per token per minute; the next one is 429 rate-limited. */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    throttlers: [{ name: 'default', ttl: ONE_MINUTE_MS, limit: config.rateLimitPerMinute }],
    // The stock storage costs O(requests in the last minute) per request; this one O(expired hits).
    storage: new HitLogThrottlerStorage(),
    errorMessage: `More than ${config.rateLimitPerMinute} requests a minute with this token; retry after Retry-After seconds.`,
  }),
});
