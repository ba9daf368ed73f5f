import { NON_TERMINAL_STATUSES } from '../state';
import { defineEvent } from './event-room';
import { accept } from './room-helpers';

/**
 * The offerer (or an admin) takes back a pending handover: a mistyped or stale offer never leaves
 * the item stuck. Pending cleared, custody unchanged, the reason kept. Allowed in every status an
 * offer can still be pending in, so there is always someone who can clear one.
 */
export const handoverWithdrawn = defineEvent<
  'handover_withdrawn',
  { reason: string },
  { fromCustodianId: string; toCustodianId: string; offerEventId: string; reason: string }
>({
  type: 'handover_withdrawn',
  word: 'Serah terima ditarik kembali',
  allowedFrom: NON_TERMINAL_STATUSES,
  needsPendingHandover: true,
  grants: [
    { role: 'courier', scope: 'offerer' },
    { role: 'officer', scope: 'offerer' },
    { role: 'depot', scope: 'offerer' },
    { role: 'admin', scope: 'anywhere' },
  ],
  fields: { reason: { kind: 'text' } },
  decide(command, state) {
    const { fromCustodianId, toCustodianId, eventId } = state.pendingHandover!;
    const data = { fromCustodianId, toCustodianId, offerEventId: eventId, reason: command.data.reason };
    return accept({ type: 'handover_withdrawn', data });
  },
  evolve: (state) => ({ ...state, pendingHandover: null }),
});
