import type { Acknowledgement, AcknowledgementGiven } from '../acknowledgement';
import { acknowledgementOf } from './acknowledgement-rule';
import { defineEvent } from './event-room';
import { accept, invalid, missingField } from './room-helpers';

/**
 * A courier takes the item where it is and becomes its custodian; a new journey starts. Never on
 * the courier's word alone: the holder's release (domain.md "Two-party custody") is a kode serah
 * issued for the item's place or a signature drawn on the courier's phone; the holder's own
 * account release is its handover_offered, whose acceptance handover_accepted records as this event.
 */
export const collected = defineEvent<
  'collected',
  { locationId?: string; acknowledgement: AcknowledgementGiven },
  {
    locationId: string;
    custodianId: string;
    /** Who gave: the holder (absent in events recorded before two-party custody). */
    fromCustodianId?: string;
    /** How the holder released it (absent in events recorded before two-party custody). */
    acknowledgement?: Acknowledgement;
  }
>({
  type: 'collected',
  word: 'Diambil kurir',
  allowedFrom: ['registered', 'arrived', 'deposited'],
  travelsWithTransfer: true,
  grants: [{ role: 'courier', scope: 'courier-any' }],
  fields: {
    locationId: { kind: 'location', optional: true },
    acknowledgement: { kind: 'acknowledgement' },
  },
  decide(command, state, ctx) {
    const here = state.locationId;
    if (here === null) return missingField('locationId', 'is required: the item has no known location');
    const locationId = command.data.locationId ?? here;
    if (locationId !== here) {
      return invalid('collected', state.status, `the item is at '${here}', not at '${locationId}'`);
    }
    const released = acknowledgementOf(command.data.acknowledgement, { placeId: here, act: 'release' }, ctx);
    if (!released.ok) return released;
    return accept({
      type: 'collected',
      data: {
        locationId,
        custodianId: ctx.actor.id,
        fromCustodianId: state.custodianId,
        acknowledgement: released.acknowledgement,
      },
    });
  },
  // Leaves the shelf or the previous destination behind.
  evolve: (state, event) => ({
    ...state,
    status: 'collected',
    locationId: event.data.locationId,
    custodianId: event.data.custodianId,
    pendingHandover: null,
    destinationId: null,
    storage: null,
  }),
});
