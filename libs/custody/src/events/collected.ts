import { defineEvent } from './event-room';
import { accept, missingField } from './room-helpers';

/** A courier takes the item at `locationId` and becomes its custodian; a new journey starts. */
export const collected = defineEvent<
  'collected',
  { locationId?: string },
  { locationId: string; custodianId: string }
>({
  type: 'collected',
  allowedFrom: ['registered', 'arrived', 'deposited'],
  grants: [{ role: 'courier', scope: 'courier-any' }],
  fields: { locationId: { kind: 'location', optional: true } },
  decide(command, state, ctx) {
    const locationId = command.data.locationId ?? state.locationId;
    if (locationId === null) return missingField('locationId', 'is required: the item has no known location');
    return accept({ type: 'collected', data: { locationId, custodianId: ctx.actor.id } });
  },
  // Leaves the shelf or the previous destination behind.
  evolve: (state, event) => ({
    ...state,
    status: 'collected',
    locationId: event.data.locationId,
    custodianId: event.data.custodianId,
    pendingHandover: null,
    destinationId: null,
    storage: null,
  }),
});
