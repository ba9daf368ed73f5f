import { assertNever } from '../assert-never';
import { advanceStream } from '../stream-bookkeeping';
import type { TransferEvent } from './transfer-events';
import type { MaybeTransferState, TransferState } from './transfer-state';

/** Applies one recorded transfer event; throws only on a corrupt stream, like evolve. */
export function evolveTransfer(state: MaybeTransferState, event: TransferEvent): TransferState {
  if (event.type === 'transfer_created') {
    if (state !== null)
      throw new Error(`Transfer ${event.transferId} is created twice (revision ${event.revision})`);
    const { baNumber, fromId, toId, itemIds } = event.data;
    return {
      transferId: event.transferId,
      baNumber,
      fromId,
      toId,
      itemIds: [...itemIds],
      status: 'open',
      locationId: fromId,
      custodianId: fromId,
      since: event.occurredAt,
      pendingHandover: null,
      intake: null,
      revision: event.revision,
      headHash: event.hash,
      eventIds: [event.eventId],
    };
  }
  if (state === null) {
    throw new Error(
      `Event '${event.type}' (revision ${event.revision}) precedes the creation of transfer ${event.transferId}`,
    );
  }
  return advanceStream(state, applyTransferEffect(state, event), event);
}

function applyTransferEffect(
  state: TransferState,
  event: Exclude<TransferEvent, { type: 'transfer_created' }>,
): TransferState {
  switch (event.type) {
    case 'collected':
      return {
        ...state,
        status: 'collected',
        locationId: event.data.locationId,
        custodianId: event.data.custodianId,
      };
    case 'dispatched':
      return { ...state, status: 'in_transit', locationId: null };
    case 'handover_offered':
      return {
        ...state,
        pendingHandover: {
          fromCustodianId: event.data.fromCustodianId,
          toCustodianId: event.data.toCustodianId,
          offeredAt: event.occurredAt,
          eventId: event.eventId,
          expiresAt: event.data.expiresAt ?? null,
        },
      };
    case 'handover_accepted':
      return { ...state, custodianId: event.data.toCustodianId, pendingHandover: null };
    case 'handover_declined':
    case 'handover_withdrawn':
      return { ...state, pendingHandover: null };
    case 'arrived':
      return { ...state, status: 'arrived', locationId: event.data.locationId };
    case 'intake_recorded':
      return { ...state, intake: [...(state.intake ?? []), ...event.data.results], pendingHandover: null };
    case 'completed':
      // The receiving unit answers for the consignment from here on.
      return { ...state, status: event.data.status, custodianId: state.toId };
    case 'cancelled':
      return { ...state, status: 'cancelled', pendingHandover: null };
    default:
      return assertNever(event);
  }
}

export function replayTransfer(events: readonly TransferEvent[]): MaybeTransferState {
  return events.reduce<MaybeTransferState>((state, event) => evolveTransfer(state, event), null);
}
