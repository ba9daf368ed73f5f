import { endOfRetentionProblem } from './disposal-rules';
import { defineEvent } from './event-room';
import { accept, invalid } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** Destroyed under a berita acara pemusnahan (terminal): a `musnah` file whose retention has ended. */
export const disposed = defineEvent<'disposed', { baNumber: string }, { baNumber: string }>({
  type: 'disposed',
  word: 'Dimusnahkan',
  allowedFrom: ['deposited'],
  grants: DEPOT_HERE,
  fields: { baNumber: { kind: 'text' } },
  decide(command, state, ctx) {
    const reason = endOfRetentionProblem(state.description, 'musnah', ctx.occurredAt);
    if (reason) return invalid('disposed', state.status, reason);
    return accept({ type: 'disposed', data: { baNumber: command.data.baNumber } });
  },
  evolve: (state) => ({ ...state, status: 'disposed', pendingHandover: null }),
});
