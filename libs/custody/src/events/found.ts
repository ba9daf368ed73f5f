import type { ItemState } from '../state';
import { defineEvent } from './event-room';
import { accept } from './room-helpers';
import { CUSTODIAN_ANY_ROLE } from './scopes';

/** Found again at `locationId`; who holds it now (the unit of that place unless someone is named). */
export const found = defineEvent<
  'found',
  { locationId: string; custodianId?: string },
  { locationId: string; custodianId: string }
>({
  type: 'found',
  allowedFrom: ['missing'],
  grants: [
    ...CUSTODIAN_ANY_ROLE,
    { role: 'officer', scope: 'origin-unit' },
    { role: 'officer', scope: 'found-at' },
    { role: 'depot', scope: 'found-at' },
    { role: 'depot', scope: 'depot-here' },
    { role: 'admin', scope: 'anywhere' },
  ],
  fields: { locationId: { kind: 'location' }, custodianId: { kind: 'text', optional: true } },
  scopeContext: (data) => ({ foundAt: data.locationId }),
  decide(command) {
    // Found at a place and no one named: the unit of that place answers for it.
    const custodianId = command.data.custodianId ?? command.data.locationId;
    return accept({ type: 'found', data: { locationId: command.data.locationId, custodianId } });
  },
  evolve(state, event) {
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
  },
});

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
