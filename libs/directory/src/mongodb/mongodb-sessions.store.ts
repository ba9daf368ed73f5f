import { randomBytes, randomUUID } from 'node:crypto';
import { SessionStore } from '../port/directory.port';
import { hashSecret } from '../secret-hash';
import type { ActiveSession, SessionEndReason } from '../session.repository';
import type { MongoDirectoryContext } from './mongodb-directory-context';
import { toPerson } from './mongodb-directory-snapshot';

const TOUCH_RESOLUTION_MS = 60_000;

/** Signed-in sessions on MongoDB, as SessionRepository: only the secret's SHA-256 is stored. */
export class MongoSessionStore extends SessionStore {
  constructor(
    private readonly ctx: MongoDirectoryContext,
    private readonly idleMs: number,
  ) {
    super();
  }

  async start(personId: string, method: 'password' | 'code') {
    const secret = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const now = this.ctx.clock();
    await this.ctx.inTransaction(async (tx) => {
      await this.ctx.c.sessions.insertOne(
        {
          _id: id,
          secretHash: hashSecret(secret),
          personId,
          method,
          createdAt: now.toISOString(),
          lastSeenAt: now.toISOString(),
          endedAt: null,
          endReason: null,
        },
        tx,
      );
      await this.ctx.audit(
        {
          actorId: personId,
          action: 'session.started',
          subjectId: personId,
          details: { sessionId: id, method },
        },
        tx,
        now,
      );
    });
    const session = await this.resolve(secret);
    if (!session) throw new Error('a session just started did not resolve');
    return { secret, session };
  }

  async resolve(secret: string): Promise<ActiveSession | null> {
    const doc = await this.ctx.c.sessions.findOne({ secretHash: hashSecret(secret), endedAt: null });
    if (!doc) return null;
    const now = this.ctx.clock();
    if (now.getTime() - Date.parse(doc.lastSeenAt) >= this.idleMs) {
      await this.end(doc._id, 'system:idle', 'idle');
      return null;
    }
    const person = await this.ctx.c.people.findOne({ _id: doc.personId });
    if (!person || !person.active) return null;
    let lastSeenAt = doc.lastSeenAt;
    const renewed = now.getTime() - Date.parse(doc.lastSeenAt) >= TOUCH_RESOLUTION_MS;
    if (renewed) {
      lastSeenAt = now.toISOString();
      await this.ctx.c.sessions.updateOne({ _id: doc._id }, { $set: { lastSeenAt } });
    }
    return {
      id: doc._id,
      person: toPerson(person),
      createdAt: doc.createdAt,
      lastSeenAt,
      idleExpiresAt: new Date(Date.parse(lastSeenAt) + this.idleMs).toISOString(),
      renewed,
    };
  }

  async end(sessionId: string, actorId: string, reason: SessionEndReason): Promise<void> {
    const now = this.ctx.clock();
    await this.ctx.inTransaction(async (tx) => {
      // Only the call that ends it writes the audit, whichever replica it runs on.
      const ended = await this.ctx.c.sessions.findOneAndUpdate(
        { _id: sessionId, endedAt: null },
        { $set: { endedAt: now.toISOString(), endReason: reason } },
        tx,
      );
      if (ended) {
        await this.ctx.audit(
          { actorId, action: 'session.ended', subjectId: ended.personId, details: { sessionId, reason } },
          tx,
          now,
        );
      }
    });
  }

  async liveCount(personId: string): Promise<number> {
    const since = new Date(this.ctx.clock().getTime() - this.idleMs).toISOString();
    return this.ctx.c.sessions.countDocuments({ personId, endedAt: null, lastSeenAt: { $gt: since } });
  }

  async endAllOf(
    personId: string,
    actorId: string,
    reason: SessionEndReason,
    keep?: string,
  ): Promise<number> {
    const now = this.ctx.clock();
    return this.ctx.inTransaction(async (tx) => {
      const { modifiedCount } = await this.ctx.c.sessions.updateMany(
        { personId, endedAt: null, ...(keep ? { _id: { $ne: keep } } : {}) },
        { $set: { endedAt: now.toISOString(), endReason: reason } },
        tx,
      );
      if (modifiedCount > 0) {
        await this.ctx.audit(
          {
            actorId,
            action: 'sessions.ended',
            subjectId: personId,
            details: { reason, sessions: modifiedCount },
          },
          tx,
          now,
        );
      }
      return modifiedCount;
    });
  }
}
