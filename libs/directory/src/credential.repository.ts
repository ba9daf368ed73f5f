import type Database from 'better-sqlite3';
import { recordAudit } from './directory.database';
import { systemClock, type Clock } from './person';
import { hashCode, randomCode } from './short-codes';

/** A sign-in code is 10 characters (~50 bits), shown as XXXXX-XXXXX, valid this long by default. */
export const SIGN_IN_CODE_LENGTH = 10;
export const SIGN_IN_CODE_TTL_MS = 60 * 60_000;

/** Passwords (as scrypt hashes, see password-hashing) and one-time sign-in codes of people. */
export class CredentialRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock = systemClock,
  ) {}

  passwordHashOf(personId: string): string | null {
    const row = this.db
      .prepare('SELECT password_hash FROM person_passwords WHERE person_id = ?')
      .get(personId) as { password_hash: string } | undefined;
    return row?.password_hash ?? null;
  }

  /** Stores the hash (never the password); the audit says who set it, never what. */
  setPasswordHash(personId: string, passwordHash: string, actorId: string): void {
    const now = this.clock().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO person_passwords (person_id, password_hash, set_at, set_by) VALUES (?, ?, ?, ?)
           ON CONFLICT (person_id) DO UPDATE SET password_hash = excluded.password_hash,
             set_at = excluded.set_at, set_by = excluded.set_by`,
        )
        .run(personId, passwordHash, now, actorId);
      recordAudit(
        this.db,
        {
          actorId,
          action: actorId === personId ? 'password.changed' : 'password.reset',
          subjectId: personId,
          details: {},
        },
        this.clock(),
      );
    })();
  }

  /** A new one-time code for the person; their earlier unused codes stop working. */
  createSignInCode(
    personId: string,
    actorId: string,
    validMs = SIGN_IN_CODE_TTL_MS,
  ): { signInCode: string; expiresAt: string } {
    const code = randomCode(SIGN_IN_CODE_LENGTH);
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + validMs).toISOString();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sign_in_codes WHERE person_id = ? AND used_at IS NULL').run(personId);
      this.db
        .prepare(
          'INSERT INTO sign_in_codes (code_hash, person_id, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(hashCode(code), personId, now.toISOString(), actorId, expiresAt);
      recordAudit(
        this.db,
        { actorId, action: 'sign-in-code.created', subjectId: personId, details: { expiresAt } },
        now,
      );
    })();
    return { signInCode: `${code.slice(0, 5)}-${code.slice(5)}`, expiresAt };
  }

  /** The person of a valid unused code, which is used up by this call; null otherwise. */
  consumeSignInCode(typed: string): string | null {
    const now = this.clock().toISOString();
    const row = this.db
      .prepare(
        `UPDATE sign_in_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?
         RETURNING person_id`,
      )
      .get(now, hashCode(typed), now) as { person_id: string } | undefined;
    return row?.person_id ?? null;
  }
}
