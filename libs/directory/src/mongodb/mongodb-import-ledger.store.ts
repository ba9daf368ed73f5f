import type { Clock } from '../person';
import {
  IMPORT_CLAIM_MS,
  ImportLedgerStore,
  type ImportClaim,
  type ImportClaimRequest,
  type LedgerEntry,
} from '../port/import-ledger.port';
import { isDuplicateKey } from './mongodb-errors';

/**
 * `import_ledger`: an import done (`_id` "import:<importId>") or a list being imported (`_id`
 * "claim:<fingerprint>", one per list: the unique `_id` index refuses a second claim).
 */
export type ImportLedgerDocument =
  | ({ _id: string; kind: 'imported'; fingerprint: string } & LedgerEntry)
  | {
      _id: string;
      kind: 'claim';
      fingerprint: string;
      holder: string;
      request: string | null;
      actorId: string;
      claimedAt: string;
      expiresAt: Date;
    };

type Filter = Record<string, unknown>;

/** The driver calls the store makes (a Collection has them; the spec's fake too). */
export interface ImportLedgerCollection {
  find(filter: Filter): {
    sort(spec: Record<string, 1>): { toArray(): Promise<ImportLedgerDocument[]> };
  };
  findOne(filter: Filter): Promise<ImportLedgerDocument | null>;
  insertOne(doc: ImportLedgerDocument): Promise<unknown>;
  findOneAndUpdate(
    filter: Filter,
    update: { $set: Partial<ImportLedgerDocument> },
    options: { returnDocument: 'after' },
  ): Promise<ImportLedgerDocument | null>;
  deleteOne(filter: Filter): Promise<unknown>;
  createIndex(
    keys: Record<string, 1>,
    options: { name: string; expireAfterSeconds?: number },
  ): Promise<unknown>;
}

const claimId = (fingerprint: string) => `claim:${fingerprint}`;

/**
 * The import ledger on MongoDB, shared by the replicas and `jejak import`. A claim is one insert
 * (DuplicateKey, 11000, when the list is claimed already); a lapsed claim, or one of the same
 * request, is taken over with one findOneAndUpdate whose filter says so (of two at once, one wins).
 * Completing records the import before letting go of the claim: a crash in between leaves a claim
 * that lapses, never a done import without its entry. The entries are read after the claim is
 * held, so an import completed just before is seen.
 */
export class MongoImportLedgerStore extends ImportLedgerStore {
  constructor(
    private readonly collection: ImportLedgerCollection,
    private readonly clock: Clock,
  ) {
    super();
  }

  async createIndexes(): Promise<void> {
    await this.collection.createIndex(
      { fingerprint: 1, kind: 1, importedAt: 1 },
      { name: 'fingerprint_1_kind_1_importedAt_1' },
    );
    // Claims only carry `expiresAt`: a lapsed one goes by itself (a takeover does not wait for it).
    await this.collection.createIndex({ expiresAt: 1 }, { name: 'expiresAt_1_ttl', expireAfterSeconds: 0 });
  }

  async earlier(fingerprint: string): Promise<LedgerEntry[]> {
    const docs = await this.collection
      .find({ fingerprint, kind: 'imported' })
      .sort({ importedAt: 1, importId: 1 })
      .toArray();
    return docs.flatMap((doc) =>
      doc.kind === 'imported'
        ? [
            {
              importId: doc.importId,
              importedAt: doc.importedAt,
              imported: doc.imported,
              actorId: doc.actorId,
            },
          ]
        : [],
    );
  }

  async claim(request: ImportClaimRequest): Promise<ImportClaim> {
    const { fingerprint, holder, actorId } = request;
    for (let attempt = 0; ; attempt += 1) {
      const now = this.clock();
      const fields = {
        holder,
        request: request.request,
        actorId,
        claimedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + IMPORT_CLAIM_MS),
      };
      const held = await this.take(fingerprint, fields, now);
      const earlier = await this.earlier(fingerprint);
      if (held) {
        if (earlier.length === 0 || request.allowDuplicate) return { ok: true, earlier };
        await this.release(fingerprint, holder);
        return { ok: false, reason: 'imported', earlier };
      }
      if (earlier.length > 0 && !request.allowDuplicate) return { ok: false, reason: 'imported', earlier };
      const current = await this.collection.findOne({ _id: claimId(fingerprint) });
      if (current?.kind === 'claim') {
        return {
          ok: false,
          reason: 'importing',
          claimedAt: current.claimedAt,
          actorId: current.actorId,
          earlier,
        };
      }
      // Let go meanwhile: claim again (a list is let go of once per import, so this ends).
      if (attempt >= 3) throw new Error(`the import claim of ${fingerprint} keeps changing hands`);
    }
  }

  async complete(fingerprint: string, holder: string, entry: LedgerEntry): Promise<void> {
    try {
      await this.collection.insertOne({
        _id: `import:${entry.importId}`,
        kind: 'imported',
        fingerprint,
        ...entry,
      });
    } catch (error) {
      // Recorded before by this import's earlier try: it counts once.
      if (!isDuplicateKey(error)) throw error;
    }
    await this.release(fingerprint, holder);
  }

  async release(fingerprint: string, holder: string): Promise<void> {
    await this.collection.deleteOne({ _id: claimId(fingerprint), holder });
  }

  /** True when this holder now has the claim: a new one, or one lapsed or of the same request. */
  private async take(
    fingerprint: string,
    fields: Omit<Extract<ImportLedgerDocument, { kind: 'claim' }>, '_id' | 'kind' | 'fingerprint'>,
    now: Date,
  ): Promise<boolean> {
    const _id = claimId(fingerprint);
    try {
      await this.collection.insertOne({ _id, kind: 'claim', fingerprint, ...fields });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const mayTake: Filter[] = [{ expiresAt: { $lte: now } }];
    if (fields.request !== null) mayTake.push({ request: fields.request });
    const taken = await this.collection.findOneAndUpdate(
      { _id, kind: 'claim', $or: mayTake },
      { $set: fields },
      { returnDocument: 'after' },
    );
    return taken !== null;
  }
}
