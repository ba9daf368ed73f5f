import { defineEvent } from './event-room';
import { HANDOVER_STATUSES } from './handover-offered';
import { accept } from './room-helpers';
import { HANDOVER_ADDRESSEE } from './scopes';

/** The addressee of the pending handover takes custody. */
export const handoverAccepted = defineEvent<
  'handover_accepted',
  Record<never, never>,
  { fromCustodianId: string; toCustodianId: string }
>({
  type: 'handover_accepted',
  allowedFrom: HANDOVER_STATUSES,
  needsPendingHandover: true,
  grants: HANDOVER_ADDRESSEE,
  fields: {},
  decide(_command, state) {
    const { fromCustodianId, toCustodianId } = state.pendingHandover!;
    return accept({ type: 'handover_accepted', data: { fromCustodianId, toCustodianId } });
  },
  evolve: (state, event) => ({ ...state, custodianId: event.data.toCustodianId, pendingHandover: null }),
});
