import { ITEM_STATUSES } from '../state';
import { defineEvent } from './event-room';
import { accept, missingField } from './room-helpers';
import { CUSTODIAN_ANY_ROLE } from './scopes';

/** Annotates an earlier event of the item, with a reason; nothing is edited or deleted. */
export const corrected = defineEvent<
  'corrected',
  { correctsEventId: string; reason: string },
  { correctsEventId: string; reason: string }
>({
  type: 'corrected',
  allowedFrom: ITEM_STATUSES,
  grants: [
    ...CUSTODIAN_ANY_ROLE,
    { role: 'officer', scope: 'origin-unit' },
    { role: 'depot', scope: 'depot-here' },
    { role: 'admin', scope: 'anywhere' },
  ],
  fields: { correctsEventId: { kind: 'text' }, reason: { kind: 'text' } },
  decide(command, state) {
    if (!state.eventIds.includes(command.data.correctsEventId)) {
      return missingField('correctsEventId', `names no event of item '${state.itemId}'`);
    }
    const { correctsEventId, reason } = command.data;
    return accept({ type: 'corrected', data: { correctsEventId, reason } });
  },
  evolve: (state) => state,
});
