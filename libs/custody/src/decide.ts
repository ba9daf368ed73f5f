import type { CustodyCommand, DecisionContext, TransferRef } from './commands';
import type { DecidedEvent } from './events';
import { roleRefusal, scopeRefusal } from './events/authorize-grants';
import { registered } from './events/registered';
import { transitionMessage } from './events/room-helpers';
import { refuse, type Decision } from './refusal';
import { roomOf, type StreamCommand } from './room-table';
import { outOfOrderRefusal } from './times';
import type { ItemState, MaybeItemState } from './state';
import { validateCommandFields } from './validate-command';
import { validateOccurredAt } from './validate-occurred-at';

type Outcome = Decision<DecidedEvent>;

/**
 * Decides what a command records on an item, or why it records nothing. Checks run in a fixed
 * order so the edge answers predictably: fields, stream existence, security class, role, the
 * state machine, then custody/unit/depot scope, then the event's own conditions (its room's decide).
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
  if (command.type === 'registered') return registered.decide(command, state, at);
  if (state === null) return refuse('not-found', `item '${command.itemId}' does not exist`);
  return decideOnItem(command, state, at);
}

/** The journey of an item in an open transfer is the transfer's to record (its berita acara names who holds what). */
function travelsWithTransferRefusal(command: StreamCommand, transfer: TransferRef): Outcome {
  const { transferId, baNumber } = transfer;
  return refuse(
    'invalid-transition',
    `item '${command.itemId}' travels with open transfer '${transferId}' (${baNumber}): record '${command.type}' on the transfer (POST /api/transfers/${transferId}/events), not on the item alone`,
  );
}

/**
 * Role, then the state machine, then scope: a role that may never record this event is refused
 * (403); a status the table does not allow it from is `invalid-transition` (409) whoever asks;
 * only then is the actor's custody, unit or depot checked (403), then whether the item's journey is
 * an open transfer's to record (409), then the time (409 out-of-order: never before the item's
 * latest event), then the event's own conditions.
 */
function decideOnItem(command: StreamCommand, state: ItemState, ctx: DecisionContext): Outcome {
  const room = roomOf(command.type);
  const roleForbidden = roleRefusal(command.type, room.grants, ctx.actor);
  if (roleForbidden) return { ok: false, refusal: roleForbidden };
  // Without a pending handover there is no addressee to authorize against: say so plainly.
  if (room.needsPendingHandover && state.pendingHandover === null) {
    return refuse(
      'invalid-transition',
      transitionMessage(command.type, state.status, 'no handover is pending'),
    );
  }
  if (!room.allowedFrom.includes(state.status)) {
    return refuse('invalid-transition', transitionMessage(command.type, state.status));
  }
  const scope = { locations: ctx.locations, ...room.scopeContext?.(command.data) };
  const forbidden = scopeRefusal(command.type, room.grants, ctx.actor, state, scope);
  if (forbidden) return { ok: false, refusal: forbidden };
  const withTransfer = room.travelsWithTransfer ? ctx.travellingWith : null;
  if (withTransfer) return travelsWithTransferRefusal(command, withTransfer);
  const backdated = outOfOrderRefusal(state, ctx.occurredAt);
  if (backdated) return backdated;
  return room.decide(command, state, ctx);
}
