import type { Acknowledgement, AcknowledgementGiven } from '../acknowledgement';
import { acknowledgementOf } from './acknowledgement-rule';
import { defineEvent } from './event-room';
import { accept, invalid } from './room-helpers';

/**
 * A letter received by its addressee unit, there and only there, with the unit's acknowledgement
 * (domain.md "Two-party custody"): an officer of the unit recording it (account), or the courier
 * with the unit's kode serah (code) or a receiver's drawn signature (signature).
 */
export const delivered = defineEvent<
  'delivered',
  { receivedBy?: string; locationId?: string; acknowledgement: AcknowledgementGiven },
  {
    locationId: string;
    custodianId: string;
    receivedBy: string;
    /** Who gave: the courier (absent in events recorded before two-party custody). */
    fromCustodianId?: string;
    acknowledgement?: Acknowledgement;
  }
>({
  type: 'delivered',
  word: 'Diserahkan ke penerima',
  allowedFrom: ['arrived'],
  travelsWithTransfer: true,
  grants: [
    { role: 'courier', scope: 'custodian' },
    { role: 'officer', scope: 'addressee-unit' },
  ],
  fields: {
    receivedBy: { kind: 'text', optional: true },
    locationId: { kind: 'location', optional: true },
    acknowledgement: { kind: 'acknowledgement' },
  },
  decide(command, state, ctx) {
    const addressee = state.description.addresseeUnitId;
    if (state.description.kind !== 'letter' || !addressee) {
      return invalid(
        'delivered',
        state.status,
        'only letters are delivered; a file is taken in at a depot (intake_confirmed)',
      );
    }
    const here = state.locationId;
    const locationId = command.data.locationId ?? here;
    if (here !== addressee || locationId !== addressee) {
      return invalid(
        'delivered',
        state.status,
        `the letter is for '${addressee}' and is delivered only there (it arrived at '${here}')`,
      );
    }
    const received = acknowledgementOf(
      command.data.acknowledgement,
      { placeId: addressee, act: 'receipt' },
      ctx,
    );
    if (!received.ok) return received;
    const acknowledgement = received.acknowledgement;
    const receivedBy =
      command.data.receivedBy ??
      acknowledgement.name ??
      ctx.parties(acknowledgement.byId ?? '')?.name ??
      addressee;
    return accept({
      type: 'delivered',
      data: {
        locationId: addressee,
        custodianId: addressee,
        receivedBy,
        fromCustodianId: state.custodianId,
        acknowledgement,
      },
    });
  },
  evolve: (state, event) => ({
    ...state,
    status: 'delivered',
    locationId: event.data.locationId,
    custodianId: event.data.custodianId,
    pendingHandover: null,
  }),
});
