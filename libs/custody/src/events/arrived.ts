import { defineEvent } from './event-room';
import { accept, missingField } from './room-helpers';

/** At its destination, waiting for intake (a depot) or receipt (the addressee). */
export const arrived = defineEvent<'arrived', { locationId?: string }, { locationId: string }>({
  type: 'arrived',
  word: 'Tiba',
  allowedFrom: ['in_transit'],
  travelsWithTransfer: true,
  grants: [{ role: 'courier', scope: 'custodian' }],
  fields: { locationId: { kind: 'location', optional: true } },
  decide(command, state) {
    const locationId = command.data.locationId ?? state.destinationId;
    if (!locationId)
      return missingField('locationId', 'is required: the item has no destination to arrive at');
    return accept({ type: 'arrived', data: { locationId } });
  },
  evolve: (state, event) => ({ ...state, status: 'arrived', locationId: event.data.locationId }),
});
