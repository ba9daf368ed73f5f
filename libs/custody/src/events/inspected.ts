import { defineEvent } from './event-room';
import { accept } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** SCRATCH (issue #12 check): a deposited file's condition noted by its depot; nothing else changes. */
export const inspected = defineEvent<'inspected', { reason: string }, { reason: string }>({
  type: 'inspected',
  allowedFrom: ['deposited'],
  grants: DEPOT_HERE,
  fields: { reason: { kind: 'text' } },
  decide: (command) => accept({ type: 'inspected', data: { reason: command.data.reason } }),
  evolve: (state) => state,
});
