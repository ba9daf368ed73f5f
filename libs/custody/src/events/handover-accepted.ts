import type { Acknowledgement } from '../acknowledgement';
import { refuse } from '../refusal';
import type { collected } from './collected';
import { defineEvent, type DataOfRoom } from './event-room';
import { HANDOVER_STATUSES } from './handover-offered';
import { hasLapsed } from './party-checks';
import { accept, transitionMessage } from './room-helpers';
import { HANDOVER_ADDRESSEE } from './scopes';

type Collected = { type: 'collected'; data: DataOfRoom<typeof collected> };

/**
 * The addressee of the pending handover takes custody. A holder's release accepted by the
 * courier is the collection itself: recorded as `collected`, released by account (the offer was
 * the holder's own act with their sign-in). A lapsed offer cannot be accepted.
 */
export const handoverAccepted = defineEvent<
  'handover_accepted',
  Record<never, never>,
  { fromCustodianId: string; toCustodianId: string },
  Collected
>({
  type: 'handover_accepted',
  word: 'Serah terima diterima',
  allowedFrom: HANDOVER_STATUSES,
  travelsWithTransfer: true,
  needsPendingHandover: true,
  grants: HANDOVER_ADDRESSEE,
  fields: {},
  decide(_command, state, ctx) {
    const pending = state.pendingHandover!;
    if (hasLapsed(pending, ctx.occurredAt)) {
      return refuse(
        'invalid-transition',
        transitionMessage(
          'handover_accepted',
          state.status,
          `the offer to '${pending.toCustodianId}' lapsed at ${pending.expiresAt}; ask for a new offer`,
        ),
      );
    }
    const { fromCustodianId, toCustodianId } = pending;
    if (pending.kind === 'release') {
      const locationId = pending.locationId ?? state.locationId!;
      const acknowledgement: Acknowledgement = {
        method: 'account',
        byId: pending.offeredById,
        placeId: locationId,
      };
      // The collected room's data (agreed with it): who gave, who took, where, and the release.
      const data = { locationId, custodianId: toCustodianId, fromCustodianId, acknowledgement };
      return accept<Collected>({ type: 'collected', data });
    }
    return accept({ type: 'handover_accepted', data: { fromCustodianId, toCustodianId } });
  },
  evolve: (state, event) => ({ ...state, custodianId: event.data.toCustodianId, pendingHandover: null }),
});
