import { defineEvent } from './event-room';
import { accept, invalid, missingField } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** A loan given more time by the lending depot: a later `dueAt`, with the reason; the old one is kept. */
export const loanExtended = defineEvent<
  'loan_extended',
  { dueAt: string; reason: string },
  { previousDueAt: string; dueAt: string; reason: string }
>({
  type: 'loan_extended',
  word: 'Peminjaman diperpanjang',
  allowedFrom: ['on_loan'],
  grants: DEPOT_HERE,
  fields: { dueAt: { kind: 'instant' }, reason: { kind: 'text' } },
  decide(command, state) {
    if (state.loan === null) return invalid('loan_extended', state.status, 'no loan is recorded');
    const dueAt = new Date(command.data.dueAt).toISOString();
    if (Date.parse(dueAt) <= Date.parse(state.loan.dueAt)) {
      return missingField('dueAt', `must be after the loan's current due date (${state.loan.dueAt})`);
    }
    return accept({
      type: 'loan_extended',
      data: { previousDueAt: state.loan.dueAt, dueAt, reason: command.data.reason },
    });
  },
  evolve: (state, event) =>
    state.loan ? { ...state, loan: { ...state.loan, dueAt: event.data.dueAt } } : state,
});
