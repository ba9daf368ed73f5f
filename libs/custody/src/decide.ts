import { assertNever } from './assert-never';
import type { CustodyCommand, CustodyCommandOf, DecisionContext } from './commands';
import type { DecidedEvent } from './events';
import { ACCEPTED_SECURITY_CLASSES, type ItemDescription } from './item';
import { authorize, authorizeRole, authorizeScope } from './permissions';
import { refuse, type Decision } from './refusal';
import { retentionEndsAt, retentionHasEnded } from './retention';
import type { ItemState, MaybeItemState } from './state';
import { ALLOWED_FROM, transitionMessage } from './transitions';
import { validateCommandFields } from './validate-command';
import { validateOccurredAt } from './validate-occurred-at';

type Outcome = Decision<DecidedEvent>;
type StreamCommand = Exclude<CustodyCommand, { type: 'registered' }>;

const accept = (event: DecidedEvent): Outcome => ({ ok: true, events: [event] });

/**
 * Decides what a command records on an item, or why it records nothing. Checks run in a fixed
 * order so the edge answers predictably: fields, stream existence, security class, role, the
 * state machine, then custody/unit/depot scope, then the event's own conditions.
 */
export function decide(command: CustodyCommand, state: MaybeItemState, ctx: DecisionContext): Outcome {
  const occurredAt = validateOccurredAt(ctx.occurredAt, ctx.now);
  if (!occurredAt.ok) return occurredAt;
  const errors = validateCommandFields(command, ctx.locations);
  if (errors.length > 0) {
    const summary = errors.map((error) => `${error.field} ${error.message}`).join('; ');
    return refuse('validation-failed', `invalid '${command.type}': ${summary}`, errors);
  }
  const at = { ...ctx, occurredAt: occurredAt.value };
  if (command.type === 'registered') return decideRegistered(command, state, at);
  if (state === null) return refuse('not-found', `item '${command.itemId}' does not exist`);
  return decideOnItem(command, state, at);
}

function decideRegistered(
  command: CustodyCommandOf<'registered'>,
  state: MaybeItemState,
  ctx: DecisionContext,
): Outcome {
  if (state !== null) return refuse('already-exists', `item '${command.itemId}' is already registered`);
  const description = pickDescription(command.data);
  if (!ACCEPTED_SECURITY_CLASSES.includes(description.securityClass)) {
    return refuse(
      'classified-not-accepted',
      `security class '${description.securityClass}' is not accepted: only ${ACCEPTED_SECURITY_CLASSES.join(' and ')} items may be recorded`,
    );
  }
  const forbidden = authorize('registered', ctx.actor, null, { locations: ctx.locations, description });
  if (forbidden) return { ok: false, refusal: forbidden };
  const origin = description.originUnitId;
  return accept({ type: 'registered', data: { ...description, locationId: origin, custodianId: origin } });
}

/**
 * Role, then the state machine, then scope: a role that may never record this event is refused
 * (403); a status the table does not allow it from is `invalid-transition` (409) whoever asks;
 * only then is the actor's custody, unit or depot checked (403).
 */
function decideOnItem(command: StreamCommand, state: ItemState, ctx: DecisionContext): Outcome {
  const roleForbidden = authorizeRole(command.type, ctx.actor);
  if (roleForbidden) return { ok: false, refusal: roleForbidden };
  // Without a pending handover there is no addressee to authorize against: say so plainly.
  const handoverPendingNeeded = command.type === 'handover_accepted' || command.type === 'handover_declined';
  if (handoverPendingNeeded && state.pendingHandover === null) {
    return refuse(
      'invalid-transition',
      transitionMessage(command.type, state.status, 'no handover is pending'),
    );
  }
  if (!ALLOWED_FROM[command.type].includes(state.status)) {
    return refuse('invalid-transition', transitionMessage(command.type, state.status));
  }
  const foundAt = command.type === 'found' ? command.data.locationId : undefined;
  const forbidden = authorizeScope(command.type, ctx.actor, state, { locations: ctx.locations, foundAt });
  if (forbidden) return { ok: false, refusal: forbidden };
  return decideTransition(command, state, ctx);
}

