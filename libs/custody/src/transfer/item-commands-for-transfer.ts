import { assertNever } from '../assert-never';
import type { CustodyCommand } from '../commands';
import type { DecidedTransferEvent } from './transfer-events';
import type { TransferState } from './transfer-state';

/**
 * The item commands that mirror one decided transfer event on every item it concerns, so each
 * item's own stream tells the whole trail. Run each through decide (with correlationId = the
 * transfer id, and deterministic event ids) so a retry after a crash doubles nothing.
 * `transfer` is the state before the event (after creation, for `transfer_created` none apply).
 */
export function itemCommandsForTransfer(
  event: DecidedTransferEvent,
  transfer: TransferState,
): CustodyCommand[] {
  const each = (make: (itemId: string) => CustodyCommand) => transfer.itemIds.map(make);
  switch (event.type) {
    case 'transfer_created':
    case 'completed':
      return [];
    case 'collected':
      return each((itemId) => ({ type: 'collected', itemId, data: { locationId: event.data.locationId } }));
    case 'dispatched':
      return each((itemId) => ({
        type: 'dispatched',
        itemId,
        data: { destinationId: event.data.destinationId },
      }));
    case 'handover_offered':
      return each((itemId) => ({
        type: 'handover_offered',
        itemId,
        data: { toCustodianId: event.data.toCustodianId },
      }));
    case 'handover_accepted':
      return each((itemId) => ({ type: 'handover_accepted', itemId, data: {} }));
    case 'arrived':
      return each((itemId) => ({ type: 'arrived', itemId, data: { locationId: event.data.locationId } }));
    case 'intake_recorded':
      return event.data.results.flatMap((result): CustodyCommand[] => {
        switch (result.outcome) {
          case 'received':
          case 'damaged':
            return [{ type: 'intake_confirmed', itemId: result.itemId, data: { storage: result.storage! } }];
          case 'missing': {
            const reason = `not in the delivery of transfer ${transfer.transferId} (${transfer.baNumber})`;
            return [
              {
                type: 'reported_missing',
                itemId: result.itemId,
                data: { reason: result.note ? `${reason}: ${result.note}` : reason },
              },
            ];
          }
          case 'unexpected':
            return []; // Not ours to take in: recorded on the transfer only.
          default:
            return assertNever(result.outcome);
        }
      });
    default:
      return assertNever(event);
  }
}
