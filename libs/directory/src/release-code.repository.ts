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
  | { valid: false; reason: 'unknown' | 'expired' | 'used-by-another-courier' | 'not-yet-issued' };

export interface ReleaseCodeUse {
  code: string;
  placeId: string;
  courierId: string;
  /** When the handover happened as reported (an offline scan synced later); absent: now. */
  at?: string;
}

/** A phone's clock a little behind the server's: a use this much before the issue still counts. */
export const RELEASE_CODE_CLOCK_SKEW_MS = 5 * 60_000;

interface ReleaseCodeRow {
  id: string;
  issued_by: string;
  issued_at: string;
  expires_at: string;
  courier_id: string | null;
}

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
  ) {}

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
    return row ? this.judge(row, use) : { valid: false, reason: 'unknown' };
  }

  /**
   * Checks a typed code for a place on behalf of a courier, and binds it to that courier on first
   * use, in one transaction: of two couriers racing with one code, one gets it. Called when the
   * event it acknowledges is about to be recorded.
   */
  check(use: ReleaseCodeUse): ReleaseCodeCheck {
    const now = this.clock();
    return this.db.transaction((): ReleaseCodeCheck => {
      const row = this.rowFor(use);
      if (!row) return { valid: false, reason: 'unknown' };
      const verdict = this.judge(row, use);
      if (!verdict.valid || row.courier_id !== null) return verdict;
      this.db
        .prepare('UPDATE release_codes SET courier_id = ?, first_used_at = ? WHERE id = ?')
        .run(use.courierId, now.toISOString(), row.id);
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
        `SELECT id, issued_by, issued_at, expires_at, courier_id FROM release_codes
         WHERE place_id = ? AND code_hash = ? ORDER BY issued_at DESC LIMIT 1`,
      )
      .get(use.placeId, hashCode(use.code)) as ReleaseCodeRow | undefined;
  }

  private judge(row: ReleaseCodeRow, use: ReleaseCodeUse): ReleaseCodeCheck {
    const at = use.at !== undefined ? Date.parse(use.at) : this.clock().getTime();
    if (at >= Date.parse(row.expires_at)) return { valid: false, reason: 'expired' };
    if (at < Date.parse(row.issued_at) - RELEASE_CODE_CLOCK_SKEW_MS)
      return { valid: false, reason: 'not-yet-issued' };
    if (row.courier_id !== null && row.courier_id !== use.courierId) {
      return { valid: false, reason: 'used-by-another-courier' };
    }
    return {
      valid: true,
      placeId: use.placeId,
      issuedBy: row.issued_by,
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
    };
  }

  private live(placeId: string, code: string, now: Date): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM release_codes WHERE place_id = ? AND code_hash = ? AND expires_at > ?')
        .get(placeId, hashCode(code), now.toISOString()) !== undefined
    );
  }
}
