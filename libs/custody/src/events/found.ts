import type { Actor } from '../actor';
import type { PartyInfo } from '../party';
import { refuse, type Refusal } from '../refusal';
import type { ItemState } from '../state';
import { defineEvent } from './event-room';
import { activeParty } from './party-checks';
import { accept } from './room-helpers';

/**
 * Found again at `locationId`, with whom it is now: an active party, named by someone allowed at
 * that place. The courier it went missing with names themself; an officer or depot clerk of the
 * place names their unit (the default) or one of its people; an admin any active party. Nobody
 * puts it in the custody of a party that is not there to take it.
 */
export const found = defineEvent<
  'found',
  { locationId: string; custodianId?: string },
  { locationId: string; custodianId: string }
>({
  type: 'found',
  word: 'Ditemukan',
  allowedFrom: ['missing'],
  grants: [
    { role: 'courier', scope: 'custodian' },
    { role: 'officer', scope: 'found-at' },
    { role: 'depot', scope: 'found-at' },
    { role: 'admin', scope: 'anywhere' },
  ],
  fields: { locationId: { kind: 'location' }, custodianId: { kind: 'text', optional: true } },
  scopeContext: (data) => ({ foundAt: data.locationId }),
  decide(command, _state, ctx) {
    const { locationId } = command.data;
    // Found at a place and no one named: the courier themself, or the unit of that place.
    const custodianId =
      command.data.custodianId ?? (ctx.actor.role === 'courier' ? ctx.actor.id : locationId);
    const party = activeParty('custodianId', custodianId, ctx);
    if (!party.ok) return party;
    const refusal = finderRefusal(ctx.actor, party.party, locationId);
    if (refusal) return { ok: false, refusal };
    return accept({ type: 'found', data: { locationId, custodianId } });
  },
  evolve(state, event) {
    const status = statusWhenFound(state, event.data.locationId);
    const resumed = isBackWhereLastKnown(state, event.data.locationId);
    return {
      ...state,
      status,
      locationId: event.data.locationId,
      custodianId: event.data.custodianId,
      storage: resumed ? state.storage : null,
      loan: resumed && status === 'on_loan' ? state.loan : null,
    };
  },
});

/**
 * Where a found item stands. Rule: found back at the very place it was last known at rest
 * (same location as `lastKnown`), it resumes that status (registered, deposited, on_loan,
 * arrived, delivered) with its storage and loan. Found anywhere else, or when it went missing
 * on the move (collected, sorted, in_transit: no fixed place), it is `arrived` at the place it
 * was found, waiting to be collected or taken in; a depot place or loan no longer holds then.
 */
export function statusWhenFound(state: ItemState, foundAt: string): ItemState['status'] {
  return isBackWhereLastKnown(state, foundAt) && state.lastKnown ? state.lastKnown.status : 'arrived';
}

function isBackWhereLastKnown(state: ItemState, foundAt: string): boolean {
  return (
    state.lastKnown !== null && state.lastKnown.locationId !== null && state.lastKnown.locationId === foundAt
  );
}

/** Null when this finder may put the item with `custodian` at `locationId`. */
function finderRefusal(actor: Actor, custodian: PartyInfo, locationId: string): Refusal | null {
  if (custodian.kind === 'unit' && custodian.id !== locationId) {
    return refuse('validation-failed', `custodianId: the unit '${custodian.id}' is not where it was found`, [
      { field: 'custodianId', message: `a unit holds an item only at its own place ('${locationId}')` },
    ]).refusal;
  }
  if (actor.role === 'admin') return null;
  if (actor.role === 'courier') {
    return custodian.id === actor.id
      ? null
      : { code: 'forbidden', message: `a courier records 'found' only with themself as custodian` };
  }
  const ofThePlace =
    custodian.kind === 'unit' || (custodian.role !== 'courier' && custodian.unitId === locationId);
  return ofThePlace
    ? null
    : {
        code: 'forbidden',
        message:
          `${actor.role} '${actor.id}' may name as custodian only '${locationId}' or one of its people; ` +
          `a courier who holds it records 'found' themself`,
      };
}
