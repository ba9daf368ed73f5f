import { MongoClient, type Db, type Filter } from 'mongodb';
import { comparePositions } from '@jejak/event-store';
import {
  clampLimit,
  DEFAULT_LIST_LIMIT,
  DEFAULT_TRAIL_LIMIT,
  DEFAULT_WATCH_LIMIT,
  encodeItemCursor,
  MAX_LIST_LIMIT,
  MAX_TRAIL_LIMIT,
  trailCursor,
} from '../paging';
import { hoursBefore } from '../projections/watch-lists';
import type {
  ItemQuery,
  ItemTrailEntry,
  ItemView,
  Page,
  ReadModelRebuild,
  ReadModelStore,
  TrailEntry,
  TransferQuery,
  TransferSummary,
} from '../read-model.port';
import { transferFilter } from './mongodb-transfers';
import {
  LIVE_COLLECTIONS,
  REBUILD_COLLECTIONS,
  type ItemDocument,
  type MongoCollectionNames,
  type TrailDocument,
} from './mongodb-documents';
import { createIndexes } from './mongodb-indexes';
import { itemFilter } from './mongodb-item-filter';
import { MongoReadModelWriter } from './mongodb-writer';
import type { LeaseCollection, LeaseDocument } from '../projector/projector-lease';

const DEFAULT_DATABASE = 'jejak';

/** The database named in the URL's path, else `jejak`. */
export function databaseName(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : DEFAULT_DATABASE;
}

/**
 * Read models on MongoDB (official driver): collections `items`, `trail`, `checkpoints`, their
 * indexes created on connect. Only typechecked in this repository's CI machine: its contract
 * spec runs when MONGODB_URL is set.
 */
export class MongoReadModels extends MongoReadModelWriter implements ReadModelStore {
  private constructor(
    client: MongoClient,
    db: Db,
    private readonly transactionsSupported: boolean,
  ) {
    super(client, db, LIVE_COLLECTIONS, transactionsSupported);
  }

