import { createHash } from 'node:crypto';
import { baNumberKey } from '@jejak/custody';
import type { EventToAppend, RecordedEvent } from '@jejak/event-store';

/**
 * The index that keeps a BA number to one transfer in the store. Creating a transfer appends a
 * claim to the stream of its BA number, expecting the stream's revision, in the same appendMany as
 * the transfer's first event, so two transfers racing for one number cannot both win. A claim
 * naming a transfer that never came to exist (a non-atomic store lost the rest) lapses. As with
 * manifest claims, not `item-`/`transfer-` prefixed: an index, not a custody trail.
 */
export const BA_NUMBER_CLAIM_PREFIX = 'ba-number-claim-';
export const BA_NUMBER_CLAIMED = 'ba_number_claimed';

export const baNumberClaimStreamId = (baNumber: string): string =>
  `${BA_NUMBER_CLAIM_PREFIX}${createHash('sha256').update(baNumberKey(baNumber)).digest('hex').slice(0, 40)}`;

export function lastBaNumberClaimant(claims: readonly RecordedEvent[]): string | null {
  const last = claims[claims.length - 1];
  return last ? String(last.data.transferId) : null;
}

export function baNumberClaimEvent(eventId: string, baNumber: string, transferId: string): EventToAppend {
  return { eventId, type: BA_NUMBER_CLAIMED, data: { baNumber, transferId } };
}
