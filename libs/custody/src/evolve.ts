import { assertNever } from './assert-never';
import type { CustodyEvent, CustodyEventOf } from './events';
import type { ItemState, MaybeItemState } from './state';
import { advanceStream } from './stream-bookkeeping';

/**
 * Applies one recorded event to the state of its item. Trusts the event (decide has already
 * checked it), so it never refuses; it throws only when the stream itself is corrupt (an event
 * before `registered`, or a second `registered`).
 */
export function evolve(state: MaybeItemState, event: CustodyEvent): ItemState {
  if (event.type === 'registered') {
    if (state !== null)
      throw new Error(`Item ${event.itemId} is registered twice (revision ${event.revision})`);
    return registeredState(event);
  }
  if (state === null) {
    throw new Error(
      `Event '${event.type}' (revision ${event.revision}) precedes the registration of item ${event.itemId}`,
    );
  }
  return advanceStream(state, applyEffect(state, event), event);
}

function registeredState(event: CustodyEventOf<'registered'>): ItemState {
  const { locationId, custodianId, ...description } = event.data;
  return {
    itemId: event.itemId,
    description,
    status: 'registered',
    locationId,
    custodianId,
    since: event.occurredAt,
    pendingHandover: null,
    destinationId: null,
    storage: null,
    loan: null,
    lastKnown: null,
    depotId: null,
    revision: event.revision,
    headHash: event.hash,
    eventIds: [event.eventId],
    depositedAt: null,
  };
}

/** The type-specific effect; bookkeeping (since, revision, hash, ids) is done by evolve. */
function applyEffect(state: ItemState, event: Exclude<CustodyEvent, { type: 'registered' }>): ItemState {
  switch (event.type) {
    case 'collected':
      // Leaves the shelf or the previous destination behind: a new journey starts.
      return {
        ...state,
        status: 'collected',
        locationId: event.data.locationId,
        custodianId: event.data.custodianId,
        pendingHandover: null,
        destinationId: null,
        storage: null,
      };
    case 'sorted':
      return {
        ...state,
        status: 'sorted',
        locationId: event.data.locationId,
        destinationId: event.data.destinationId,
      };
    case 'dispatched':
      return { ...state, status: 'in_transit', locationId: null, destinationId: event.data.destinationId };
    case 'handover_offered':
      return {
        ...state,
        pendingHandover: {
          fromCustodianId: event.data.fromCustodianId,
          toCustodianId: event.data.toCustodianId,
          offeredAt: event.occurredAt,
          eventId: event.eventId,
        },
      };
    case 'handover_accepted':
      return { ...state, custodianId: event.data.toCustodianId, pendingHandover: null };
    case 'handover_declined':
      return { ...state, pendingHandover: null };
    case 'arrived':
      return { ...state, status: 'arrived', locationId: event.data.locationId };
    case 'delivered':
      return {
        ...state,
        status: 'delivered',
        locationId: event.data.locationId,
        custodianId: event.data.custodianId,
        pendingHandover: null,
      };
    case 'intake_confirmed':
      return {
        ...state,
        status: 'deposited',
        locationId: event.data.depotId,
        custodianId: event.data.depotId,
        depotId: event.data.depotId,
        storage: event.data.storage,
        pendingHandover: null,
        destinationId: null,
        depositedAt: state.depositedAt ?? event.occurredAt,
      };
    case 'intake_rejected':
      return state;
    case 'relocated':
      return { ...state, storage: event.data.storage };
    case 'lent':
      return {
        ...state,
        status: 'on_loan',
        locationId: event.data.borrowerUnitId,
        custodianId: event.data.borrowerUnitId,
        loan: {
          depotId: event.data.depotId,
          borrowerUnitId: event.data.borrowerUnitId,
          borrowerName: event.data.borrowerName,
          lentAt: event.occurredAt,
          dueAt: event.data.dueAt,
        },
      };
    case 'returned':
      return {
        ...state,
        status: 'deposited',
        locationId: event.data.depotId,
        custodianId: event.data.depotId,
        depotId: event.data.depotId,
        storage: event.data.storage,
        loan: null,
      };
    case 'reported_missing':
      return {
        ...state,
        status: 'missing',
        locationId: null,
        pendingHandover: null,
        // The place is the event's (decide carries the first report's over); a further report on a
        // missing item keeps the status it was last known in, not 'missing'.
        lastKnown: {
          status: state.status === 'missing' && state.lastKnown ? state.lastKnown.status : state.status,
          locationId: event.data.lastKnownLocationId,
          custodianId: event.data.lastKnownCustodianId,
        },
      };
    case 'found':
      return foundState(state, event);
    case 'disposed':
      return { ...state, status: 'disposed', pendingHandover: null };
    case 'transferred_static':
      return { ...state, status: 'transferred_static', pendingHandover: null };
    case 'corrected':
      return state;
    default:
      return assertNever(event);
  }
}

/**
 * Where a found item stands. Rule: found back at the very place it was last known at rest
 * (same location as `lastKnown`), it resumes that status (registered, deposited, on_loan,
 * arrived, delivered) with its storage and loan. Found anywhere else, or when it went missing
 * on the move (collected, sorted, in_transit: no fixed place), it is `arrived` at the place it
 * was found, waiting to be collected or taken in; a depot place or loan no longer holds then.
 */
export function statusWhenFound(state: ItemState, foundAt: string): ItemState['status'] {
  return isBackWhereLastKnown(state, foundAt) && state.lastKnown ? state.lastKnown.status : 'arrived';
}

function isBackWhereLastKnown(state: ItemState, foundAt: string): boolean {
  return (
    state.lastKnown !== null && state.lastKnown.locationId !== null && state.lastKnown.locationId === foundAt
  );
}

function foundState(state: ItemState, event: CustodyEventOf<'found'>): ItemState {
  const status = statusWhenFound(state, event.data.locationId);
  const resumed = isBackWhereLastKnown(state, event.data.locationId);
  return {
    ...state,
    status,
    locationId: event.data.locationId,
    custodianId: event.data.custodianId,
    storage: resumed ? state.storage : null,
    loan: resumed && status === 'on_loan' ? state.loan : null,
  };
}
