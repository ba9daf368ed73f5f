import { AttemptCounterStore, type AttemptCount } from '../port/attempt-counter.port';
import { isDuplicateKey } from './mongodb-errors';

/** One key's count in `attempt_counters`; `expiresAt` a Date so that the TTL index removes it. */
export interface AttemptCounterDocument {
  _id: string;
  count: number;
  firstAt: number;
  lastAt: number;
  expiresAt: Date;
}

type Filter = Record<string, unknown>;
type Update = Record<string, Record<string, unknown>>;

/** The driver calls the store makes (a Collection has them; the spec's fake too). */
export interface AttemptCounterCollection {
  findOne(filter: Filter): Promise<AttemptCounterDocument | null>;
  findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: { upsert: true; returnDocument: 'before' },
  ): Promise<AttemptCounterDocument | null>;
  updateOne(filter: Filter, update: Update): Promise<{ matchedCount: number }>;
  deleteOne(filter: Filter): Promise<unknown>;
  createIndex(
    keys: Record<string, 1>,
    options: { expireAfterSeconds: number; name: string },
  ): Promise<unknown>;
}

const countOf = (doc: AttemptCounterDocument | null): AttemptCount | null =>
  doc && doc.count > 0
    ? { count: doc.count, firstAt: doc.firstAt, lastAt: doc.lastAt, expiresAt: doc.expiresAt.getTime() }
    : null;

/**
 * Attempt counters on MongoDB, one document per key, shared by every replica. An attempt is one
 * findOneAndUpdate with `$inc` and upsert (the server applies concurrent updates of one document
 * one after another, so each caller gets another count); `returnDocument: 'before'` answers the
 * count it found (null when the upsert created the document). An expired count is deleted just
 * before (a filter on `expiresAt`, so a live one is never lost); the TTL index removes the rest
 * (its monitor runs every 60 s, which is why reads filter on `expiresAt` themselves).
 */
export class MongoAttemptCounterStore extends AttemptCounterStore {
  constructor(private readonly collection: AttemptCounterCollection) {
    super();
  }

  async createIndexes(): Promise<void> {
    await this.collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expiresAt_1_ttl' });
  }

  async get(key: string, now: number): Promise<AttemptCount | null> {
    return countOf(await this.collection.findOne({ _id: key, expiresAt: { $gt: new Date(now) } }));
  }

  async increment(key: string, now: number, ttlMs: number, slide: boolean): Promise<AttemptCount | null> {
    await this.collection.deleteOne({ _id: key, expiresAt: { $lte: new Date(now) } });
    const expiresAt = new Date(now + ttlMs);
    const update: Update = slide
      ? { $inc: { count: 1 }, $max: { lastAt: now, expiresAt }, $setOnInsert: { firstAt: now } }
      : { $inc: { count: 1 }, $setOnInsert: { firstAt: now, lastAt: now, expiresAt } };
    const options = { upsert: true, returnDocument: 'before' } as const;
    try {
      return countOf(await this.collection.findOneAndUpdate({ _id: key }, update, options));
    } catch (error) {
      // Two upserts of a missing key at once: one may meet the other's insert (E11000); the
      // document exists now, so the second try is a plain $inc.
      if (!isDuplicateKey(error)) throw error;
      return countOf(await this.collection.findOneAndUpdate({ _id: key }, update, options));
    }
  }

  async undo(key: string, at: number, before: AttemptCount | null): Promise<void> {
    const restored =
      before &&
      (
        await this.collection.updateOne(
          { _id: key, lastAt: at },
          {
            $inc: { count: -1 },
            $set: { lastAt: before.lastAt, expiresAt: new Date(before.expiresAt) },
          },
        )
      ).matchedCount > 0;
    if (!restored) await this.collection.updateOne({ _id: key }, { $inc: { count: -1 } });
    await this.forgetAtZero(key);
  }

  async decrement(key: string): Promise<void> {
    await this.collection.updateOne({ _id: key }, { $inc: { count: -1 } });
    await this.forgetAtZero(key);
  }

  async delete(key: string): Promise<void> {
    await this.collection.deleteOne({ _id: key });
  }

  /** An attempt counted between the two steps keeps the document (its count is above zero). */
  private async forgetAtZero(key: string): Promise<void> {
    await this.collection.deleteOne({ _id: key, count: { $lte: 0 } });
  }
}
