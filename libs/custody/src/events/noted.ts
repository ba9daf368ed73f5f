import { defineEvent } from './event-room';
import { accept } from './room-helpers';
import { CUSTODIAN_ANY_ROLE } from './scopes';

/** SCRATCH (reverted): a note on the item, nothing else changes. */
export const noted = defineEvent<'noted', { note: string }, { note: string }>({
  type: 'noted',
  allowedFrom: ['registered', 'deposited'],
  grants: [...CUSTODIAN_ANY_ROLE, { role: 'admin', scope: 'anywhere' }],
  fields: { note: { kind: 'text' } },
  decide: (command) => accept({ type: 'noted', data: { note: command.data.note } }),
  evolve: (state) => state,
});
