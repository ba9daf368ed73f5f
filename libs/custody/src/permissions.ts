import type { Actor, Role } from './actor';
import type { CustodyEventType } from './events';
import { roleRefusal, scopeRefusal, type AuthorizationContext } from './events/authorize-grants';
import type { Grant } from './events/event-room';
import { registered } from './events/registered';
import { SCOPE_DESCRIPTIONS, type Scope } from './events/scopes';
import type { Refusal } from './refusal';
import { viewFromRooms } from './room-table';
import type { MaybeItemState } from './state';

export { responsibleDepotId, type AuthorizationContext } from './events/authorize-grants';
export type { Grant } from './events/event-room';
export { PERMISSION_SCOPES, SCOPE_DESCRIPTIONS, type Scope } from './events/scopes';

/**
 * Who may record what, read from the rooms (events/) as data so the HTTP layer's tests can walk
 * it. Auditors appear nowhere: they never write. Admin manages the directory; it may register and
 * settle missing items and corrections, but never carries, takes in or lends.
 */
export const CUSTODY_PERMISSIONS: Record<CustodyEventType, readonly Grant[]> = {
  registered: registered.grants,
  ...viewFromRooms((room) => room.grants),
};

/** The role-only part of authorize: null when the actor's role may record `type` on some item. */
export function authorizeRole(type: CustodyEventType, actor: Actor): Refusal | null {
  return roleRefusal(type, CUSTODY_PERMISSIONS[type], actor);
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
  return scopeRefusal(type, CUSTODY_PERMISSIONS[type], actor, state, ctx);
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
