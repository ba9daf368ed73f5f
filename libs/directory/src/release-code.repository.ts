import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { recordAudit } from './directory.database';
import { systemClock, type Clock } from './person';
import { judgeReleaseCode, type ReleaseCodeRecord } from './release-code-judgement';
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
  | { valid: false; reason: 'unknown' | 'expired' | 'used-by-another-courier' | 'not-yet-issued' };

export interface ReleaseCodeUse {
  code: string;
  placeId: string;
  courierId: string;
  /** When the handover happened as reported (an offline scan synced later); absent: now. */
  at?: string;
}

interface ReleaseCodeRow {
  id: string;
  place_id: string;
  issued_by: string;
  issued_at: string;
  expires_at: string;
  courier_id: string | null;
}

const recordOf = (row: ReleaseCodeRow): ReleaseCodeRecord => ({
  id: row.id,
  placeId: row.place_id,
  issuedBy: row.issued_by,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  courierId: row.courier_id,
});

/** Codes of one text kept at once: more than a handful would mean a flood of issues, not a clash. */
export const RELEASE_CODE_RECORDS_READ = 20;

/**
 * Release codes (domain.md "Two-party custody", method `code`): an officer or depot clerk signed
 * in at a place shows one; a courier types it in. Valid for the TTL (RELEASE_CODE_TTL_MS unless
 * configured), for that place only, and bound to the first courier who uses it: that courier may
 * use it again for everything handed over in the same sitting (until it expires), nobody else may.
 * Judged at the handover's time, so a scan made offline and synced later counts. Stored only as hashes.
 */
export class ReleaseCodeRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock = systemClock,
    private readonly ttlMs: number = RELEASE_CODE_TTL_MS,
  ) {
    // `find` looks a typed code up by its hash alone, before the place is known.
    db.exec('CREATE INDEX IF NOT EXISTS release_codes_by_hash ON release_codes (code_hash, issued_at)');
  }

  issue(placeId: string, issuedBy: string): IssuedReleaseCode {
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.ttlMs).toISOString();
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

  /** Whether the code would count for this use, binding nothing: what the domain's rule asks. */
  verify(use: ReleaseCodeUse): ReleaseCodeCheck {
    const row = this.rowFor(use);
    return judgeReleaseCode(row && recordOf(row), use, this.clock());
  }

  /** Every code issued with this text (at any place), newest first: read before a decision. */
  find(code: string): ReleaseCodeRecord[] {
    const rows = this.db
      .prepare(
        `SELECT id, place_id, issued_by, issued_at, expires_at, courier_id FROM release_codes
         WHERE code_hash = ? ORDER BY issued_at DESC LIMIT ?`,
      )
      .all(hashCode(code), RELEASE_CODE_RECORDS_READ) as ReleaseCodeRow[];
    return rows.map(recordOf);
  }

  /**
   * Checks a typed code for a place on behalf of a courier, and binds it to that courier on first
   * use: the binding is one UPDATE whose condition says "not bound yet", so of two couriers racing
   * with one code (even through two connections to the file) one gets it and the other is judged
   * against the binding that won. Called once a decision relying on the code holds, before it is
   * recorded; the same courier presenting it again (an offline replay, a retry) binds nothing new.
   */
  check(use: ReleaseCodeUse): ReleaseCodeCheck {
    const now = this.clock();
    return this.db.transaction((): ReleaseCodeCheck => {
      const row = this.rowFor(use);
      const verdict = judgeReleaseCode(row && recordOf(row), use, now);
      if (!row || !verdict.valid || row.courier_id !== null) return verdict;
      const bound = this.db
        .prepare(
          'UPDATE release_codes SET courier_id = ?, first_used_at = ? WHERE id = ? AND courier_id IS NULL',
        )
        .run(use.courierId, now.toISOString(), row.id);
      if (bound.changes === 0) {
        const current = this.rowFor(use);
        return judgeReleaseCode(current && recordOf(current), use, now);
      }
      recordAudit(
        this.db,
        {
          actorId: use.courierId,
          action: 'release-code.used',
          subjectId: use.placeId,
          details: { id: row.id },
        },
        now,
      );
      return verdict;
    })();
  }

  private rowFor(use: ReleaseCodeUse): ReleaseCodeRow | undefined {
    return this.db
      .prepare(
        `SELECT id, place_id, issued_by, issued_at, expires_at, courier_id FROM release_codes
         WHERE place_id = ? AND code_hash = ? ORDER BY issued_at DESC LIMIT 1`,
      )
      .get(use.placeId, hashCode(use.code)) as ReleaseCodeRow | undefined;
  }

  private live(placeId: string, code: string, now: Date): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM release_codes WHERE place_id = ? AND code_hash = ? AND expires_at > ?')
        .get(placeId, hashCode(code), now.toISOString()) !== undefined
    );
  }
}
