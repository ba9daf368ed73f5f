import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface TokenRecord {
  /** Per throttler: expiry instants of the hits still counted, oldest first. */
  hits: Map<string, number[]>;
  expiresAt: number;
  blockExpiresAt: number;
  isBlocked: boolean;
}

const SWEEP_INTERVAL_MS = 60_000;

/** Drops the expired hits at the front of an expiry-ordered log, in place. */
function pruneExpired(hits: number[], now: number): void {
  let expired = 0;
  while (expired < hits.length && hits[expired] <= now) expired++;
  if (expired > 0) hits.splice(0, expired);
}

/**
 * The throttler's in-memory storage with the stock answers, at a cost that does not grow with the
 * rate. The stock ThrottlerStorageService filters (and copies) every hit of the last minute on every
 * request: O(rate x window) per request, 2-3x the CPU of a where-is read at 800 requests/s. Hits
 * are appended in expiry order (now + ttl), so the expired ones are always at the front.
 */
@Injectable()
export class HitLogThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly records = new Map<string, TokenRecord>();
  private sweep: NodeJS.Timeout | undefined;

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    this.sweep ??= setInterval(() => this.evictIdle(), SWEEP_INTERVAL_MS).unref();
    let record = this.records.get(key);
    if (!record) {
      record = { hits: new Map(), expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false };
      this.records.set(key, record);
    }
    let hits = record.hits.get(throttlerName);
    if (!hits) {
      hits = [];
      record.hits.set(throttlerName, hits);
    }
    pruneExpired(hits, now);
    let timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    if (timeToExpire <= 0) {
      record.expiresAt = now + ttl;
      timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    }
    if (blockDuration <= 0) {
      const isBlocked = hits.length >= limit;
      if (!isBlocked) hits.push(now + ttl);
      const timeToBlockExpire = hits.length > 0 ? Math.ceil((hits[0] - now) / 1000) : timeToExpire;
      return {
        totalHits: hits.length + (isBlocked ? 1 : 0),
        timeToExpire,
        isBlocked,
        timeToBlockExpire: isBlocked ? timeToBlockExpire : 0,
      };
    }
    if (!record.isBlocked) hits.push(now + ttl);
    if (hits.length > limit && !record.isBlocked) {
      record.isBlocked = true;
      record.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((record.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && record.isBlocked) {
      record.isBlocked = false;
      hits.length = 0;
      hits.push(now + ttl);
    }
    return { totalHits: hits.length, timeToExpire, isBlocked: record.isBlocked, timeToBlockExpire };
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = undefined;
    this.records.clear();
  }

  /** Forgets tokens with nothing left to count, so idle tokens cost no memory. */
  private evictIdle(now = Date.now()): void {
    for (const [key, record] of this.records) {
      if (record.isBlocked && record.blockExpiresAt > now) continue;
      if (record.expiresAt > now) continue;
      if ([...record.hits.values()].some((hits) => hits.some((expiresAt) => expiresAt > now))) continue;
      this.records.delete(key);
    }
  }
}
