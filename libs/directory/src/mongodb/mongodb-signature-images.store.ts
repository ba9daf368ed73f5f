import { Binary, type Db } from 'mongodb';
import { SignatureImageStore } from '../port/directory.port';
import { signatureHashOf, type SignatureImage } from '../signature-image.store';
import { isDuplicateKey } from './mongodb-errors';

/** One drawn signature, under its SHA-256: the hash an event's acknowledgement names. */
export interface SignatureImageDocument {
  _id: string;
  png: Binary;
  keptAt: string;
  keptBy: string;
}

/** The driver calls the store makes (a Collection has them; the spec's fake too). */
export interface SignatureImageCollection {
  updateOne(
    filter: { _id: string },
    update: { $setOnInsert: Omit<SignatureImageDocument, '_id'> },
    options: { upsert: true },
  ): Promise<unknown>;
  findOne(filter: { _id: string }): Promise<SignatureImageDocument | null>;
}

/** Its own collection beside the directory's (the `_id` is the key: no index to create). */
export const signatureImagesCollection = (db: Db): SignatureImageCollection =>
  db.collection<SignatureImageDocument>('directory_signature_images');

/**
 * Drawn signatures on MongoDB, so an event recorded through one replica shows its signature
 * through any other. Content-addressed: an upsert that only sets fields on insert keeps the first
 * copy, and two replicas keeping the same image at once meet the `_id` (a DuplicateKey, ignored).
 */
export class MongoSignatureImageStore extends SignatureImageStore {
  constructor(
    private readonly collection: SignatureImageCollection,
    private readonly clock: () => Date,
  ) {
    super();
  }

  async keep(image: SignatureImage, keptBy: string): Promise<void> {
    // The hash is the key: a mismatch would make the event name another image.
    if (signatureHashOf(image.png) !== image.hash) throw new Error('signature image does not match its hash');
    try {
      await this.collection.updateOne(
        { _id: image.hash },
        { $setOnInsert: { png: new Binary(image.png), keptAt: this.clock().toISOString(), keptBy } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async get(hash: string): Promise<Buffer | undefined> {
    const doc = await this.collection.findOne({ _id: hash });
    return doc ? Buffer.from(doc.png.value()) : undefined;
  }
}
