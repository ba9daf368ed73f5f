import { arrivedAtReceiver } from './at-a-depot';
import { defineEvent } from './event-room';
import { accept } from './room-helpers';
import { DEPOT_HERE } from './scopes';

const RECEIVER_HERE = [...DEPOT_HERE, { role: 'officer', scope: 'unit-here' }] as const;

/** Turned away at the depot or unit it arrived at: it stays with the courier, the reason kept. */
export const intakeRejected = defineEvent<
  'intake_rejected',
  { reason: string },
  { depotId: string; reason: string }
>({
  type: 'intake_rejected',
  word: 'Ditolak depo',
  allowedFrom: ['arrived'],
  travelsWithTransfer: true,
  grants: RECEIVER_HERE,
  fields: { reason: { kind: 'text' } },
  decide(command, state, ctx) {
    const depot = arrivedAtReceiver('intake_rejected', state, ctx, { filesOnlyAtUnit: false });
    if ('ok' in depot) return depot;
    return accept({ type: 'intake_rejected', data: { depotId: depot.depotId, reason: command.data.reason } });
  },
  evolve: (state) => state,
});
