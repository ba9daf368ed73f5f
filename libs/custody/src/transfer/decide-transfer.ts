import { assertNever } from '../assert-never';
import type { DecisionContext } from '../commands';
import { acknowledgementOf } from '../events/acknowledgement-rule';
import { handoverTtlMs, hasLapsed } from '../events/party-checks';
import { FieldChecks } from '../field-checks';
import { refuse, type Decision, type FieldError } from '../refusal';
import { validateOccurredAt } from '../validate-occurred-at';
import type { TransferCommand } from './transfer-commands';
import { INTAKE_OUTCOMES, type DecidedTransferEvent, type IntakeResult } from './transfer-events';
import { authorizeTransfer, authorizeTransferRole, authorizeTransferScope } from './transfer-permissions';
import { carriedBy, isSplit, partOrWhole, statusForCourier } from './consignment-parts';
import type { MaybeTransferState, TransferState, TransferStatus } from './transfer-state';

type Outcome = Decision<DecidedTransferEvent>;
type StreamCommand = Exclude<TransferCommand, { type: 'transfer_created' }>;

export const TRANSFER_ALLOWED_FROM: Record<StreamCommand['type'], readonly TransferStatus[]> = {
  collected: ['open'],
  dispatched: ['collected'],
  handover_offered: ['collected', 'in_transit', 'arrived'],
  handover_accepted: ['collected', 'in_transit', 'arrived'],
  handover_declined: ['collected', 'in_transit', 'arrived'],
  handover_withdrawn: ['collected', 'in_transit', 'arrived'],
  arrived: ['in_transit'],
  intake_recorded: ['arrived'],
  // Before dispatch: still at the origin, or in the courier's bag there.
  cancelled: ['open', 'collected'],
};

/** Answer a pending handover; refused as 'no handover is pending' before the status table. */
const ANSWERS_HANDOVER: readonly StreamCommand['type'][] = [
  'handover_accepted',
  'handover_declined',
  'handover_withdrawn',
];

const accept = (...events: DecidedTransferEvent[]): Outcome => ({ ok: true, events });
const invalid = (type: string, status: TransferStatus, reason?: string): Outcome =>
  refuse(
    'invalid-transition',
    `cannot record '${type}' on a transfer in status '${status}'${reason ? `: ${reason}` : ''}`,
  );

/**
 * Decides a transfer command, in the same order of checks as decide (fields, existence, role,
 * status, then scope). It does not look at the
 * items' own streams: the handler records the matching item events (itemCommandsForTransfer)
 * and each of those goes through decide.
 */
export function decideTransfer(
  command: TransferCommand,
  state: MaybeTransferState,
  ctx: DecisionContext,
): Outcome {
  const occurredAt = validateOccurredAt(ctx.occurredAt, ctx.now);
  if (!occurredAt.ok) return occurredAt;
  const errors = validateTransferFields(command, state, ctx);
  if (errors.length > 0) {
    const summary = errors.map((error) => `${error.field} ${error.message}`).join('; ');
    return refuse('validation-failed', `invalid '${command.type}': ${summary}`, errors);
  }
  if (command.type === 'transfer_created') {
    if (state !== null) return refuse('already-exists', `transfer '${command.transferId}' already exists`);
    const forbidden = authorizeTransfer(command.type, ctx.actor, null, { fromId: command.data.fromId });
    if (forbidden) return { ok: false, refusal: forbidden };
    const { baNumber, fromId, toId, itemIds } = command.data;
    return accept({ type: 'transfer_created', data: { baNumber, fromId, toId, itemIds: [...itemIds] } });
  }
  if (state === null) return refuse('not-found', `transfer '${command.transferId}' does not exist`);
  // Role, then status, then scope, as for items: a wrong status is a 409 whoever may do this at all.
  const roleForbidden = authorizeTransferRole(command.type, ctx.actor);
  if (roleForbidden) return { ok: false, refusal: roleForbidden };
  if (ANSWERS_HANDOVER.includes(command.type) && !state.pendingHandover) {
    return invalid(command.type, state.status, 'no handover is pending');
  }
  const status = judgedStatus(command.type, state, ctx.actor.id);
  if (!TRANSFER_ALLOWED_FROM[command.type].includes(status)) return invalid(command.type, status);
  const forbidden = authorizeTransferScope(command.type, ctx.actor, state);
  if (forbidden) return { ok: false, refusal: forbidden };
  return decideOnTransfer(command, state, ctx);
}

