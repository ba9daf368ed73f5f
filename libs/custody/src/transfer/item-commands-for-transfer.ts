import { assertNever } from '../assert-never';
import type { CustodyCommand } from '../commands';
import type { TransferCommand } from './transfer-commands';
import type { DecidedTransferEvent } from './transfer-events';
import type { TransferState } from './transfer-state';

/**
 * The item commands that mirror one decided transfer event on every item it concerns, so each
 * item's own stream tells the whole trail. Run each through decide (with correlationId = the
 * transfer id, and deterministic event ids) so a retry after a crash doubles nothing.
 * `transfer` is the state before the event (after creation, for `transfer_created` none apply).
 * `known` says whether an item exists in the store: an unexpected item that does is refused in
 * its own trail too (intake_rejected), a stray Jejak never registered only on the transfer.
 * `command` is the transfer command decided: a collection carries its release to every item.
 */
export function itemCommandsForTransfer(
  event: DecidedTransferEvent,
  transfer: TransferState,
  known: (itemId: string) => boolean = () => false,
  command?: TransferCommand,
): CustodyCommand[] {
  const each = (make: (itemId: string) => CustodyCommand, itemIds: readonly string[] = transfer.itemIds) =>
    itemIds.map(make);
  // A step on part of a split consignment names its items; otherwise it concerns the whole manifest.
  const handed = transfer.pendingHandover?.itemIds;
  switch (event.type) {
    case 'transfer_created':
    case 'completed':
    case 'cancelled':
      return [];
    case 'collected': {
      // The command's release (a code is checked by each item's rule, never kept in an event).
      const acknowledgement =
        command?.type === 'collected' ? command.data.acknowledgement : { method: 'account' as const };
      return each((itemId) => ({
        type: 'collected',
        itemId,
        data: { locationId: event.data.locationId, acknowledgement },
      }));
    }
    case 'dispatched':
      return each(
        (itemId) => ({ type: 'dispatched', itemId, data: { destinationId: event.data.destinationId } }),
        event.data.itemIds,
      );
    case 'handover_offered':
      return each(
        (itemId) => ({ type: 'handover_offered', itemId, data: { toCustodianId: event.data.toCustodianId } }),
        event.data.itemIds,
      );
    case 'handover_accepted':
      return each((itemId) => ({ type: 'handover_accepted', itemId, data: {} }), handed);
    case 'handover_declined':
    case 'handover_withdrawn':
      return each((itemId) => ({ type: event.type, itemId, data: { reason: event.data.reason } }), handed);
    case 'arrived':
      return each(
        (itemId) => ({ type: 'arrived', itemId, data: { locationId: event.data.locationId } }),
        event.data.itemIds,
      );
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
          case 'rejected':
            return [{ type: 'intake_rejected', itemId: result.itemId, data: { reason: result.note! } }];
          case 'unexpected': {
            if (!known(result.itemId)) return []; // A stray Jejak never registered: the transfer only.
            const reason = `not in the manifest of transfer ${transfer.transferId} (${transfer.baNumber})`;
            return [
              {
                type: 'intake_rejected',
                itemId: result.itemId,
                data: { reason: result.note ? `${reason}: ${result.note}` : reason },
              },
            ];
          }
          default:
            return assertNever(result.outcome);
        }
      });
    default:
      return assertNever(event);
  }
}
