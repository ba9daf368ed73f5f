import { randomUUID } from 'node:crypto';
import { ReleaseCodeStore } from '../port/directory.port';
import {
  RELEASE_CODE_LENGTH,
  RELEASE_CODE_TTL_MS,
  type IssuedReleaseCode,
  type ReleaseCodeCheck,
} from '../release-code.repository';
import { hashCode, randomCode } from '../short-codes';
import type { MongoDirectoryContext } from './mongodb-directory-context';
import type { ReleaseCodeDocument } from './mongodb-directory-documents';

/** The binding of a live code to a courier, decided from the stored document as it is now. */
export function releaseCodeAnswer(
  doc: Pick<ReleaseCodeDocument, 'issuedBy' | 'issuedAt' | 'expiresAt' | 'courierId' | 'placeId'>,
  courierId: string,
  now: Date,
): ReleaseCodeCheck {
  if (Date.parse(doc.expiresAt) <= now.getTime()) return { valid: false, reason: 'expired' };
  if (doc.courierId !== null && doc.courierId !== courierId) {
    return { valid: false, reason: 'used-by-another-courier' };
  }
  return {
    valid: true,
    placeId: doc.placeId,
    issuedBy: doc.issuedBy,
    issuedAt: doc.issuedAt,
    expiresAt: doc.expiresAt,
  };
}

/**
 * Release codes on MongoDB, as ReleaseCodeRepository. The first courier's binding is one
 * findOneAndUpdate whose filter says "not bound yet": of two couriers typing the code at the same
 * moment on two replicas exactly one binds it; the other reads the bound document and is refused.
 */
export class MongoReleaseCodeStore extends ReleaseCodeStore {
  constructor(private readonly ctx: MongoDirectoryContext) {
    super();
  }

  async issue(placeId: string, issuedBy: string): Promise<IssuedReleaseCode> {
    const now = this.ctx.clock();
    const expiresAt = new Date(now.getTime() + RELEASE_CODE_TTL_MS).toISOString();
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

  async check(input: { code: string; placeId: string; courierId: string }): Promise<ReleaseCodeCheck> {
    const now = this.ctx.clock();
    const { releaseCodes } = this.ctx.c;
    const doc = await releaseCodes.findOne(
      { placeId: input.placeId, codeHash: hashCode(input.code) },
      { sort: { issuedAt: -1 } },
    );
    if (!doc) return { valid: false, reason: 'unknown' };
    const answer = releaseCodeAnswer(doc, input.courierId, now);
    if (!answer.valid || doc.courierId !== null) return answer;
    const bound = await releaseCodes.findOneAndUpdate(
      { _id: doc._id, courierId: null, expiresAt: { $gt: now.toISOString() } },
      { $set: { courierId: input.courierId, firstUsedAt: now.toISOString() } },
      { returnDocument: 'after' },
    );
    if (!bound) {
      // Another courier (or this one, on another replica) bound it first, or it just expired.
      const current = await releaseCodes.findOne({ _id: doc._id });
      return current ? releaseCodeAnswer(current, input.courierId, now) : { valid: false, reason: 'unknown' };
    }
    await this.ctx.audit(
      {
        actorId: input.courierId,
        action: 'release-code.used',
        subjectId: input.placeId,
        details: { id: doc._id },
      },
      {},
      now,
    );
    return answer;
  }

  private async live(placeId: string, code: string, now: Date): Promise<boolean> {
    const found = await this.ctx.c.releaseCodes.findOne(
      { placeId, codeHash: hashCode(code), expiresAt: { $gt: now.toISOString() } },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }
}
