import type { Actor, Role } from '../actor';
import type { ItemDescription } from '../item';
import type { LocationLookup } from '../location';
import type { Refusal } from '../refusal';
import type { ItemState, MaybeItemState } from '../state';
import type { Grant } from './event-room';
import { SCOPE_DESCRIPTIONS, type Scope } from './scopes';

/** What a grant's scope needs besides the actor and the state. */
export interface AuthorizationContext {
  locations: LocationLookup;
  /** The description being registered (there is no state yet). */
  description?: ItemDescription;
  /** For `found`: where the item was found. */
  foundAt?: string;
}

const ACTS_FOR_A_UNIT: readonly Role[] = ['officer', 'depot'];

/** Whether the actor is `partyId`: the person, or (officer/depot) a member of that unit. */
function actorIs(actor: Actor, partyId: string | null | undefined): boolean {
  if (!partyId) return false;
  return actor.id === partyId || (ACTS_FOR_A_UNIT.includes(actor.role) && actor.unitId === partyId);
}

/** The depot answerable for the item: where it sits, or its home depot once deposited. */
export function responsibleDepotId(state: ItemState): string | null {
  switch (state.status) {
    case 'deposited':
    case 'on_loan':
    case 'disposed':
    case 'transferred_static':
      return state.depotId;
    case 'missing': {
      const last = state.lastKnown;
      if (last && (last.status === 'deposited' || last.status === 'on_loan')) return state.depotId;
      return last?.locationId ?? null;
    }
    default:
      return state.locationId;
  }
}

function scopeHolds(scope: Scope, actor: Actor, state: MaybeItemState, ctx: AuthorizationContext): boolean {
  const description = state?.description ?? ctx.description;
  switch (scope) {
    case 'anywhere':
      return true;
    case 'origin-unit':
      return actor.unitId !== null && actor.unitId === description?.originUnitId;
    case 'custodian':
      return state !== null && actorIs(actor, state.custodianId);
    case 'courier-any':
      return (
        state !== null && (state.custodianId === actor.id || ctx.locations(state.custodianId) !== undefined)
      );
    case 'addressee':
      return state?.pendingHandover != null && actorIs(actor, state.pendingHandover.toCustodianId);
    case 'depot-here':
      return state !== null && actor.unitId !== null && actor.unitId === responsibleDepotId(state);
    case 'addressee-unit':
      return actor.unitId !== null && actor.unitId === description?.addresseeUnitId;
    case 'unit-here':
      return state !== null && actor.unitId !== null && actor.unitId === state.locationId;
    case 'found-at':
      return actor.unitId !== null && actor.unitId === ctx.foundAt;
    case 'offerer': {
      const pending = state?.pendingHandover;
      return pending != null && (actor.id === pending.offeredById || actorIs(actor, pending.fromCustodianId));
    }
  }
}

/** Null when the actor's role may record `type` on some item (by `grants`). */
export function roleRefusal(type: string, grants: readonly Grant[], actor: Actor): Refusal | null {
  if (actor.role === 'auditor')
    return { code: 'forbidden', message: 'auditors may read and verify but never write' };
  if (!grants.some((grant) => grant.role === actor.role)) {
    return { code: 'forbidden', message: `role '${actor.role}' may not record '${type}'` };
  }
  return null;
}

/** Null when one of the actor's role's grants holds for this item; asked after the status table. */
export function scopeRefusal(
  type: string,
  grants: readonly Grant[],
  actor: Actor,
  state: MaybeItemState,
  ctx: AuthorizationContext,
): Refusal | null {
  const mine = grants.filter((grant) => grant.role === actor.role);
  if (mine.length === 0) return roleRefusal(type, grants, actor);
  if (mine.some((grant) => scopeHolds(grant.scope, actor, state, ctx))) return null;
  const allowed = mine.map((grant) => SCOPE_DESCRIPTIONS[grant.scope]).join('; or ');
  return {
    code: 'forbidden',
    message: `${actor.role} '${actor.id}' may not record '${type}' on this item: only ${allowed}`,
  };
}
