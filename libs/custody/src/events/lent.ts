import { defineEvent } from './event-room';
import { accept, missingField } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** Lent from the depot to a unit and a named borrower until `dueAt`. */
export const lent = defineEvent<
  'lent',
  { borrowerUnitId: string; borrowerName: string; dueAt: string },
  { depotId: string; borrowerUnitId: string; borrowerName: string; dueAt: string }
>({
  type: 'lent',
  word: 'Dipinjam',
  allowedFrom: ['deposited'],
  grants: DEPOT_HERE,
  fields: {
    borrowerUnitId: { kind: 'location', inUse: true },
    borrowerName: { kind: 'text' },
    dueAt: { kind: 'instant' },
  },
  decide(command, state, ctx) {
    if (Date.parse(command.data.dueAt) <= Date.parse(ctx.occurredAt)) {
      return missingField('dueAt', `must be after the time of lending (${ctx.occurredAt})`);
    }
    const { borrowerUnitId, borrowerName, dueAt } = command.data;
    const depotId = state.depotId ?? state.locationId!;
    return accept({
      type: 'lent',
      data: { depotId, borrowerUnitId, borrowerName, dueAt: new Date(dueAt).toISOString() },
    });
  },
  evolve: (state, event) => ({
    ...state,
    status: 'on_loan',
    locationId: event.data.borrowerUnitId,
    custodianId: event.data.borrowerUnitId,
    loan: {
      depotId: event.data.depotId,
      borrowerUnitId: event.data.borrowerUnitId,
      borrowerName: event.data.borrowerName,
      lentAt: event.occurredAt,
      dueAt: event.data.dueAt,
    },
  }),
});
