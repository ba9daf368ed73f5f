import { IdempotencyStore, type IdempotencyRecord } from '../port/directory.port';
import type { IdempotencyDocument } from './mongodb-directory-documents';
import { isDuplicateKey } from './mongodb-errors';

/** The driver calls the store makes (a Collection has them; the spec's fake too). */
export interface IdempotencyCollection {
  findOne(filter: { tokenId: string; key: string }): Promise<IdempotencyDocument | null>;
  insertOne(doc: IdempotencyDocument): Promise<unknown>;
}

/**
 * First answers on MongoDB. The unique index on (tokenId, key) keeps the first: a second insert of
 * the same key, from this replica or another, fails with DuplicateKey (11000) and changes nothing.
 */
export class MongoIdempotencyStore extends IdempotencyStore {
  constructor(
    private readonly collection: IdempotencyCollection,
    private readonly clock: () => Date,
  ) {
    super();
  }

  async find(tokenId: string, key: string): Promise<IdempotencyRecord | null> {
    const doc = await this.collection.findOne({ tokenId, key });
    return doc ? { tokenId, key, requestHash: doc.requestHash, status: doc.status, body: doc.body } : null;
  }

  async save(record: IdempotencyRecord): Promise<void> {
    try {
      await this.collection.insertOne({ ...record, createdAt: this.clock().toISOString() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async close(): Promise<void> {}
}
