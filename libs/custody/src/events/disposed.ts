import type { ItemDescription } from '../item';
import { retentionEndsAt, retentionHasEnded } from '../retention';
import { defineEvent } from './event-room';
import { accept, invalid } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/** Destroyed under a berita acara pemusnahan (terminal). */
export const disposed = defineEvent<'disposed', { baNumber: string }, { baNumber: string }>({
  type: 'disposed',
  allowedFrom: ['deposited'],
  grants: DEPOT_HERE,
  fields: { baNumber: { kind: 'text' } },
  decide(command, state, ctx) {
    const reason = disposalProblem(state.description, ctx.occurredAt);
    if (reason) return invalid('disposed', state.status, reason);
    return accept({ type: 'disposed', data: { baNumber: command.data.baNumber } });
  },
  evolve: (state) => ({ ...state, status: 'disposed', pendingHandover: null }),
});

/**
 * Why an item may not be disposed of at `at`; null when it may. Its retention must have ended
 * (no schedule or no year: it never ends). musnah and dinilai_kembali (re-appraised) may then be
 * destroyed; a permanent record goes to the static archive instead, never destroyed.
 */
function disposalProblem(description: ItemDescription, at: string): string | null {
  const endsAt = retentionEndsAt(description);
  if (endsAt === null) return 'its retention (JRA) or year is not recorded, so its retention has not ended';
  if (description.retention!.disposition === 'permanen') {
    return "its retention disposition is 'permanen': a permanent record goes to the static archive (transferred_static), it is never destroyed";
  }
  if (!retentionHasEnded(description, at)) return `its retention ends at ${endsAt}`;
  return null;
}
