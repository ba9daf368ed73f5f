import type { Actor, Role } from '../actor';
import type { Refusal } from '../refusal';
import type { TransferCommandType } from './transfer-commands';
import type { MaybeTransferState } from './transfer-state';

export const TRANSFER_SCOPES = [
  'anywhere',
  'from-unit',
  'courier-any',
  'custodian',
  'addressee',
  'offerer',
  'to-unit',
] as const;
export type TransferScope = (typeof TRANSFER_SCOPES)[number];
export interface TransferGrant {
  role: Role;
  scope: TransferScope;
}

export const TRANSFER_SCOPE_DESCRIPTIONS: Record<TransferScope, string> = {
  anywhere: 'on any transfer',
  'from-unit': 'staff of the sending unit or depot',
  'courier-any':
    'any courier, while the consignment is still with the sending unit (or already with this courier)',
  custodian: 'the courier carrying the consignment (or a part of it)',
  addressee: 'the addressee of the pending handover (the person, or staff of that unit)',
  offerer: 'the courier who offered the pending handover',
  'to-unit': 'staff of the receiving unit or depot',
};

/** Who may do what on a transfer. As for items, auditors appear nowhere. */
export const TRANSFER_PERMISSIONS: Record<TransferCommandType, readonly TransferGrant[]> = {
  transfer_created: [
    { role: 'officer', scope: 'from-unit' },
    { role: 'depot', scope: 'from-unit' },
    { role: 'admin', scope: 'anywhere' },
  ],
  collected: [{ role: 'courier', scope: 'courier-any' }],
  dispatched: [{ role: 'courier', scope: 'custodian' }],
  handover_offered: [{ role: 'courier', scope: 'custodian' }],
  handover_accepted: [
    { role: 'courier', scope: 'addressee' },
    { role: 'officer', scope: 'addressee' },
    { role: 'depot', scope: 'addressee' },
  ],
  handover_declined: [
    { role: 'courier', scope: 'addressee' },
    { role: 'officer', scope: 'addressee' },
    { role: 'depot', scope: 'addressee' },
  ],
  handover_withdrawn: [
    { role: 'courier', scope: 'offerer' },
    { role: 'admin', scope: 'anywhere' },
  ],
  arrived: [{ role: 'courier', scope: 'custodian' }],
  cancelled: [
    { role: 'officer', scope: 'from-unit' },
    { role: 'depot', scope: 'from-unit' },
    { role: 'admin', scope: 'anywhere' },
  ],
  intake_recorded: [
    { role: 'depot', scope: 'to-unit' },
    { role: 'officer', scope: 'to-unit' },
  ],
};

/** What authorizeTransfer needs when the transfer does not exist yet. */
export interface TransferAuthorizationContext {
  fromId?: string;
}

function holds(
  scope: TransferScope,
  actor: Actor,
  state: MaybeTransferState,
  ctx: TransferAuthorizationContext,
): boolean {
  const isUnit = (unitId: string | null | undefined) => !!unitId && actor.unitId === unitId;
  switch (scope) {
    case 'anywhere':
      return true;
    case 'from-unit':
      return isUnit(state?.fromId ?? ctx.fromId);
    case 'courier-any':
      return state !== null && (state.custodianId === state.fromId || state.custodianId === actor.id);
    case 'custodian':
      // Split between couriers, each carries a part: dispatched/arrived then concern that part.
      return (
        state !== null &&
        (actor.id === state.custodianId ||
          Object.values(state.carriage).some((carried) => carried.custodianId === actor.id))
      );
    case 'addressee': {
      const to = state?.pendingHandover?.toCustodianId;
      return !!to && (actor.id === to || isUnit(to));
    }
    case 'offerer':
      return !!state?.pendingHandover && actor.id === state.pendingHandover.fromCustodianId;
    case 'to-unit':
      return isUnit(state?.toId);
  }
}

/** The role-only part of authorizeTransfer: null when the actor's role may record `type` on some transfer. */
export function authorizeTransferRole(type: TransferCommandType, actor: Actor): Refusal | null {
  if (actor.role === 'auditor')
    return { code: 'forbidden', message: 'auditors may read and verify but never write' };
  if (!TRANSFER_PERMISSIONS[type].some((grant) => grant.role === actor.role))
    return { code: 'forbidden', message: `role '${actor.role}' may not record '${type}' on a transfer` };
  return null;
}

/**
 * The scope part of authorizeTransfer, for an actor whose role passed authorizeTransferRole.
 * decideTransfer asks it after the transfer's status, as decide does for items.
 */
export function authorizeTransferScope(
  type: TransferCommandType,
  actor: Actor,
  state: MaybeTransferState,
  ctx: TransferAuthorizationContext = {},
): Refusal | null {
  const grants = TRANSFER_PERMISSIONS[type].filter((grant) => grant.role === actor.role);
  if (grants.length === 0) return authorizeTransferRole(type, actor);
  if (grants.some((grant) => holds(grant.scope, actor, state, ctx))) return null;
  const allowed = grants.map((grant) => TRANSFER_SCOPE_DESCRIPTIONS[grant.scope]).join('; or ');
  return {
    code: 'forbidden',
    message: `${actor.role} '${actor.id}' may not record '${type}' on this transfer: only ${allowed}`,
  };
}

export function authorizeTransfer(
  type: TransferCommandType,
  actor: Actor,
  state: MaybeTransferState,
  ctx: TransferAuthorizationContext = {},
): Refusal | null {
  return authorizeTransferRole(type, actor) ?? authorizeTransferScope(type, actor, state, ctx);
}
