import { defineEvent } from './event-room';
import { HANDOVER_STATUSES } from './handover-offered';
import { accept } from './room-helpers';
import { CUSTODIAN_ANY_ROLE } from './scopes';

/**
 * The offerer takes the pending handover back (custody is unchanged while one is pending, so the
 * offerer is the custodian), or an admin clears it; the reason kept. A stand-in written by the
 * transfers branch; the parties branch owns this room.
 */
export const handoverWithdrawn = defineEvent<
  'handover_withdrawn',
  { reason: string },
  { toCustodianId: string; reason: string }
>({
  type: 'handover_withdrawn',
  allowedFrom: HANDOVER_STATUSES,
  needsPendingHandover: true,
  grants: [...CUSTODIAN_ANY_ROLE, { role: 'admin', scope: 'anywhere' }],
  fields: { reason: { kind: 'text' } },
  decide(command, state) {
    const toCustodianId = state.pendingHandover!.toCustodianId;
    return accept({ type: 'handover_withdrawn', data: { toCustodianId, reason: command.data.reason } });
  },
  evolve: (state) => ({ ...state, pendingHandover: null }),
});
