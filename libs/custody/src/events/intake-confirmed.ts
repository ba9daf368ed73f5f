import type { Storage } from '../item';
import { arrivedAtDepot } from './at-a-depot';
import { defineEvent } from './event-room';
import { accept, pickStorage } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** Taken in at the depot it arrived at and shelved at `storage`; the depot is custodian. */
export const intakeConfirmed = defineEvent<
  'intake_confirmed',
  { storage: Storage },
  { depotId: string; storage: Storage }
>({
  type: 'intake_confirmed',
  allowedFrom: ['arrived'],
  grants: DEPOT_HERE,
  fields: { storage: { kind: 'storage' } },
  decide(command, state, ctx) {
    const depot = arrivedAtDepot('intake_confirmed', state, ctx);
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
