import { SIGN_IN_CODE_LENGTH, SIGN_IN_CODE_TTL_MS } from '../credential.repository';
import { CredentialStore } from '../port/directory.port';
import { hashCode, randomCode } from '../short-codes';
import type { MongoDirectoryContext } from './mongodb-directory-context';

/** Password hashes and one-time sign-in codes on MongoDB, as CredentialRepository. */
export class MongoCredentialStore extends CredentialStore {
  constructor(private readonly ctx: MongoDirectoryContext) {
    super();
  }

  async passwordHashOf(personId: string): Promise<string | null> {
    return (await this.ctx.c.passwords.findOne({ _id: personId }))?.passwordHash ?? null;
  }

  async setPasswordHash(personId: string, passwordHash: string, actorId: string): Promise<void> {
    const now = this.ctx.clock().toISOString();
    await this.ctx.inTransaction(async (tx) => {
      await this.ctx.c.passwords.updateOne(
        { _id: personId },
        { $set: { passwordHash, setAt: now, setBy: actorId } },
        { upsert: true, ...tx },
      );
      await this.ctx.audit(
        {
          actorId,
          action: actorId === personId ? 'password.changed' : 'password.reset',
          subjectId: personId,
          details: {},
        },
        tx,
      );
    });
  }

  async createSignInCode(personId: string, actorId: string, validMs = SIGN_IN_CODE_TTL_MS) {
    const code = randomCode(SIGN_IN_CODE_LENGTH);
    const now = this.ctx.clock();
    const expiresAt = new Date(now.getTime() + validMs).toISOString();
    await this.ctx.inTransaction(async (tx) => {
      await this.ctx.c.signInCodes.deleteMany({ personId, usedAt: null }, tx);
      await this.ctx.c.signInCodes.insertOne(
        {
          _id: hashCode(code),
          personId,
          createdAt: now.toISOString(),
          createdBy: actorId,
          expiresAt,
          usedAt: null,
        },
        tx,
      );
      await this.ctx.audit(
        { actorId, action: 'sign-in-code.created', subjectId: personId, details: { expiresAt } },
        tx,
        now,
      );
    });
    return { signInCode: `${code.slice(0, 5)}-${code.slice(5)}`, expiresAt };
  }

  /** One findOneAndUpdate with the conditions in its filter: of two replicas, one gets the person. */
  async consumeSignInCode(typed: string): Promise<string | null> {
    const now = this.ctx.clock().toISOString();
    const used = await this.ctx.c.signInCodes.findOneAndUpdate(
      { _id: hashCode(typed), usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
    );
    return used?.personId ?? null;
  }
}