/** A courier's dispatch or arrival is judged by the part they carry; everything else by the transfer. */
function judgedStatus(type: StreamCommand['type'], state: TransferState, actorId: string): TransferStatus {
  if (type === 'dispatched') return statusForCourier(state, actorId, 'collected');
  if (type === 'arrived') return statusForCourier(state, actorId, 'in_transit');
  return state.status;
}

function decideOnTransfer(command: StreamCommand, state: TransferState, ctx: DecisionContext): Outcome {
  switch (command.type) {
    case 'collected': {
      // The consignment's release by its origin; each item's own rule checks it again where it is.
      const locationId = command.data.locationId ?? state.locationId ?? state.fromId;
      const released = acknowledgementOf(
        command.data.acknowledgement,
        { placeId: locationId, act: 'release' },
        ctx,
      );
      if (!released.ok) return released;
      return accept({
        type: 'collected',
        data: {
          locationId,
          custodianId: ctx.actor.id,
          fromCustodianId: state.custodianId,
          acknowledgement: released.acknowledgement,
        },
      });
    }
    case 'dispatched': {
      // The courier leaves with the part they carry; the others leave when they do.
      const part = partOrWhole(state, carriedBy(state, ctx.actor.id, 'collected'));
      return accept({
        type: 'dispatched',
        data: {
          fromLocationId: state.locationId,
          destinationId: command.data.destinationId ?? state.toId,
          ...(part ? { itemIds: part } : {}),
        },
      });
    }
    case 'handover_offered': {
      const offered = offeredItems(command.data.itemIds, state, ctx.actor.id);
      if (!offered.ok) return offered;
      // An item a sitting took in is the receiving side's: it is no longer the courier's to hand over.
      if (offered.itemIds.some((itemId) => state.intake?.some((result) => result.itemId === itemId))) {
        return invalid(command.type, state.status, 'its intake has begun');
      }
      if (blocking(state, ctx)) {
        return invalid(
          command.type,
          state.status,
          `a handover to '${state.pendingHandover?.toCustodianId}' is already pending${untilOf(state)}`,
        );
      }
      if (command.data.toCustodianId === ctx.actor.id) {
        return refuse('validation-failed', 'toCustodianId is already the custodian', [
          { field: 'toCustodianId', message: 'is already the custodian of the transfer' },
        ]);
      }
      if (ctx.parties(command.data.toCustodianId)?.active !== true) {
        return refuse(
          'unknown-party',
          `'${command.data.toCustodianId}' is not an active person or unit of the directory`,
          [{ field: 'toCustodianId', message: 'must be an active person or unit of the directory' }],
        );
      }
      return accept({
        type: 'handover_offered',
        data: {
          fromCustodianId: ctx.actor.id,
          toCustodianId: command.data.toCustodianId,
          // The same lapse time as each item's offer: both are decided with this context.
          expiresAt: new Date(Date.parse(ctx.occurredAt) + handoverTtlMs(ctx)).toISOString(),
          ...(offered.part ? { itemIds: offered.part } : {}),
        },
      });
    }
    case 'handover_accepted': {
      const pending = state.pendingHandover!;
      if (hasLapsed(pending, ctx.occurredAt)) {
        return invalid(
          command.type,
          state.status,
          `the offer to '${pending.toCustodianId}' lapsed at ${pending.expiresAt}; ask for a new offer`,
        );
      }
      const { fromCustodianId, toCustodianId, itemIds } = pending;
      return accept({
        type: 'handover_accepted',
        data: { fromCustodianId, toCustodianId, ...(itemIds ? { itemIds: [...itemIds] } : {}) },
      });
    }
    case 'handover_declined':
    case 'handover_withdrawn': {
      const { fromCustodianId, toCustodianId } = state.pendingHandover!;
      const reason = command.data.reason;
      return accept({ type: command.type, data: { fromCustodianId, toCustodianId, reason } });
    }
    case 'arrived': {
      const part = partOrWhole(state, carriedBy(state, ctx.actor.id, 'in_transit'));
      return accept({
        type: 'arrived',
        data: { locationId: command.data.locationId ?? state.toId, ...(part ? { itemIds: part } : {}) },
      });
    }
    case 'intake_recorded':
      // Custody passes item by item: not while those items are being handed to someone else.
      if (blocking(state, ctx) && heldBack(state, command.data.results)) {
        return invalid(
          command.type,
          state.status,
          `a handover to '${state.pendingHandover?.toCustodianId}' is pending${untilOf(state)}: it is answered or withdrawn first`,
        );
      }
      return notArrivedYet(command.data.results, state) ?? decideIntake(command.data.results, state);
    case 'cancelled':
      if (blocking(state, ctx)) {
        return invalid(
          command.type,
          state.status,
          `a handover to '${state.pendingHandover?.toCustodianId}' is pending${untilOf(state)}: withdraw it first`,
        );
      }
      return accept({ type: 'cancelled', data: { reason: command.data.reason } });
    default:
      return assertNever(command);
  }
}