  /**
   * `database` overrides the one named in the URL (the contract suite's scratch databases): the
   * URL is passed to the driver untouched, so seed lists, `authSource` and options keep working.
   */
  static async connect(url: string, options: { database?: string } = {}): Promise<MongoReadModels> {
    const client = new MongoClient(url);
    await client.connect();
    try {
      const db = client.db(options.database ?? databaseName(url));
      const hello = await db.admin().command({ hello: 1 });
      // Transactions need a replica set or a sharded cluster; a standalone server has neither.
      const transactions = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
      await createIndexes(db, LIVE_COLLECTIONS);
      return new MongoReadModels(client, db, transactions);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async getItem(itemId: string): Promise<ItemView | null> {
    return (await this.items.findOne({ _id: itemId }, { projection: { view: 1 } }))?.view ?? null;
  }

  async getTrail(
    itemId: string,
    options: { afterRevision?: number; limit?: number } = {},
  ): Promise<Page<TrailEntry>> {
    const limit = clampLimit(options.limit, DEFAULT_TRAIL_LIMIT, MAX_TRAIL_LIMIT);
    const docs = await this.trail
      .find({ itemId, revision: { $gt: options.afterRevision ?? -1 } })
      .sort({ revision: 1 })
      .limit(limit + 1)
      .toArray();
    const items = docs.slice(0, limit).map((doc) => doc.entry);
    return { items, nextCursor: docs.length > limit ? trailCursor(items[items.length - 1].revision) : null };
  }

  async listItems(query: ItemQuery): Promise<Page<ItemView>> {
    const limit = clampLimit(query.limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
    const docs = await this.items
      .find(itemFilter(query), { projection: { view: 1, registeredPosition: 1 } })
      .sort({ registeredKey: 1 })
      .limit(limit + 1)
      .toArray();
    const page = docs.slice(0, limit);
    return {
      items: page.map((doc) => doc.view),
      nextCursor: docs.length > limit ? encodeItemCursor(page[page.length - 1].registeredPosition) : null,
    };
  }

  async listTransfers(query: TransferQuery): Promise<Page<TransferSummary>> {
    const limit = clampLimit(query.limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
    const docs = await this.transfers
      .find(transferFilter(query), { projection: { record: 1 } })
      .sort({ createdKey: 1 })
      .limit(limit + 1)
      .toArray();
    const page = docs.slice(0, limit);
    return {
      items: page.map((doc) => doc.record.summary),
      nextCursor: docs.length > limit ? encodeItemCursor(page[page.length - 1].record.createdPosition) : null,
    };
  }

  inTransitLongerThan(hours: number, now: string, limit?: number): Promise<ItemView[]> {
    return this.watchList('inTransitSince', { $lt: hoursBefore(now, hours) }, limit);
  }

  /** Lapsed offers are not pending: they can no longer be accepted (offers without expiresAt never lapse). */
  pendingHandoversOlderThan(hours: number, now: string, limit?: number): Promise<ItemView[]> {
    const open = {
      $or: [
        { 'view.pendingHandover.expiresAt': null },
        { 'view.pendingHandover.expiresAt': { $gt: new Date(now).toISOString() } },
      ],
    };
    return this.watchList('handoverPendingSince', { $lt: hoursBefore(now, hours) }, limit, open);
  }

  overdueLoans(now: string, limit?: number, filter: { borrowerUnitId?: string } = {}): Promise<ItemView[]> {
    const byBorrower =
      filter.borrowerUnitId !== undefined ? { 'view.loan.borrowerUnitId': filter.borrowerUnitId } : {};
    return this.watchList('loanDueAt', { $lt: new Date(now).toISOString() }, limit, byBorrower);
  }

  async lateEntries(options: { since?: string; limit?: number } = {}): Promise<ItemTrailEntry[]> {
    const since = options.since !== undefined ? { $gte: new Date(options.since).toISOString() } : {};
    const docs = await this.trail
      .find({ lateRecordedAt: { $type: 'string', ...since } } as Filter<TrailDocument>)
      .sort({ lateRecordedAt: -1 })
      .limit(clampLimit(options.limit, DEFAULT_WATCH_LIMIT, MAX_LIST_LIMIT))
      .toArray();
    return docs.map((doc) => ({ itemId: doc.itemId, entry: doc.entry }));
  }

  retentionEnded(now: string, limit?: number): Promise<ItemView[]> {
    return this.watchList('retentionEndsAt', { $lte: new Date(now).toISOString() }, limit);
  }

  async appliedPosition(): Promise<string | null> {
    const positions = (await this.checkpoints.find({}).toArray()).map((doc) => doc.position);
    if (positions.length === 0) return null;
    return positions.reduce((low, p) => (comparePositions(p, low) < 0 ? p : low));
  }

  async beginRebuild(): Promise<ReadModelRebuild> {
    await dropCollections(this.db, REBUILD_COLLECTIONS);
    await createIndexes(this.db, REBUILD_COLLECTIONS);
    return new MongoRebuild(this.client, this.db, REBUILD_COLLECTIONS, this.transactionsSupported);
  }

  /** The collection of the projector's lease (see ProjectorLease), beside the checkpoints. */
  projectorLeases(): LeaseCollection {
    const leases = this.db.collection<LeaseDocument>('projector_lease');
    return {
      findOneAndUpdate: (filter, update, options) => leases.findOneAndUpdate(filter, update, options),
      updateOne: (filter, update) => leases.updateOne(filter, update),
    };
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async watchList(
    field: 'inTransitSince' | 'handoverPendingSince' | 'loanDueAt' | 'retentionEndsAt',
    bound: { $lt: string } | { $lte: string },
    limit?: number,
    also: Filter<ItemDocument> = {},
  ): Promise<ItemView[]> {
    const docs = await this.items
      // `$type` repeats the partial index's filter, which the planner needs to see to use it.
      .find({ [field]: { $type: 'string', ...bound }, ...also } as Filter<ItemDocument>, {
        projection: { view: 1 },
      })
      .sort({ [field]: 1, registeredKey: 1 })
      .limit(clampLimit(limit, DEFAULT_WATCH_LIMIT, MAX_LIST_LIMIT))
      .toArray();
    return docs.map((doc) => doc.view);
  }
}

/**
 * Swapping renames four collections one after the other (MongoDB cannot rename several
 * atomically); checkpoints go last, so a reader in between sees new data with the old position.
 * A projector batch landing between the catch-up check and the renames is replayed by the
 * projector's next start; the rebuild is meant for a quiet moment, not as routine.
 */
class MongoRebuild extends MongoReadModelWriter implements ReadModelRebuild {
  async swap(): Promise<boolean> {
    const live = await this.db
      .collection<{ _id: string; position: string }>(LIVE_COLLECTIONS.checkpoints)
      .find({})
      .toArray();
    for (const { _id, position } of live) {
      const rebuilt = await this.checkpoint(_id);
      if (rebuilt === null || comparePositions(rebuilt, position) < 0) return false;
    }
    for (const key of ['items', 'trail', 'transfers', 'checkpoints'] as const) {
      if (await exists(this.db, this.names[key])) {
        await this.db.renameCollection(this.names[key], LIVE_COLLECTIONS[key], { dropTarget: true });
      } else {
        await this.db.collection(LIVE_COLLECTIONS[key]).deleteMany({});
      }
    }
    return true;
  }

  async abort(): Promise<void> {
    await dropCollections(this.db, this.names);
  }
}

async function exists(db: Db, name: string): Promise<boolean> {
  return (await db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0;
}

async function dropCollections(db: Db, names: MongoCollectionNames): Promise<void> {
  for (const name of [names.items, names.trail, names.transfers, names.checkpoints]) {
    if (await exists(db, name)) await db.collection(name).drop();
  }
}
