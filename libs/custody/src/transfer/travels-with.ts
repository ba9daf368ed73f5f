import type { TransferRef } from '../commands';
import { isOpenTransfer } from './manifest-checks';
import type { MaybeTransferState } from './transfer-state';

/**
 * The transfer an item travels with, if its journey is still that transfer's to record: the
 * transfer is open and either not yet collected (every manifest item waits for it) or carrying the
 * item (until its intake outcome, which frees it: a refused file goes on with its courier alone).
 */
export function travelsWith(transfer: MaybeTransferState, itemId: string): TransferRef | null {
  if (transfer === null || !isOpenTransfer(transfer) || !transfer.itemIds.includes(itemId)) return null;
  const waiting = transfer.status === 'open';
  if (!waiting && transfer.carriage[itemId] === undefined) return null;
  return { transferId: transfer.transferId, baNumber: transfer.baNumber };
}
