import { ITEM_STATUSES, TERMINAL_STATUSES } from '../state';
import { defineEvent } from './event-room';
import { accept } from './room-helpers';
import { CUSTODIAN_ANY_ROLE } from './scopes';

/** Reported missing, with the place and custodian it was last known at kept. */
export const reportedMissing = defineEvent<
  'reported_missing',
  { reason: string },
  { reason: string; lastKnownLocationId: string | null; lastKnownCustodianId: string }
>({
  type: 'reported_missing',
  word: 'Dilaporkan hilang',
  allowedFrom: ITEM_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status)),
  grants: [
    ...CUSTODIAN_ANY_ROLE,
    { role: 'officer', scope: 'origin-unit' },
    { role: 'depot', scope: 'depot-here' },
    { role: 'admin', scope: 'anywhere' },
  ],
  fields: { reason: { kind: 'text' } },
  decide(command, state) {
    // Reported again while missing: the place it was last known at is still the first report's.
    const last =
      state.status === 'missing' && state.lastKnown
        ? state.lastKnown
        : { locationId: state.locationId, custodianId: state.custodianId };
    return accept({
      type: 'reported_missing',
      data: {
        reason: command.data.reason,
        lastKnownLocationId: last.locationId,
        lastKnownCustodianId: last.custodianId,
      },
    });
  },
  evolve: (state, event) => ({
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
  }),
});
