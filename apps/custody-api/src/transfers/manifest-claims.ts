import type { EventToAppend, RecordedEvent } from '@jejak/event-store';

/**
 * The index that keeps an item in at most one open transfer. Each item has a claim stream; creating a
 * transfer appends a claim to the stream of every manifest item with the stream's expected revision,
 * in the same appendMany as the transfer's first event. Two transfers racing for one item both expect
 * the same revision, so only one append can win. A claim lapses when its transfer ends (or never came
 * to exist), so nothing has to release it. Not `item-`/`transfer-` prefixed: the projector and the
 * chain verifier read those, and a claim is an index, not part of any custody trail.
 */
export const MANIFEST_CLAIM_PREFIX = 'manifest-claim-';
export const MANIFEST_CLAIMED = 'manifest_claimed';

export const manifestClaimStreamId = (itemId: string): string => `${MANIFEST_CLAIM_PREFIX}${itemId}`;

/** The transfer named by the item's latest claim, or null when it was never claimed. */
export function lastClaimant(claims: readonly RecordedEvent[]): string | null {
  const last = claims[claims.length - 1];
  return last ? String(last.data.transferId) : null;
}

export function claimEvent(eventId: string, itemId: string, transferId: string): EventToAppend {
  return { eventId, type: MANIFEST_CLAIMED, data: { itemId, transferId } };
}
