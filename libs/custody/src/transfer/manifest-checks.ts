import type { ItemStatus, MaybeItemState } from '../state';
import { ALLOWED_FROM } from '../transitions';
import { TRANSFER_CLOSED_STATUSES, type MaybeTransferState } from './transfer-state';

export type ManifestProblemReason = 'not-found' | 'not-at-origin' | 'in-open-transfer';

/** One manifest item that keeps a transfer from being created, as the problem's `items` lists it. */
export interface ManifestProblem {
  itemId: string;
  reason: ManifestProblemReason;
  detail: string;
  status?: ItemStatus;
  locationId?: string | null;
  transferId?: string;
}

export const isOpenTransfer = (state: MaybeTransferState): boolean =>
  state !== null && !TRANSFER_CLOSED_STATUSES.includes(state.status);

/**
 * Whether an item can leave with a transfer from `fromId`: it exists, sits at the origin and is in a
 * status a courier may collect from (the domain's `collected` row), so the first leg cannot fail.
 */
export function checkItemAtOrigin(
  itemId: string,
  state: MaybeItemState,
  fromId: string,
): ManifestProblem | null {
  if (state === null) return { itemId, reason: 'not-found', detail: `item '${itemId}' does not exist` };
  const atOrigin = state.locationId === fromId && ALLOWED_FROM.collected.includes(state.status);
  if (atOrigin) return null;
  return {
    itemId,
    reason: 'not-at-origin',
    detail: `item '${itemId}' is '${state.status}' at '${state.locationId ?? 'on the move'}', not ready at '${fromId}'`,
    status: state.status,
    locationId: state.locationId,
  };
}

/** An item belongs to at most one open transfer: the one its last claim names, while that is open. */
export function checkNotInOpenTransfer(
  itemId: string,
  claimedBy: string | null,
  claimant: MaybeTransferState,
): ManifestProblem | null {
  if (claimedBy === null || !isOpenTransfer(claimant)) return null;
  return {
    itemId,
    reason: 'in-open-transfer',
    detail: `item '${itemId}' is already in open transfer '${claimedBy}' (${claimant!.baNumber}, ${claimant!.status})`,
    transferId: claimedBy,
  };
}

export function describeManifestProblems(problems: readonly ManifestProblem[]): string {
  const plural = problems.length === 1 ? 'item cannot' : `${problems.length} items cannot`;
  return `The ${plural} be sent with this transfer: ${problems.map((problem) => problem.detail).join('; ')}.`;
}
