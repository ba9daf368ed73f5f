import { defineEvent } from './event-room';
import { HANDOVER_STATUSES } from './handover-offered';
import { accept } from './room-helpers';
import { HANDOVER_ADDRESSEE } from './scopes';

/** The addressee refuses the pending handover; custody is unchanged, the reason kept. */
export const handoverDeclined = defineEvent<
  'handover_declined',
  { reason: string },
  { toCustodianId: string; reason: string }
>({
  type: 'handover_declined',
  word: 'Serah terima ditolak',
  allowedFrom: HANDOVER_STATUSES,
  needsPendingHandover: true,
  grants: HANDOVER_ADDRESSEE,
  fields: { reason: { kind: 'text' } },
  decide(command, state) {
    const toCustodianId = state.pendingHandover!.toCustodianId;
    return accept({ type: 'handover_declined', data: { toCustodianId, reason: command.data.reason } });
  },
  evolve: (state) => ({ ...state, pendingHandover: null }),
});