function invalid(command: StreamCommand, state: ItemState, reason: string): Outcome {
  return refuse('invalid-transition', transitionMessage(command.type, state.status, reason));
}

function missingField(field: string, message: string): Outcome {
  return refuse('validation-failed', `${field} ${message}`, [{ field, message }]);
}

function decideTransition(command: StreamCommand, state: ItemState, ctx: DecisionContext): Outcome {
  const typeOf = (id: string | null) => (id === null ? undefined : ctx.locations(id)?.type);
  switch (command.type) {
    case 'collected': {
      const locationId = command.data.locationId ?? state.locationId;
      if (locationId === null)
        return missingField('locationId', 'is required: the item has no known location');
      return accept({ type: 'collected', data: { locationId, custodianId: ctx.actor.id } });
    }
    case 'sorted':
      if (state.status === 'arrived' && typeOf(state.locationId) !== 'sorting_point') {
        return invalid(command, state, `it arrived at '${state.locationId}', which is not a sorting point`);
      }
      return accept({
        type: 'sorted',
        data: { locationId: command.data.locationId, destinationId: command.data.destinationId },
      });
    case 'dispatched': {
      const destinationId = command.data.destinationId ?? state.destinationId;
      if (!destinationId)
        return missingField('destinationId', 'is required: the item has no destination yet');
      return accept({ type: 'dispatched', data: { fromLocationId: state.locationId, destinationId } });
    }
    case 'handover_offered': {
      if (state.pendingHandover) {
        return invalid(
          command,
          state,
          `a handover to '${state.pendingHandover.toCustodianId}' is already pending`,
        );
      }
      if (command.data.toCustodianId === state.custodianId) {
        return missingField('toCustodianId', `is already the custodian of the item`);
      }
      const locationId = command.data.locationId ?? state.locationId;
      const data = {
        fromCustodianId: state.custodianId,
        toCustodianId: command.data.toCustodianId,
        locationId,
      };
      return accept({ type: 'handover_offered', data });
    }
    case 'handover_accepted': {
      const { fromCustodianId, toCustodianId } = state.pendingHandover!;
      return accept({ type: 'handover_accepted', data: { fromCustodianId, toCustodianId } });
    }
    case 'handover_declined': {
      const toCustodianId = state.pendingHandover!.toCustodianId;
      return accept({ type: 'handover_declined', data: { toCustodianId, reason: command.data.reason } });
    }
    case 'arrived': {
      const locationId = command.data.locationId ?? state.destinationId;
      if (!locationId)
        return missingField('locationId', 'is required: the item has no destination to arrive at');
      return accept({ type: 'arrived', data: { locationId } });
    }
    case 'delivered': {
      const addressee = state.description.addresseeUnitId;
      if (state.description.kind !== 'letter' || !addressee) {
        return invalid(
          command,
          state,
          'only letters are delivered; a file is taken in at a depot (intake_confirmed)',
        );
      }
      const locationId =
        command.data.locationId ?? (state.status === 'arrived' ? state.locationId : null) ?? addressee;
      const data = { locationId, custodianId: addressee, receivedBy: command.data.receivedBy };
      return accept({ type: 'delivered', data });
    }
    case 'intake_confirmed':
    case 'intake_rejected': {
      const depotId = state.locationId;
      if (depotId === null || typeOf(depotId) !== 'depot') {
        return invalid(command, state, `it arrived at '${String(depotId)}', which is not a depot`);
      }
      return command.type === 'intake_confirmed'
        ? accept({ type: 'intake_confirmed', data: { depotId, storage: pickStorage(command.data.storage) } })
        : accept({ type: 'intake_rejected', data: { depotId, reason: command.data.reason } });
    }
    case 'relocated':
      return accept({
        type: 'relocated',
        data: { from: state.storage, storage: pickStorage(command.data.storage) },
      });
    case 'lent': {
      if (Date.parse(command.data.dueAt) <= Date.parse(ctx.occurredAt)) {
        return missingField('dueAt', `must be after the time of lending (${ctx.occurredAt})`);
      }
      const { borrowerUnitId, borrowerName, dueAt } = command.data;
      const depotId = state.depotId ?? state.locationId!;
      return accept({
        type: 'lent',
        data: { depotId, borrowerUnitId, borrowerName, dueAt: new Date(dueAt).toISOString() },
      });
    }
    case 'returned': {
      const storage = command.data.storage ? pickStorage(command.data.storage) : state.storage;
      if (!storage)
        return missingField('storage', 'is required: the item had no shelf place before the loan');
      const depotId = state.loan?.depotId ?? state.depotId!;
      return accept({ type: 'returned', data: { depotId, storage } });
    }
    case 'reported_missing': {
      // Reported again while missing: the place it was last known at is still the first report's.
      const last =
        state.status === 'missing' && state.lastKnown
          ? state.lastKnown
          : { locationId: state.locationId, custodianId: state.custodianId };
      const data = {
        reason: command.data.reason,
        lastKnownLocationId: last.locationId,
        lastKnownCustodianId: last.custodianId,
      };
      return accept({ type: 'reported_missing', data });
    }
    case 'found': {
      // Found at a place and no one named: the unit of that place answers for it.
      const custodianId = command.data.custodianId ?? command.data.locationId;
      return accept({ type: 'found', data: { locationId: command.data.locationId, custodianId } });
    }
    case 'disposed': {
      const reason = disposalProblem(state.description, ctx.occurredAt);
      if (reason) return invalid(command, state, reason);
      return accept({ type: 'disposed', data: { baNumber: command.data.baNumber } });
    }
    case 'transferred_static': {
      const reason = staticTransferProblem(state.description);
      if (reason) return invalid(command, state, reason);
      return accept({
        type: 'transferred_static',
        data: { baNumber: command.data.baNumber, toArchive: command.data.toArchive ?? null },
      });
    }
    case 'corrected': {
      if (!state.eventIds.includes(command.data.correctsEventId)) {
        return missingField('correctsEventId', `names no event of item '${state.itemId}'`);
      }
      return accept({
        type: 'corrected',
        data: { correctsEventId: command.data.correctsEventId, reason: command.data.reason },
      });
    }
    default:
      return assertNever(command);
  }
}

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

