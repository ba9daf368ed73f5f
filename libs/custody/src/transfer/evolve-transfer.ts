import { assertNever } from '../assert-never';
import { advanceStream } from '../stream-bookkeeping';
import type { TransferEvent } from './transfer-events';
import { carriedBy, statusOfCarriage } from './consignment-parts';
import type { CarriedItem, MaybeTransferState, TransferState } from './transfer-state';

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
      carriage: {},
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
        carriage: Object.fromEntries(
          state.itemIds.map((itemId) => [
            itemId,
            { custodianId: event.data.custodianId, stage: 'collected' },
          ]),
        ),
      };
    case 'dispatched':
      return withCarriage({ ...state, locationId: null }, event.data.itemIds, (carried) => ({
        ...carried,
        stage: 'in_transit',
      }));
    case 'handover_offered':
      return {
        ...state,
        pendingHandover: {
          fromCustodianId: event.data.fromCustodianId,
          toCustodianId: event.data.toCustodianId,
          offeredAt: event.occurredAt,
          eventId: event.eventId,
          expiresAt: event.data.expiresAt ?? null,
          ...(event.data.itemIds ? { itemIds: [...event.data.itemIds] } : {}),
        },
      };
    case 'handover_accepted': {
      const handed = withCarriage(state, event.data.itemIds, (carried) => ({
        ...carried,
        custodianId: event.data.toCustodianId,
      }));
      // The courier who kept part of it stays the transfer's courier; a whole handover passes it on.
      const custodianId =
        carriedBy(handed, state.custodianId).length > 0
          ? state.custodianId
          : leadCustodian(handed, event.data.toCustodianId);
      return { ...handed, custodianId, pendingHandover: null };
    }
    case 'handover_declined':
    case 'handover_withdrawn':
      return { ...state, pendingHandover: null };
    case 'arrived':
      return withCarriage({ ...state, locationId: event.data.locationId }, event.data.itemIds, (carried) => ({
        ...carried,
        stage: 'arrived',
      }));
    case 'intake_recorded': {
      // An item with its outcome is the receiving side's (or, rejected, back in its courier's hands).
      const carriage = { ...state.carriage };
      for (const result of event.data.results) delete carriage[result.itemId];
      // A (lapsed) offer of these items ends with their intake; one of another part still stands.
      const offered = state.pendingHandover?.itemIds;
      const touched = !offered || event.data.results.some((result) => offered.includes(result.itemId));
      const next = { ...state, carriage };
      // Once its courier's part is all taken in, the transfer's courier is whoever still carries some.
      const custodianId =
        carriedBy(next, state.custodianId).length > 0
          ? state.custodianId
          : leadCustodian(next, state.custodianId);
      return {
        ...next,
        custodianId,
        intake: [...(state.intake ?? []), ...event.data.results],
        pendingHandover: touched ? null : state.pendingHandover,
      };
    }
    case 'completed':
      // The receiving unit answers for the consignment from here on.
      return { ...state, status: event.data.status, custodianId: state.toId, carriage: {} };
    case 'cancelled':
      return { ...state, status: 'cancelled', pendingHandover: null, carriage: {} };
    default:
      return assertNever(event);
  }
}

/**
 * Changes the carried items a step concerns (`itemIds`, or all carried when absent, as every step
 * did before consignments split); the status follows the furthest part.
 */
function withCarriage(
  state: TransferState,
  itemIds: readonly string[] | undefined,
  change: (carried: CarriedItem) => CarriedItem,
): TransferState {
  const carriage = { ...state.carriage };
  for (const itemId of itemIds ?? state.itemIds) {
    const carried = carriage[itemId];
    if (carried) carriage[itemId] = change(carried);
  }
  const next = { ...state, carriage };
  return { ...next, status: statusOfCarriage(next) };
}

/**
 * The transfer's `custodianId` after a handover: the courier of the first manifest item still
 * carried (the whole consignment's courier while it is not split), else `fallback`.
 */
function leadCustodian(state: TransferState, fallback: string): string {
  const first = state.itemIds.find((itemId) => state.carriage[itemId]);
  return first ? state.carriage[first].custodianId : fallback;
}

export function replayTransfer(events: readonly TransferEvent[]): MaybeTransferState {
  return events.reduce<MaybeTransferState>((state, event) => evolveTransfer(state, event), null);
}
