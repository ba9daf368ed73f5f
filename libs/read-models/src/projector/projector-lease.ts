/** The lease document: who projects, until when (ms since the epoch, by the holder's clock). */
export interface LeaseDocument {
  _id: string;
  holder: string;
  expiresAt: number;
  renewedAt: number;
}

/**
 * The one driver call the lease makes, as `Collection.findOneAndUpdate` documents it: with
 * `upsert: true` a filter that matches nothing inserts a document made of the filter's equality
 * fields and the update; if a document with that `_id` exists but did not match, that insert fails
 * with DuplicateKey (code 11000). With `returnDocument: 'after'` the answer is the document as
 * written. https://www.mongodb.com/docs/manual/reference/method/db.collection.findOneAndUpdate/
 */
export interface LeaseCollection {
  findOneAndUpdate(
    filter: object,
    update: { $set: Omit<LeaseDocument, '_id'> },
    options: { upsert: boolean; returnDocument: 'after' },
  ): Promise<LeaseDocument | null>;
  updateOne(filter: object, update: { $set: Partial<LeaseDocument> }): Promise<unknown>;
}

export interface LeaseOptions {
  /** This replica's id (host name and process id, say): unique among the replicas. */
  holderId: string;
  /** How long a taken lease lasts without renewal; a dead holder's lease is free after this. */
  ttlMs?: number;
  name?: string;
  clock?: () => number;
}

export const DEFAULT_LEASE_TTL_MS = 15_000;

const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

/**
 * "Only one replica projects": a lease in the read models' database. `acquire()` takes the lease
 * when it is free or expired, or renews it when this replica holds it, in one atomic
 * findOneAndUpdate whose filter says so; any other answer means another replica holds it.
 * Times are the holders' clocks (the replicas' clocks are assumed to agree to well within the TTL,
 * as NTP keeps them).
 */
export class ProjectorLease {
  readonly holderId: string;
  readonly ttlMs: number;
  private readonly name: string;
  private readonly clock: () => number;
  private heldUntil = 0;

  constructor(
    private readonly collection: LeaseCollection,
    options: LeaseOptions,
  ) {
    this.holderId = options.holderId;
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.name = options.name ?? 'projector';
    this.clock = options.clock ?? Date.now;
  }

  /** True when this replica holds the lease now (taken or renewed, and not lapsed since). */
  holds(): boolean {
    return this.clock() < this.heldUntil;
  }

  /** Takes or renews the lease; false when another replica holds it (or the server failed). */
  async acquire(): Promise<boolean> {
    const now = this.clock();
    try {
      const doc = await this.collection.findOneAndUpdate(
        { _id: this.name, $or: [{ holder: this.holderId }, { expiresAt: { $lte: now } }] },
        { $set: { holder: this.holderId, expiresAt: now + this.ttlMs, renewedAt: now } },
        { upsert: true, returnDocument: 'after' },
      );
      if (doc?.holder === this.holderId) {
        this.heldUntil = now + this.ttlMs;
        return true;
      }
      this.heldUntil = 0;
      return false;
    } catch (error) {
      this.heldUntil = 0;
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Gives the lease up (on a clean stop), so a standby takes over at its next try, not after the TTL. */
  async release(): Promise<void> {
    if (this.heldUntil === 0) return;
    this.heldUntil = 0;
    await this.collection.updateOne({ _id: this.name, holder: this.holderId }, { $set: { expiresAt: 0 } });
  }
}
