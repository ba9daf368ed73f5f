import { endOfRetentionProblem } from './disposal-rules';
import { defineEvent } from './event-room';
import { accept, invalid } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** Handed to the static archive (terminal): a `permanen` record whose retention has ended. */
export const transferredStatic = defineEvent<
  'transferred_static',
  { baNumber: string; toArchive?: string },
  { baNumber: string; toArchive: string | null }
>({
  type: 'transferred_static',
  word: 'Diserahkan sebagai arsip statis',
  allowedFrom: ['deposited'],
  grants: DEPOT_HERE,
  fields: { baNumber: { kind: 'text' }, toArchive: { kind: 'text', optional: true } },
  decide(command, state, ctx) {
    const reason = endOfRetentionProblem(state.description, 'permanen', ctx.occurredAt);
    if (reason) return invalid('transferred_static', state.status, reason);
    return accept({
      type: 'transferred_static',
      data: { baNumber: command.data.baNumber, toArchive: command.data.toArchive ?? null },
    });
  },
  evolve: (state) => ({ ...state, status: 'transferred_static', pendingHandover: null }),
});
