import type { ClientSession, MongoClient } from 'mongodb';
import type { AuditEntry } from '../directory.database';
import type { Clock } from '../person';
import type { DirectoryCollections } from './mongodb-directory-documents';

export interface AuditInput {
  actorId: string;
  action: string;
  subjectId: string;
  details: Record<string, unknown>;
}

/** Within a transaction: every call passes this session (the driver ignores the others). */
export type Tx = { session?: ClientSession };

/**
 * What the directory's MongoDB stores share: the client, collections, clock, and a transaction
 * runner. A change that touches several documents (a person and their audit, a deactivation and
 * everything it ends) runs in one transaction, which needs a replica set (or sharded cluster); on
 * a standalone server the writes run one after another (the read models make the same choice).
 */
export class MongoDirectoryContext {
  constructor(
    private readonly client: MongoClient,
    readonly c: DirectoryCollections,
    readonly clock: Clock,
    private readonly transactions: boolean,
  ) {}

  async inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (!this.transactions) return work({});
    // withTransaction retries the callback on TransientTransactionError (a write conflict with
    // another replica): the callback only reads and writes through `session`.
    return this.client.withSession((session) => session.withTransaction(() => work({ session })));
  }

  async audit(entry: AuditInput, tx: Tx, at: Date = this.clock()): Promise<void> {
    await this.c.audit.insertOne({ at: at.toISOString(), ...entry }, tx);
  }

  async auditOf(subjectId: string): Promise<AuditEntry[]> {
    const docs = await this.c.audit.find({ subjectId }).sort({ at: 1, _id: 1 }).toArray();
    return docs.map(({ at, actorId, action, subjectId: subject, details }) => ({
      at,
      actorId,
      action,
      subjectId: subject,
      details,
    }));
  }

  /** Tells every replica's snapshot that a person or place changed (in the same transaction). */
  async bumpVersion(tx: Tx): Promise<void> {
    await this.c.meta.updateOne({ _id: 'version' }, { $inc: { n: 1 } }, { upsert: true, ...tx });
  }
}
