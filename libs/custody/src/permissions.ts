import type { Actor, Role } from './actor';
import type { CustodyEventType } from './events';
import type { ItemDescription } from './item';
import type { LocationLookup } from './location';
import type { Refusal } from './refusal';
import type { ItemState, MaybeItemState } from './state';

/** Under what condition a grant applies; each is explained in SCOPE_DESCRIPTIONS. */
export const PERMISSION_SCOPES = [
  'anywhere',
  'origin-unit',
  'custodian',
  'courier-any',
  'addressee',
  'depot-here',
  'addressee-unit',
  'unit-here',
  'found-at',
] as const;
export type Scope = (typeof PERMISSION_SCOPES)[number];

export interface Grant {
  role: Role;
  scope: Scope;
}

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  anywhere: 'on any item',
  'origin-unit': "an officer of the item's origin unit",
  custodian: "the item's custodian: the person themself, or an officer/depot staff of the custodian unit",
  'courier-any':
    'a courier, when the item is held by a unit or depot (not by another person) or by this courier',
  addressee: 'the addressee of the pending handover: the person, or an officer/depot staff of that unit',
  'depot-here':
    'depot staff of the depot where the item is (or that holds it while lent, missing or after its end)',
  'addressee-unit': "an officer of the letter's addressee unit",
  'unit-here': 'an officer of the unit where the item physically is (e.g. the sorting point)',
  'found-at': 'an officer or depot staff of the unit where the item was found',
};

const custodianAnyRole: readonly Grant[] = [
  { role: 'courier', scope: 'custodian' },
  { role: 'officer', scope: 'custodian' },
  { role: 'depot', scope: 'custodian' },
];
const handoverAddressee: readonly Grant[] = [
  { role: 'courier', scope: 'addressee' },
  { role: 'officer', scope: 'addressee' },
  { role: 'depot', scope: 'addressee' },
];
const depotHere: readonly Grant[] = [{ role: 'depot', scope: 'depot-here' }];

/**
 * Who may record what, as data so the HTTP layer's tests can walk it. Auditors appear nowhere:
 * they never write. Admin manages the directory; it may register and settle missing items and
 * corrections, but never carries, takes in or lends.
 */
export const CUSTODY_PERMISSIONS: Record<CustodyEventType, readonly Grant[]> = {
  registered: [
    { role: 'officer', scope: 'origin-unit' },
    { role: 'admin', scope: 'anywhere' },
  ],
  collected: [{ role: 'courier', scope: 'courier-any' }],
  sorted: [
    { role: 'courier', scope: 'custodian' },
    { role: 'officer', scope: 'unit-here' },
  ],
  dispatched: [{ role: 'courier', scope: 'custodian' }],
  handover_offered: custodianAnyRole,
  handover_accepted: handoverAddressee,
  handover_declined: handoverAddressee,
  arrived: [{ role: 'courier', scope: 'custodian' }],
  delivered: [
    { role: 'courier', scope: 'custodian' },
    { role: 'officer', scope: 'addressee-unit' },
  ],
  intake_confirmed: depotHere,
  intake_rejected: depotHere,
  relocated: depotHere,
  lent: depotHere,
  returned: depotHere,
  reported_missing: [
    ...custodianAnyRole,
    { role: 'officer', scope: 'origin-unit' },
    { role: 'depot', scope: 'depot-here' },
    { role: 'admin', scope: 'anywhere' },
  ],
  found: [
    ...custodianAnyRole,
    { role: 'officer', scope: 'origin-unit' },
    { role: 'officer', scope: 'found-at' },
    { role: 'depot', scope: 'found-at' },
    { role: 'depot', scope: 'depot-here' },
    { role: 'admin', scope: 'anywhere' },
  ],
  disposed: depotHere,
  transferred_static: depotHere,
  corrected: [
    ...custodianAnyRole,
    { role: 'officer', scope: 'origin-unit' },
    { role: 'depot', scope: 'depot-here' },
    { role: 'admin', scope: 'anywhere' },
  ],
};

/** What authorize needs besides the actor and the state. */
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
  }
}

/** The role-only part of authorize: null when the actor's role may record `type` on some item. */
export function authorizeRole(type: CustodyEventType, actor: Actor): Refusal | null {
  if (actor.role === 'auditor')
    return { code: 'forbidden', message: 'auditors may read and verify but never write' };
  if (!CUSTODY_PERMISSIONS[type].some((grant) => grant.role === actor.role)) {
    return { code: 'forbidden', message: `role '${actor.role}' may not record '${type}'` };
  }
  return null;
}

/**
 * The scope part of authorize, for an actor whose role passed authorizeRole: null when one of the
 * role's grants holds for this item. Decide asks it only after the state machine, so an event the
 * item's status never allows is refused as such, whoever asks.
 */
export function authorizeScope(
  type: CustodyEventType,
  actor: Actor,
  state: MaybeItemState,
  ctx: AuthorizationContext,
): Refusal | null {
  const grants = CUSTODY_PERMISSIONS[type].filter((grant) => grant.role === actor.role);
  if (grants.length === 0) return authorizeRole(type, actor);
  if (grants.some((grant) => scopeHolds(grant.scope, actor, state, ctx))) return null;
  const allowed = grants.map((grant) => SCOPE_DESCRIPTIONS[grant.scope]).join('; or ');
  return {
    code: 'forbidden',
    message: `${actor.role} '${actor.id}' may not record '${type}' on this item: only ${allowed}`,
  };
}

/** Null when the actor may record `type` on this item; otherwise a `forbidden` refusal saying why. */
export function authorize(
  type: CustodyEventType,
  actor: Actor,
  state: MaybeItemState,
  ctx: AuthorizationContext,
): Refusal | null {
  return authorizeRole(type, actor) ?? authorizeScope(type, actor, state, ctx);
}

export interface PermissionRow {
  type: CustodyEventType;
  role: Role;
  scope: Scope;
  meaning: string;
}

/** The matrix flattened, one row per (event type, role, scope), in event-table order. */
export function describePermissions(): PermissionRow[] {
  return (Object.keys(CUSTODY_PERMISSIONS) as CustodyEventType[]).flatMap((type) =>
    CUSTODY_PERMISSIONS[type].map((grant) => ({ type, ...grant, meaning: SCOPE_DESCRIPTIONS[grant.scope] })),
  );
}
