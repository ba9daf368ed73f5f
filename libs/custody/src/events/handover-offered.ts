import { defineEvent } from './event-room';
import { accept, invalid, missingField } from './room-helpers';
import { CUSTODIAN_ANY_ROLE } from './scopes';

const ON_THE_WAY = ['collected', 'sorted', 'in_transit', 'arrived'] as const;

/** The custodian offers the item to `toCustodianId`; custody is unchanged until accepted. */
export const handoverOffered = defineEvent<
  'handover_offered',
  { toCustodianId: string; locationId?: string },
  { fromCustodianId: string; toCustodianId: string; locationId: string | null }
>({
  type: 'handover_offered',
  allowedFrom: ON_THE_WAY,
  grants: CUSTODIAN_ANY_ROLE,
  fields: { toCustodianId: { kind: 'text' }, locationId: { kind: 'location', optional: true } },
  decide(command, state) {
    if (state.pendingHandover) {
      return invalid(
        'handover_offered',
        state.status,
        `a handover to '${state.pendingHandover.toCustodianId}' is already pending`,
      );
    }
    if (command.data.toCustodianId === state.custodianId) {
      return missingField('toCustodianId', `is already the custodian of the item`);
    }
    const locationId = command.data.locationId ?? state.locationId;
    const data = {
      fromCustodianId: state.custodianId,
      toCustodianId: command.data.toCustodianId,
      locationId,
    };
    return accept({ type: 'handover_offered', data });
  },
  evolve: (state, event) => ({
    ...state,
    pendingHandover: {
      fromCustodianId: event.data.fromCustodianId,
      toCustodianId: event.data.toCustodianId,
      offeredAt: event.occurredAt,
      eventId: event.eventId,
    },
  }),
});

export const HANDOVER_STATUSES = ON_THE_WAY;
