import type { Storage } from '../item';
import { defineEvent } from './event-room';
import { accept, pickStorage } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** A new shelf place within the depot. */
export const relocated = defineEvent<
  'relocated',
  { storage: Storage },
  { from: Storage | null; storage: Storage }
>({
  type: 'relocated',
  word: 'Dipindah tempat simpan',
  allowedFrom: ['deposited'],
  grants: DEPOT_HERE,
  fields: { storage: { kind: 'storage' } },
  decide: (command, state) =>
    accept({ type: 'relocated', data: { from: state.storage, storage: pickStorage(command.data.storage) } }),
  evolve: (state, event) => ({ ...state, storage: event.data.storage }),
});
