import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../principal';
import { TokenStore, type NewToken } from '../port/directory.port';
import { hashSecret } from '../secret-hash';
import { generateToken, type TokenRecord } from '../token.repository';
import type { MongoDirectoryContext } from './mongodb-directory-context';
import type { TokenDocument } from './mongodb-directory-documents';
import type { MongoPeopleStore } from './mongodb-people.store';

/** last_used_at is advisory: written at most this often per token and replica. */
const LAST_USED_RESOLUTION_MS = 60_000;

const toRecord = (doc: TokenDocument): TokenRecord => ({
  id: doc._id,
  name: doc.name,
  principalId: doc.principalId,
  role: doc.role,
  unitId: doc.unitId,
  createdAt: doc.createdAt,
  lastUsedAt: doc.lastUsedAt,
  revokedAt: doc.revokedAt,
});

/**
 * Tokens on MongoDB, stored as SHA-256 hashes. No principal is remembered between requests: each
 * one reads the token (unique index on its hash) and its holder, so a revocation or deactivation on
 * any replica counts at the next request everywhere — the SQLite adapter's memory is safe only
 * because it sees the one file's data_version, which a shared server has no equivalent of.
 */
export class MongoTokenStore extends TokenStore {
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly envAdminHash: Buffer | null;

  constructor(
    private readonly ctx: MongoDirectoryContext,
    private readonly people: MongoPeopleStore,
    envAdminToken?: string,
  ) {
    super();
    this.envAdminHash = envAdminToken ? Buffer.from(hashSecret(envAdminToken), 'hex') : null;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.ctx.c.tokens.countDocuments({}, { limit: 1 })) === 0;
  }

  async create(input: NewToken, actorId: string): Promise<{ record: TokenRecord; token: string }> {
    const token = generateToken();
    const doc: TokenDocument = {
      _id: randomUUID(),
      tokenHash: hashSecret(token),
      name: input.name,
      principalId: input.principalId ?? `p-${randomUUID()}`,
      role: input.role,
      unitId: input.unitId ?? null,
      createdAt: this.ctx.clock().toISOString(),
      createdBy: actorId,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    await this.ctx.inTransaction(async (tx) => {
      const person = await this.people.ensureForToken(
        { principalId: doc.principalId, name: doc.name, role: doc.role, unitId: input.unitId },
        actorId,
        tx,
      );
      doc.unitId = person.unitId;
      await this.ctx.c.tokens.insertOne({ ...doc }, tx);
      await this.ctx.audit(
        {
          actorId,
          action: 'token.created',
          subjectId: doc._id,
          details: { name: doc.name, principalId: doc.principalId, role: doc.role, unitId: doc.unitId },
        },
        tx,
      );
    });
    await this.people.refresh();
    return { record: toRecord(doc), token };
  }

  async revoke(id: string, actorId: string): Promise<boolean> {
    return this.ctx.inTransaction(async (tx) => {
      const now = this.ctx.clock().toISOString();
      const { modifiedCount } = await this.ctx.c.tokens.updateOne(
        { _id: id, revokedAt: null },
        { $set: { revokedAt: now, revokedBy: actorId } },
        tx,
      );
      if (modifiedCount > 0) {
        await this.ctx.audit({ actorId, action: 'token.revoked', subjectId: id, details: {} }, tx);
      }
      return modifiedCount > 0;
    });
  }

  async list(): Promise<TokenRecord[]> {
    return (await this.ctx.c.tokens.find({}).sort({ createdAt: 1, _id: 1 }).toArray()).map(toRecord);
  }

  async get(id: string): Promise<TokenRecord | undefined> {
    const doc = await this.ctx.c.tokens.findOne({ _id: id });
    return doc ? toRecord(doc) : undefined;
  }

  async authenticate(token: string): Promise<Principal | null> {
    const hash = hashSecret(token);
    if (this.envAdminHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.envAdminHash)) {
      return {
        tokenId: 'env-admin',
        principalId: 'admin',
        role: 'admin',
        unitId: null,
        name: 'JEJAK_ADMIN_TOKEN',
        via: 'token',
      };
    }
    const doc = await this.ctx.c.tokens.findOne({ tokenHash: hash, revokedAt: null });
    if (!doc) return null;
    // A token of a deactivated person never answers (deactivation also revokes it: a second lock).
    const holder = await this.ctx.c.people.findOne({ _id: doc.principalId }, { projection: { active: 1 } });
    if (holder && !holder.active) return null;
    this.touch(doc._id);
    return {
      tokenId: doc._id,
      principalId: doc.principalId,
      role: doc.role,
      unitId: doc.unitId,
      name: doc.name,
      via: 'token',
    };
  }

  /** Not awaited: the answer does not wait for advisory bookkeeping, and its failure is no refusal. */
  private touch(id: string): void {
    const now = this.ctx.clock().getTime();
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(id, now);
    void this.ctx.c.tokens
      .updateOne({ _id: id }, { $set: { lastUsedAt: new Date(now).toISOString() } })
      .catch(() => undefined);
  }
}
