import type { Storage } from '../item';
import { arrivedAtReceiver } from './at-a-depot';
import { defineEvent } from './event-room';
import { accept, pickStorage } from './room-helpers';
import { DEPOT_HERE } from './scopes';

const RECEIVER_HERE = [...DEPOT_HERE, { role: 'officer', scope: 'unit-here' }] as const;

/**
 * Taken in at the depot it arrived at and shelved at `storage`; the depot is custodian. A file that
 * arrived at a unit (a transfer to a unit) is taken in the same way by an officer of that unit.
 */
export const intakeConfirmed = defineEvent<
  'intake_confirmed',
  { storage: Storage },
  { depotId: string; storage: Storage }
>({
  type: 'intake_confirmed',
  word: 'Diterima depo',
  allowedFrom: ['arrived'],
  travelsWithTransfer: true,
  grants: RECEIVER_HERE,
  fields: { storage: { kind: 'storage' } },
  decide(command, state, ctx) {
    const depot = arrivedAtReceiver('intake_confirmed', state, ctx, { filesOnlyAtUnit: true });
    if ('ok' in depot) return depot;
    return accept({
      type: 'intake_confirmed',
      data: { depotId: depot.depotId, storage: pickStorage(command.data.storage) },
    });
  },
  evolve: (state, event) => ({
    ...state,
    status: 'deposited',
    locationId: event.data.depotId,
    custodianId: event.data.depotId,
    depotId: event.data.depotId,
    storage: event.data.storage,
    pendingHandover: null,
    destinationId: null,
    depositedAt: state.depositedAt ?? event.occurredAt,
  }),
});
