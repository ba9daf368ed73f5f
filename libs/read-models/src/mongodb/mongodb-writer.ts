import type { AnyBulkWriteOperation, ClientSession, Collection, Db, MongoClient } from 'mongodb';
import type { ItemRecord, ProjectionBatch, ReadModelWriter, TransferRecord } from '../read-model.port';
import { toIsoInstant } from '../projections/watch-lists';
import { newerTransferOnly, type TransferDocument } from './mongodb-transfers';
import {
  fromItemDocument,
  positionKey,
  toItemDocument,
  type CheckpointDocument,
  type ItemDocument,
  type MongoCollectionNames,
  type TrailDocument,
} from './mongodb-documents';

/**
 * Writes batches into one set of collections. In a transaction when the server has them (replica
 * set or sharded); otherwise every write is idempotent on its own and they go in an order that
 * survives a crash between them: trail lines first, then items (guarded by revision), then the
 * checkpoint (forward only). A replay after a crash rewrites nothing and loses nothing: an item
 * written without its trail cannot happen, and one not yet written is simply applied again.
 */
export class MongoReadModelWriter implements ReadModelWriter {
  protected readonly items: Collection<ItemDocument>;
  protected readonly trail: Collection<TrailDocument>;
  protected readonly checkpoints: Collection<CheckpointDocument>;
  protected readonly transfers: Collection<TransferDocument>;

  constructor(
    protected readonly client: MongoClient,
    protected readonly db: Db,
    protected readonly names: MongoCollectionNames,
    private readonly transactions: boolean,
  ) {
    this.items = db.collection<ItemDocument>(names.items);
    this.trail = db.collection<TrailDocument>(names.trail);
    this.checkpoints = db.collection<CheckpointDocument>(names.checkpoints);
    this.transfers = db.collection<TransferDocument>(names.transfers);
  }

  async loadTransfers(transferIds: readonly string[]): Promise<Map<string, TransferRecord>> {
    const docs = await this.transfers.find({ _id: { $in: [...transferIds] } }).toArray();
    return new Map(docs.map((doc) => [doc._id, doc.record]));
  }

  async loadItems(itemIds: readonly string[]): Promise<Map<string, ItemRecord>> {
    const docs = await this.items
      .find({ _id: { $in: [...itemIds] } }, { projection: { state: 1, view: 1, registeredPosition: 1 } })
      .toArray();
    return new Map(docs.map((doc) => [doc._id, fromItemDocument(doc)]));
  }

  async applyBatch(batch: ProjectionBatch): Promise<void> {
    if (!this.transactions) return this.write(batch);
    const session = this.client.startSession();
    try {
      await session.withTransaction(() => this.write(batch, session));
    } finally {
      await session.endSession();
    }
  }

  async checkpoint(projection: string): Promise<string | null> {
    return (await this.checkpoints.findOne({ _id: projection }))?.position ?? null;
  }

  private async write(batch: ProjectionBatch, session?: ClientSession): Promise<void> {
    if (batch.trail.length > 0) {
      await this.trail.bulkWrite(
        batch.trail.map(({ itemId, entry }) => ({
          updateOne: {
            filter: { itemId, revision: entry.revision },
            update: {
              $setOnInsert: {
                itemId,
                revision: entry.revision,
                entry,
                ...(entry.late ? { lateRecordedAt: toIsoInstant(entry.recordedAt) ?? entry.recordedAt } : {}),
              },
            },
            upsert: true,
          },
        })),
        { session, ordered: true },
      );
    }
    if (batch.items.length > 0) {
      await this.items.bulkWrite(batch.items.map(newerRevisionOnly), { session, ordered: true });
    }
    const transfers = batch.transfers ?? [];
    if (transfers.length > 0) {
      await this.transfers.bulkWrite(transfers.map(newerTransferOnly), { session, ordered: true });
    }
    await this.checkpoints.updateOne(
      { _id: batch.projection },
      [
        replaceIf(
          { $gt: [positionKey(batch.position), { $ifNull: ['$positionKey', ''] }] },
          {
            _id: batch.projection,
            position: batch.position,
            positionKey: positionKey(batch.position),
          },
        ),
      ],
      { session, upsert: true },
    );
  }
}

/** A pipeline stage that replaces the document by `doc` only when `condition` holds. */
function replaceIf(condition: unknown, doc: object): object {
  // $literal: a title or note starting with '$' must not be read as a field path.
  return { $replaceWith: { $cond: { if: condition, then: { $literal: doc }, else: '$$ROOT' } } };
}

function newerRevisionOnly(record: ItemRecord): AnyBulkWriteOperation<ItemDocument> {
  const doc = toItemDocument(record);
  return {
    updateOne: {
      filter: { _id: doc._id },
      update: [replaceIf({ $gt: [doc.revision, { $ifNull: ['$revision', -1] }] }, doc)],
      upsert: true,
    },
  };
}
