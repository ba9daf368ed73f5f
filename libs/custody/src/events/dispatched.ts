import { defineEvent } from './event-room';
import { letterMisroute } from './letter-routing';
import { accept, missingField } from './room-helpers';

/**
 * On its way toward `destinationId` with its courier; from `arrived` onward again (a misrouted
 * letter sent on to its addressee). A letter goes only toward its addressee unit or a sorting point.
 */
export const dispatched = defineEvent<
  'dispatched',
  { destinationId?: string },
  { fromLocationId: string | null; destinationId: string }
>({
  type: 'dispatched',
  word: 'Dikirim',
  allowedFrom: ['collected', 'sorted', 'arrived'],
  travelsWithTransfer: true,
  grants: [{ role: 'courier', scope: 'custodian' }],
  fields: { destinationId: { kind: 'location', optional: true, inUse: true } },
  decide(command, state, ctx) {
    const onward = state.status === 'arrived';
    // Arrived, its old destination is where it is: onward needs a new one.
    const destinationId = command.data.destinationId ?? (onward ? null : state.destinationId);
    if (!destinationId) return missingField('destinationId', 'is required: the item has no destination yet');
    if (onward && destinationId === state.locationId) {
      return missingField('destinationId', `must differ from where the item is ('${destinationId}')`);
    }
    const misrouted = letterMisroute(state, destinationId, ctx);
    if (misrouted) return misrouted;
    return accept({ type: 'dispatched', data: { fromLocationId: state.locationId, destinationId } });
  },
  evolve: (state, event) => ({
    ...state,
    status: 'in_transit',
    locationId: null,
    destinationId: event.data.destinationId,
  }),
});
