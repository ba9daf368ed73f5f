import type { ItemDescription } from '../item';
import { defineEvent } from './event-room';
import { accept, invalid } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** Handed to the static archive as a permanent record (terminal). */
export const transferredStatic = defineEvent<
  'transferred_static',
  { baNumber: string; toArchive?: string },
  { baNumber: string; toArchive: string | null }
>({
  type: 'transferred_static',
  allowedFrom: ['deposited'],
  grants: DEPOT_HERE,
  fields: { baNumber: { kind: 'text' }, toArchive: { kind: 'text', optional: true } },
  decide(command, state) {
    const reason = staticTransferProblem(state.description);
    if (reason) return invalid('transferred_static', state.status, reason);
    return accept({
      type: 'transferred_static',
      data: { baNumber: command.data.baNumber, toArchive: command.data.toArchive ?? null },
    });
  },
  evolve: (state) => ({ ...state, status: 'transferred_static', pendingHandover: null }),
});

/** Why an item may not go to the static archive; null when it may. Only its disposition counts. */
function staticTransferProblem(description: ItemDescription): string | null {
  const disposition = description.retention?.disposition;
  if (disposition === undefined)
    return "its retention (JRA) is not recorded, so it is not known to be 'permanen'";
  if (disposition !== 'permanen') return `its retention disposition is '${disposition}', not 'permanen'`;
  return null;
}