/** Why an item may not go to the static archive; null when it may. Only its disposition counts. */
function staticTransferProblem(description: ItemDescription): string | null {
  const disposition = description.retention?.disposition;
  if (disposition === undefined)
    return "its retention (JRA) is not recorded, so it is not known to be 'permanen'";
  if (disposition !== 'permanen') return `its retention disposition is '${disposition}', not 'permanen'`;
  return null;
}

const DESCRIPTION_FIELDS = [
  'kind',
  'title',
  'classificationCode',
  'securityClass',
  'originUnitId',
  'year',
  'period',
  'copyStatus',
  'quantity',
  'folderNo',
  'boxNo',
  'retention',
  'notes',
  'addresseeUnitId',
  'letterNumber',
  'letterDate',
] as const satisfies readonly (keyof ItemDescription)[];

/** Only the known fields, without undefined members: what is hashed is what is stored. */
function pickDescription(data: ItemDescription): ItemDescription {
  const picked: Record<string, unknown> = {};
  for (const field of DESCRIPTION_FIELDS) if (data[field] !== undefined) picked[field] = data[field];
  if (data.period) picked.period = { from: data.period.from, to: data.period.to };
  if (data.quantity) picked.quantity = { count: data.quantity.count, unit: data.quantity.unit };
  if (data.retention) {
    const { activeYears, inactiveYears, disposition } = data.retention;
    picked.retention = { activeYears, inactiveYears, disposition };
  }
  return picked as unknown as ItemDescription;
}

function pickStorage(storage: { room: string; shelf?: string; box?: string }) {
  return {
    room: storage.room,
    ...(storage.shelf !== undefined ? { shelf: storage.shelf } : {}),
    ...(storage.box !== undefined ? { box: storage.box } : {}),
  };
}
