import type { ReleaseCodeLookup } from '@jejak/custody';
import type { ReleaseCodeCheck, ReleaseCodeUse } from './release-code.repository';
import { normaliseCode } from './short-codes';

/** A phone's clock a little behind the server's: a use this much before the issue still counts. */
export const RELEASE_CODE_CLOCK_SKEW_MS = 5 * 60_000;

/** One issued release code as stored (its text only as a hash, never here). */
export interface ReleaseCodeRecord {
  id: string;
  placeId: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
  /** The courier it is bound to: the first who used it; null while nobody has. */
  courierId: string | null;
}

/**
 * Whether a code counts for a use, from its newest record at the use's place: judged at the
 * handover's time (an offline scan synced later counts), and only for the courier it is bound to,
 * if any. Binds nothing. Both adapters and the decision's lookup judge with this one function.
 */
export function judgeReleaseCode(
  record: ReleaseCodeRecord | undefined,
  use: ReleaseCodeUse,
  now: Date,
): ReleaseCodeCheck {
  if (!record) return { valid: false, reason: 'unknown' };
  const at = use.at !== undefined ? Date.parse(use.at) : now.getTime();
  if (at >= Date.parse(record.expiresAt)) return { valid: false, reason: 'expired' };
  if (at < Date.parse(record.issuedAt) - RELEASE_CODE_CLOCK_SKEW_MS) {
    return { valid: false, reason: 'not-yet-issued' };
  }
  if (record.courierId !== null && record.courierId !== use.courierId) {
    return { valid: false, reason: 'used-by-another-courier' };
  }
  return {
    valid: true,
    placeId: record.placeId,
    issuedBy: record.issuedBy,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
  };
}

/** The newest record issued for a place among those of one typed code. */
export const recordAt = (
  records: readonly ReleaseCodeRecord[],
  placeId: string,
): ReleaseCodeRecord | undefined =>
  records
    .filter((record) => record.placeId === placeId)
    .reduce<ReleaseCodeRecord | undefined>(
      (newest, record) => (newest && newest.issuedAt >= record.issuedAt ? newest : record),
      undefined,
    );

/**
 * The domain's synchronous lookup over the records of the one code a command carries, read before
 * the decision (the pipeline's gather step). A code the command did not carry is unknown.
 */
export function releaseCodeLookupOf(
  code: string,
  records: readonly ReleaseCodeRecord[],
  now: Date,
): ReleaseCodeLookup {
  const typed = normaliseCode(code);
  return (query) => {
    if (normaliseCode(query.code) !== typed) return { valid: false, reason: 'unknown' };
    const verdict = judgeReleaseCode(recordAt(records, query.placeId), query, now);
    return verdict.valid ? { valid: true, issuedBy: verdict.issuedBy } : verdict;
  };
}