/**
 * The items a handover offer concerns: the given subset of what the courier carries, or (none
 * given) all of it: the whole manifest while the consignment travels whole. `part` is what the
 * events record (null: the whole manifest).
 */
function offeredItems(
  given: readonly string[] | undefined,
  state: TransferState,
  courierId: string,
): { ok: true; itemIds: string[]; part: string[] | null } | Extract<Outcome, { ok: false }> {
  const mine = carriedBy(state, courierId);
  if (given === undefined) {
    const itemIds = isSplit(state) ? mine : state.itemIds;
    return { ok: true, itemIds, part: partOrWhole(state, itemIds) };
  }
  const errors: FieldError[] = given.flatMap((itemId, index) =>
    mine.includes(itemId)
      ? []
      : [
          {
            field: `itemIds[${index}]`,
            message: `'${itemId}' is not a manifest item '${courierId}' carries`,
          },
        ],
  );
  if (errors.length > 0) {
    const summary = errors.map((error) => `${error.field} ${error.message}`).join('; ');
    return refuse('validation-failed', `invalid 'handover_offered': ${summary}`, errors);
  }
  const itemIds = state.itemIds.filter((itemId) => given.includes(itemId));
  return { ok: true, itemIds, part: partOrWhole(state, itemIds) };
}

/**
 * Whether a pending handover holds back these intake results: a whole consignment's offer holds
 * back any intake (strays included, as before consignments split); a partial one only its own items.
 */
const heldBack = (state: TransferState, results: readonly IntakeResult[]): boolean => {
  const offered = state.pendingHandover?.itemIds;
  return !offered || offered.some((itemId) => givenIds(results).has(itemId));
};

const givenIds = (results: readonly IntakeResult[]): Set<string> =>
  new Set(results.map((result) => result.itemId));

/** A manifest item still on its way (a part of the consignment that has not arrived) has no outcome yet. */
function notArrivedYet(results: readonly IntakeResult[], state: TransferState): Outcome | null {
  const early = results.flatMap(({ itemId }) => {
    const carried = state.carriage[itemId];
    return carried && carried.stage !== 'arrived'
      ? [`'${itemId}' (with '${carried.custodianId}', ${carried.stage})`]
      : [];
  });
  if (early.length === 0) return null;
  return invalid('intake_recorded', state.status, `not arrived yet: ${early.join(', ')}`);
}

/** A pending offer holds the consignment until it is answered or lapses: a lapsed one blocks nothing. */
const blocking = (state: TransferState, ctx: DecisionContext): boolean =>
  state.pendingHandover !== null && !hasLapsed(state.pendingHandover, ctx.occurredAt);

const untilOf = (state: TransferState): string =>
  state.pendingHandover?.expiresAt ? ` until ${state.pendingHandover.expiresAt}` : '';

/**
 * One sitting of intake: results for manifest items not yet answered (and unexpected strays). The
 * transfer completes in the sitting that gives the last manifest item its outcome.
 */
function decideIntake(given: readonly IntakeResult[], state: TransferState): Outcome {
  const earlier = new Map((state.intake ?? []).map((result) => [result.itemId, result]));
  const again = given.filter((result) => earlier.has(result.itemId));
  if (again.length > 0) {
    const named = again.map(({ itemId }) => `'${itemId}' (${earlier.get(itemId)!.outcome})`).join(', ');
    return invalid('intake_recorded', state.status, `already has an outcome: ${named}`);
  }
  const results = given.map(pickResult);
  const all = [...earlier.values(), ...results];
  const answered = new Set(all.map((result) => result.itemId));
  if (!state.itemIds.every((itemId) => answered.has(itemId))) {
    return accept({ type: 'intake_recorded', data: { results } });
  }
  const clean = all.every((result) => result.outcome === 'received');
  return accept(
    { type: 'intake_recorded', data: { results } },
    { type: 'completed', data: { status: clean ? 'completed' : 'completed_with_discrepancies' } },
  );
}

