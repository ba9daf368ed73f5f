import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { recordAudit } from './directory.database';
import { systemClock, type Clock } from './person';
import { hashCode, randomCode } from './short-codes';

/** Six characters of a 31-letter alphabet (~30 bits): short to type, long to guess. */
export const RELEASE_CODE_LENGTH = 6;
export const RELEASE_CODE_TTL_MS = 10 * 60_000;

export interface IssuedReleaseCode {
  code: string;
  placeId: string;
  expiresAt: string;
}

export type ReleaseCodeCheck =
  | { valid: true; placeId: string; issuedBy: string; issuedAt: string; expiresAt: string }
  | { valid: false; reason: 'unknown' | 'expired' | 'used-by-another-courier' };

/**
 * Release codes (domain.md "Two-party custody", method `code`): an officer or depot clerk signed
 * in at a place shows one; a courier types it in. Valid for RELEASE_CODE_TTL_MS, for that place
 * only, and bound to the first courier who uses it: that courier may use it again for everything
 * handed over in the same sitting (until it expires), nobody else may. Stored only as hashes.
 */
export class ReleaseCodeRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock = systemClock,
  ) {}

  issue(placeId: string, issuedBy: string): IssuedReleaseCode {
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + RELEASE_CODE_TTL_MS).toISOString();
    return this.db.transaction(() => {
      // A fresh code that clashes with a live one at the same place would be ambiguous: draw again.
      let code = randomCode(RELEASE_CODE_LENGTH);
      while (this.live(placeId, code, now)) code = randomCode(RELEASE_CODE_LENGTH);
      const id = randomUUID();
      this.db
        .prepare(
          'INSERT INTO release_codes (id, code_hash, place_id, issued_by, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, hashCode(code), placeId, issuedBy, now.toISOString(), expiresAt);
      recordAudit(
        this.db,
        { actorId: issuedBy, action: 'release-code.issued', subjectId: placeId, details: { id, expiresAt } },
        now,
      );
      return { code, placeId, expiresAt };
    })();
  }

  /**
   * Checks a typed code for a place on behalf of a courier, and binds it to that courier on first
   * use. The custody rule that accepts `acknowledgement: { method: 'code', code }` calls this.
   */
  check(input: { code: string; placeId: string; courierId: string }): ReleaseCodeCheck {
    const now = this.clock();
    return this.db.transaction((): ReleaseCodeCheck => {
      const row = this.db
        .prepare(
          `SELECT id, issued_by, issued_at, expires_at, courier_id FROM release_codes
           WHERE place_id = ? AND code_hash = ? ORDER BY issued_at DESC LIMIT 1`,
        )
        .get(input.placeId, hashCode(input.code)) as
        | { id: string; issued_by: string; issued_at: string; expires_at: string; courier_id: string | null }
        | undefined;
      if (!row) return { valid: false, reason: 'unknown' };
      if (Date.parse(row.expires_at) <= now.getTime()) return { valid: false, reason: 'expired' };
      if (row.courier_id !== null && row.courier_id !== input.courierId) {
        return { valid: false, reason: 'used-by-another-courier' };
      }
      if (row.courier_id === null) {
        this.db
          .prepare('UPDATE release_codes SET courier_id = ?, first_used_at = ? WHERE id = ?')
          .run(input.courierId, now.toISOString(), row.id);
        recordAudit(
          this.db,
          {
            actorId: input.courierId,
            action: 'release-code.used',
            subjectId: input.placeId,
            details: { id: row.id },
          },
          now,
        );
      }
      return {
        valid: true,
        placeId: input.placeId,
        issuedBy: row.issued_by,
        issuedAt: row.issued_at,
        expiresAt: row.expires_at,
      };
    })();
  }

  private live(placeId: string, code: string, now: Date): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM release_codes WHERE place_id = ? AND code_hash = ? AND expires_at > ?')
        .get(placeId, hashCode(code), now.toISOString()) !== undefined
    );
  }
}
