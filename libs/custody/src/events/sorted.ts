import { defineEvent } from './event-room';
import { letterMisroute } from './letter-routing';
import { accept, invalid } from './room-helpers';

/** Checked and grouped at a sorting point, its destination set (a letter: toward its addressee or a sorting point). */
export const sorted = defineEvent<
  'sorted',
  { locationId: string; destinationId: string },
  { locationId: string; destinationId: string }
>({
  type: 'sorted',
  word: 'Dipilah',
  allowedFrom: ['collected', 'arrived'],
  grants: [
    { role: 'courier', scope: 'custodian' },
    { role: 'officer', scope: 'unit-here' },
  ],
  fields: {
    locationId: { kind: 'location', types: ['sorting_point'] },
    destinationId: { kind: 'location', inUse: true },
  },
  decide(command, state, ctx) {
    const here = state.locationId === null ? undefined : ctx.locations(state.locationId)?.type;
    if (state.status === 'arrived' && here !== 'sorting_point') {
      return invalid(
        'sorted',
        state.status,
        `it arrived at '${state.locationId}', which is not a sorting point`,
      );
    }
    const { locationId, destinationId } = command.data;
    const misrouted = letterMisroute(state, destinationId, ctx);
    if (misrouted) return misrouted;
    return accept({ type: 'sorted', data: { locationId, destinationId } });
  },
  evolve: (state, event) => ({
    ...state,
    status: 'sorted',
    locationId: event.data.locationId,
    destinationId: event.data.destinationId,
  }),
});
