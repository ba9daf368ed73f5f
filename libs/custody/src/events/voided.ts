import { defineEvent } from './event-room';
import { accept, invalid } from './room-helpers';

/**
 * A registration made by mistake (a duplicate import, a file entered twice) withdrawn by its own
 * unit before it ever left: terminal, its trail kept. Only from `registered`, and nothing but
 * registration and a find at its origin leads there, so a voided item was never collected.
 */
export const voided = defineEvent<'voided', { reason: string }, { reason: string }>({
  type: 'voided',
  word: 'Dibatalkan',
  allowedFrom: ['registered'],
  grants: [{ role: 'officer', scope: 'origin-unit' }],
  fields: { reason: { kind: 'text' } },
  decide(command, state) {
    const origin = state.description.originUnitId;
    if (state.locationId !== origin || state.custodianId !== origin) {
      return invalid('voided', state.status, `it is no longer held at its origin unit '${origin}'`);
    }
    if (state.pendingHandover !== null) {
      return invalid('voided', state.status, 'a handover is pending: withdraw or decline it first');
    }
    return accept({ type: 'voided', data: { reason: command.data.reason } });
  },
  evolve: (state) => ({ ...state, status: 'voided', pendingHandover: null }),
});
