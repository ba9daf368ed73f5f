import type { Storage } from '../item';
import { defineEvent } from './event-room';
import { accept, missingField, pickStorage } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** Back from loan, deposited again (at its old shelf place unless another is given). */
export const returned = defineEvent<'returned', { storage?: Storage }, { depotId: string; storage: Storage }>(
  {
    type: 'returned',
    word: 'Dikembalikan',
    allowedFrom: ['on_loan'],
    grants: DEPOT_HERE,
    fields: { storage: { kind: 'storage', optional: true } },
    decide(command, state) {
      const storage = command.data.storage ? pickStorage(command.data.storage) : state.storage;
      if (!storage)
        return missingField('storage', 'is required: the item had no shelf place before the loan');
      const depotId = state.loan?.depotId ?? state.depotId!;
      return accept({ type: 'returned', data: { depotId, storage } });
    },
    evolve: (state, event) => ({
      ...state,
      status: 'deposited',
      locationId: event.data.depotId,
      custodianId: event.data.depotId,
      depotId: event.data.depotId,
      storage: event.data.storage,
      loan: null,
    }),
  },
);
