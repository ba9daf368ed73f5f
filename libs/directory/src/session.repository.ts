import type Database from 'better-sqlite3';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { recordAudit } from './directory.database';
import { systemClock, toPerson, type Clock, type Person, type PersonRow } from './person';
import { hashSecret } from './secret-hash';

export type SessionEndReason = 'signed-out' | 'password-reset' | 'password-changed' | 'deactivated' | 'idle';

export interface ActiveSession {
  id: string;
  person: Person;
  createdAt: string;
  lastSeenAt: string;
  /** When it ends if nothing more is done with it. */
  idleExpiresAt: string;
  /** Its idle time was renewed by this resolution (the cookie may be renewed with it). */
  renewed: boolean;
}

/** last_seen_at is written at most this often per session, not on every request. */
const TOUCH_RESOLUTION_MS = 60_000;

/**
 * The anti-CSRF token of a session: derived from its secret, so it is never stored, and a page
 * that cannot read the HttpOnly cookie cannot compute it either.
 */
export const csrfTokenOf = (secret: string): string =>
  createHmac('sha256', secret).update('jejak csrf v1').digest('base64url');

export function csrfTokenMatches(secret: string, presented: string): boolean {
  const expected = Buffer.from(csrfTokenOf(secret));
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Signed-in sessions. The cookie holds a 256-bit secret; only its SHA-256 is stored. A session
 * ends at sign-out, after `idleMs` without a request, at a password reset and when its person is
 * deactivated (PeopleRepository ends them in the same transaction); each request reads it afresh.
 */
export class SessionRepository {
  private readonly find: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly idleMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.find = db.prepare(
      `SELECT s.id AS session_id, s.created_at AS session_created_at, s.last_seen_at, p.*
       FROM sessions s JOIN people p ON p.id = s.person_id
       WHERE s.secret_hash = ? AND s.ended_at IS NULL`,
    );
  }

  start(personId: string, method: 'password' | 'code'): { secret: string; session: ActiveSession } {
    const secret = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const now = this.clock();
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO sessions (id, secret_hash, person_id, method, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, hashSecret(secret), personId, method, now.toISOString(), now.toISOString());
      recordAudit(
        this.db,
        {
          actorId: personId,
          action: 'session.started',
          subjectId: personId,
          details: { sessionId: id, method },
        },
        now,
      );
    })();
    const session = this.resolve(secret);
    if (!session) throw new Error('a session just started did not resolve');
    return { secret, session };
  }

  /** The live session of a cookie secret, its idle time renewed; null if ended, idle or inactive. */
  resolve(secret: string): ActiveSession | null {
    const row = this.find.get(hashSecret(secret)) as
      (PersonRow & { session_id: string; session_created_at: string; last_seen_at: string }) | undefined;
    if (!row) return null;
    const now = this.clock();
    if (now.getTime() - Date.parse(row.last_seen_at) >= this.idleMs) {
      this.end(row.session_id, 'system:idle', 'idle');
      return null;
    }
    if (row.active !== 1) return null;
    let lastSeenAt = row.last_seen_at;
    const renewed = now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_RESOLUTION_MS;
    if (renewed) {
      lastSeenAt = now.toISOString();
      this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(lastSeenAt, row.session_id);
    }
    return {
      id: row.session_id,
      person: toPerson(row),
      createdAt: row.session_created_at,
      lastSeenAt,
      idleExpiresAt: new Date(Date.parse(lastSeenAt) + this.idleMs).toISOString(),
      renewed,
    };
  }

  end(sessionId: string, actorId: string, reason: SessionEndReason): void {
    const now = this.clock();
    this.db.transaction(() => {
      const ended = this.db
        .prepare(
          'UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL RETURNING person_id',
        )
        .get(now.toISOString(), reason, sessionId) as { person_id: string } | undefined;
      if (ended) {
        recordAudit(
          this.db,
          { actorId, action: 'session.ended', subjectId: ended.person_id, details: { sessionId, reason } },
          now,
        );
      }
    })();
  }

  /** How many sessions of the person have not ended (some may be idle past their time). */
  liveCount(personId: string): number {
    return this.db
      .prepare('SELECT count(*) FROM sessions WHERE person_id = ? AND ended_at IS NULL AND last_seen_at > ?')
      .pluck()
      .get(personId, new Date(this.clock().getTime() - this.idleMs).toISOString()) as number;
  }

  /** Ends every live session of the person but `keep` (the one that asked, when it is theirs). */
  endAllOf(personId: string, actorId: string, reason: SessionEndReason, keep?: string): number {
    const now = this.clock();
    return this.db.transaction(() => {
      const n = this.db
        .prepare(
          'UPDATE sessions SET ended_at = ?, end_reason = ? WHERE person_id = ? AND ended_at IS NULL AND id IS NOT ?',
        )
        .run(now.toISOString(), reason, personId, keep ?? null).changes;
      if (n > 0)
        recordAudit(
          this.db,
          { actorId, action: 'sessions.ended', subjectId: personId, details: { reason, sessions: n } },
          now,
        );
      return n;
    })();
  }
}