function pickResult(result: IntakeResult): IntakeResult {
  const picked: IntakeResult = { itemId: result.itemId, outcome: result.outcome };
  if (result.storage) {
    const { room, shelf, box } = result.storage;
    picked.storage = {
      room,
      ...(shelf !== undefined ? { shelf } : {}),
      ...(box !== undefined ? { box } : {}),
    };
  }
  if (result.note !== undefined) picked.note = result.note;
  return picked;
}

function validateTransferFields(
  command: TransferCommand,
  state: MaybeTransferState,
  ctx: DecisionContext,
): FieldError[] {
  const check = new FieldChecks(ctx.locations);
  check.text('transferId', command.transferId);
  if (!check.object('data', command.data)) return check.errors;
  const data = command.data as Record<string, unknown>;
  switch (command.type) {
    case 'transfer_created':
      check.text('baNumber', data.baNumber);
      check.location('fromId', data.fromId);
      check.location('toId', data.toId, { inUse: true });
      if (data.fromId === data.toId) check.fail('toId', 'must differ from fromId');
      checkManifest(check, data.itemIds);
      break;
    case 'collected':
      check.location('locationId', data.locationId, { optional: true });
      check.acknowledgement('acknowledgement', data.acknowledgement);
      break;
    case 'arrived':
      check.location('locationId', data.locationId, { optional: true });
      break;
    case 'dispatched':
      check.location('destinationId', data.destinationId, { optional: true, inUse: true });
      break;
    case 'handover_offered':
      check.text('toCustodianId', data.toCustodianId);
      if (data.itemIds !== undefined) checkManifest(check, data.itemIds);
      break;
    case 'handover_accepted':
      break;
    case 'handover_declined':
    case 'handover_withdrawn':
    case 'cancelled':
      check.text('reason', data.reason);
      break;
    case 'intake_recorded':
      checkIntake(check, data.results, state);
      break;
    default:
      return assertNever(command);
  }
  return check.errors;
}

function checkManifest(check: FieldChecks, itemIds: unknown): void {
  if (!Array.isArray(itemIds) || itemIds.length === 0)
    return check.fail('itemIds', 'must list at least one item');
  itemIds.forEach((itemId, index) => check.text(`itemIds[${index}]`, itemId));
  if (new Set(itemIds).size !== itemIds.length) check.fail('itemIds', 'lists an item more than once');
}

/**
 * Each result names a manifest item once (a sitting need not answer them all); items outside the
 * manifest can only be unexpected. Damaged and rejected say why in `note`.
 */
function checkIntake(check: FieldChecks, results: unknown, state: MaybeTransferState): void {
  if (!Array.isArray(results) || results.length === 0)
    return check.fail('results', 'must list a result per item');
  const manifest = new Set(state?.itemIds ?? []);
  const seen = new Set<string>();
  results.forEach((result: unknown, index) => {
    const field = `results[${index}]`;
    if (!check.object(field, result)) return;
    const r = result;
    if (!check.text(`${field}.itemId`, r.itemId)) return;
    check.oneOf(`${field}.outcome`, r.outcome, INTAKE_OUTCOMES);
    if (seen.has(r.itemId)) check.fail(`${field}.itemId`, `'${r.itemId}' has more than one result`);
    seen.add(r.itemId);
    const inManifest = manifest.has(r.itemId);
    if (state && inManifest && r.outcome === 'unexpected') {
      check.fail(`${field}.outcome`, `'${r.itemId}' is in the manifest, so it cannot be unexpected`);
    }
    if (state && !inManifest && r.outcome !== 'unexpected') {
      check.fail(`${field}.outcome`, `'${r.itemId}' is not in the manifest: only 'unexpected' applies`);
    }
    if (r.outcome === 'received' || r.outcome === 'damaged') check.storage(`${field}.storage`, r.storage);
    if (r.outcome === 'damaged' || r.outcome === 'rejected') check.text(`${field}.note`, r.note);
    else check.text(`${field}.note`, r.note, true);
  });
}
