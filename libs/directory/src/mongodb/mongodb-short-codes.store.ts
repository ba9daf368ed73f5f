import { formatShortCode, registrationYear, shortCodePrefix } from '@jejak/custody';
import { ShortCodeStore, type ShortCodeWanted } from '../port/directory.port';
import type { CounterDocument } from './mongodb-directory-documents';

/** The one driver call the counters make (a Collection has it; the spec's fake too). */
export interface CounterCollection {
  findOneAndUpdate(
    filter: { _id: string },
    update: { $inc: { last: number }; $setOnInsert: { prefix: string; year: number } },
    options: { upsert: true; returnDocument: 'after' },
  ): Promise<CounterDocument | null>;
}

/**
 * Short-code counters on MongoDB. `reserve` takes as many numbers as registrations are wanted with
 * one `$inc` per prefix and year (upsert: the first registration of a year creates its counter; the
 * server applies concurrent $inc to one document one after another, so no two replicas ever get the
 * same number; docs "findOneAndUpdate" and "Upsert with Duplicate Values"). The numbers wait in this
 * replica's pool for the synchronous `assign` of the decision. A number reserved for a registration
 * that then fails is not handed back: codes may skip (as with SQLite), never repeat.
 */
export class MongoShortCodeStore extends ShortCodeStore {
  private readonly pools = new Map<string, number[]>();

  constructor(private readonly counters: CounterCollection) {
    super();
  }

  async reserve(wanted: readonly ShortCodeWanted[]): Promise<void> {
    const counts = new Map<string, { prefix: string; year: number; n: number }>();
    for (const { originUnitId, occurredAt } of wanted) {
      const prefix = shortCodePrefix(originUnitId);
      const year = registrationYear(occurredAt);
      const key = `${prefix}:${year}`;
      const entry = counts.get(key) ?? { prefix, year, n: 0 };
      entry.n += 1;
      counts.set(key, entry);
    }
    for (const [key, { prefix, year, n }] of counts) {
      const counter = await this.counters.findOneAndUpdate(
        { _id: key },
        { $inc: { last: n }, $setOnInsert: { prefix, year } },
        { upsert: true, returnDocument: 'after' },
      );
      if (!counter) throw new Error(`the short-code counter ${key} answered nothing`);
      const pool = this.pools.get(key) ?? [];
      for (let number = counter.last - n + 1; number <= counter.last; number += 1) pool.push(number);
      this.pools.set(key, pool);
    }
  }

  assign(originUnitId: string, occurredAt: string): string {
    const prefix = shortCodePrefix(originUnitId);
    const year = registrationYear(occurredAt);
    const number = this.pools.get(`${prefix}:${year}`)?.shift();
    if (number === undefined) {
      throw new Error(`no short code reserved for ${prefix} ${year}: reserve() before the decision`);
    }
    return formatShortCode(prefix, year, number);
  }

  async close(): Promise<void> {}
}
