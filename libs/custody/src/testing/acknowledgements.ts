import type { AcknowledgementGiven, ReleaseCodeLookup } from '../acknowledgement';
import { NOW } from './fixtures';

/** A receiver's drawn signature, as the edge hands it on (its hash; the image is kept elsewhere). */
export const SIGNED = {
  method: 'signature',
  name: 'Siti Aminah',
  nip: '198703122010012003',
  signatureHash: 'a'.repeat(64),
} as const satisfies AcknowledgementGiven;

/** The kode serah every place of the test directory showed (see `releaseCodes`). */
export const KODE = { method: 'code', code: 'K7PM3Q' } as const satisfies AcknowledgementGiven;

export interface IssuedCode {
  code: string;
  placeId: string;
  issuedBy: string;
  issuedAt?: string;
  expiresAt?: string;
  /** The courier it is bound to already (the first who used it). */
  courierId?: string;
}

/** Release codes as the directory answers for them: valid from issue to expiry, for one courier. */
export function releaseCodes(issued: readonly IssuedCode[]): ReleaseCodeLookup {
  return ({ code, placeId, courierId, at }) => {
    const found = issued.find((entry) => entry.code === code && entry.placeId === placeId);
    if (!found) return { valid: false, reason: 'unknown' };
    const issuedAt = Date.parse(found.issuedAt ?? '2026-11-30T07:55:00.000Z');
    const expiresAt = Date.parse(found.expiresAt ?? new Date(Date.parse(NOW) + 10 * 60_000).toISOString());
    if (Date.parse(at) >= expiresAt) return { valid: false, reason: 'expired' };
    if (Date.parse(at) < issuedAt - 5 * 60_000) return { valid: false, reason: 'not-yet-issued' };
    if (found.courierId !== undefined && found.courierId !== courierId) {
      return { valid: false, reason: 'used-by-another-courier' };
    }
    return { valid: true, issuedBy: found.issuedBy };
  };
}
