import { defineEvent } from './event-room';
import { accept, missingField } from './room-helpers';

/** On its way toward `destinationId` with its courier. */
export const dispatched = defineEvent<
  'dispatched',
  { destinationId?: string },
  { fromLocationId: string | null; destinationId: string }
>({
  type: 'dispatched',
  allowedFrom: ['collected', 'sorted'],
  grants: [{ role: 'courier', scope: 'custodian' }],
  fields: { destinationId: { kind: 'location', optional: true, inUse: true } },
  decide(command, state) {
    const destinationId = command.data.destinationId ?? state.destinationId;
    if (!destinationId) return missingField('destinationId', 'is required: the item has no destination yet');
    return accept({ type: 'dispatched', data: { fromLocationId: state.locationId, destinationId } });
  },
  evolve: (state, event) => ({
    ...state,
    status: 'in_transit',
    locationId: null,
    destinationId: event.data.destinationId,
  }),
});
