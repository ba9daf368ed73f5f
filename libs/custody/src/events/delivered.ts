import { defineEvent } from './event-room';
import { accept, invalid } from './room-helpers';

/** A letter received by a named person (`receivedBy`) of the addressee unit. */
export const delivered = defineEvent<
  'delivered',
  { receivedBy: string; locationId?: string },
  { locationId: string; custodianId: string; receivedBy: string }
>({
  type: 'delivered',
  allowedFrom: ['arrived', 'in_transit'],
  grants: [
    { role: 'courier', scope: 'custodian' },
    { role: 'officer', scope: 'addressee-unit' },
  ],
  fields: { receivedBy: { kind: 'text' }, locationId: { kind: 'location', optional: true } },
  decide(command, state) {
    const addressee = state.description.addresseeUnitId;
    if (state.description.kind !== 'letter' || !addressee) {
      return invalid(
        'delivered',
        state.status,
        'only letters are delivered; a file is taken in at a depot (intake_confirmed)',
      );
    }
    const locationId =
      command.data.locationId ?? (state.status === 'arrived' ? state.locationId : null) ?? addressee;
    return accept({
      type: 'delivered',
      data: { locationId, custodianId: addressee, receivedBy: command.data.receivedBy },
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
