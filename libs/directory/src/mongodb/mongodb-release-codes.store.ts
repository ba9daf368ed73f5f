import { randomUUID } from 'node:crypto';
import { ReleaseCodeStore } from '../port/directory.port';
import { judgeReleaseCode, type ReleaseCodeRecord } from '../release-code-judgement';
import {
  RELEASE_CODE_LENGTH,
  RELEASE_CODE_RECORDS_READ,
  RELEASE_CODE_TTL_MS,
  type IssuedReleaseCode,
  type ReleaseCodeCheck,
  type ReleaseCodeUse,
} from '../release-code.repository';
import { hashCode, randomCode } from '../short-codes';
import type { MongoDirectoryContext } from './mongodb-directory-context';
import type { ReleaseCodeDocument } from './mongodb-directory-documents';

export const releaseCodeRecordOf = (doc: ReleaseCodeDocument): ReleaseCodeRecord => ({
  id: doc._id,
  placeId: doc.placeId,
  issuedBy: doc.issuedBy,
  issuedAt: doc.issuedAt,
  expiresAt: doc.expiresAt,
  courierId: doc.courierId,
});

/**
 * Release codes on MongoDB, as ReleaseCodeRepository (`directory_release_codes`), judged by the
 * same function. The first courier's binding is one findOneAndUpdate whose filter says "not bound
 * yet": of two couriers typing the code at the same moment on two replicas exactly one binds it;
 * the other reads the bound document and is refused. The same courier presenting it again (an
 * offline replay, a retried request, even racing itself on two replicas) finds it bound to them.
 */
export class MongoReleaseCodeStore extends ReleaseCodeStore {
  constructor(
    private readonly ctx: MongoDirectoryContext,
    private readonly ttlMs: number = RELEASE_CODE_TTL_MS,
  ) {
    super();
  }

  async issue(placeId: string, issuedBy: string): Promise<IssuedReleaseCode> {
    const now = this.ctx.clock();
    const expiresAt = new Date(now.getTime() + this.ttlMs).toISOString();
    let code = randomCode(RELEASE_CODE_LENGTH);
    while (await this.live(placeId, code, now)) code = randomCode(RELEASE_CODE_LENGTH);
    const id = randomUUID();
    await this.ctx.inTransaction(async (tx) => {
      await this.ctx.c.releaseCodes.insertOne(
        {
          _id: id,
          codeHash: hashCode(code),
          placeId,
          issuedBy,
          issuedAt: now.toISOString(),
          expiresAt,
          courierId: null,
          firstUsedAt: null,
        },
        tx,
      );
      await this.ctx.audit(
        { actorId: issuedBy, action: 'release-code.issued', subjectId: placeId, details: { id, expiresAt } },
        tx,
        now,
      );
    });
    return { code, placeId, expiresAt };
  }

  async find(code: string): Promise<ReleaseCodeRecord[]> {
    const docs = await this.ctx.c.releaseCodes
      .find({ codeHash: hashCode(code) }, { sort: { issuedAt: -1 }, limit: RELEASE_CODE_RECORDS_READ })
      .toArray();
    return docs.map(releaseCodeRecordOf);
  }

  async check(use: ReleaseCodeUse): Promise<ReleaseCodeCheck> {
    const now = this.ctx.clock();
    const doc = await this.newest(use);
    const verdict = judgeReleaseCode(doc ? releaseCodeRecordOf(doc) : undefined, use, now);
    if (!doc || !verdict.valid || doc.courierId !== null) return verdict;
    const bound = await this.ctx.c.releaseCodes.findOneAndUpdate(
      { _id: doc._id, courierId: null },
      { $set: { courierId: use.courierId, firstUsedAt: now.toISOString() } },
      { returnDocument: 'after' },
    );
    if (!bound) {
      // Bound since it was read: by another courier (refused), or by this one elsewhere (valid).
      const current = await this.ctx.c.releaseCodes.findOne({ _id: doc._id });
      return judgeReleaseCode(current ? releaseCodeRecordOf(current) : undefined, use, now);
    }
    await this.ctx.audit(
      {
        actorId: use.courierId,
        action: 'release-code.used',
        subjectId: use.placeId,
        details: { id: doc._id },
      },
      {},
      now,
    );
    return verdict;
  }

  private newest(use: ReleaseCodeUse): Promise<ReleaseCodeDocument | null> {
    return this.ctx.c.releaseCodes.findOne(
      { placeId: use.placeId, codeHash: hashCode(use.code) },
      { sort: { issuedAt: -1 } },
    );
  }

  private async live(placeId: string, code: string, now: Date): Promise<boolean> {
    const found = await this.ctx.c.releaseCodes.findOne(
      { placeId, codeHash: hashCode(code), expiresAt: { $gt: now.toISOString() } },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }
}
