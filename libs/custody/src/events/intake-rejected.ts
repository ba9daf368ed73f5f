import { arrivedAtDepot } from './at-a-depot';
import { defineEvent } from './event-room';
import { accept } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** Turned away at the depot it arrived at: it stays with the courier, the reason kept. */
export const intakeRejected = defineEvent<
  'intake_rejected',
  { reason: string },
  { depotId: string; reason: string }
>({
  type: 'intake_rejected',
  allowedFrom: ['arrived'],
  grants: DEPOT_HERE,
  fields: { reason: { kind: 'text' } },
  decide(command, state, ctx) {
    const depot = arrivedAtDepot('intake_rejected', state, ctx);
    if ('ok' in depot) return depot;
    return accept({ type: 'intake_rejected', data: { depotId: depot.depotId, reason: command.data.reason } });
  },
  evolve: (state) => state,
});
