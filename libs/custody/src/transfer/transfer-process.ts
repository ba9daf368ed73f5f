import type { DecisionContext } from '../commands';
import { decide } from '../decide';
import { hasLapsed } from '../events/party-checks';
import type { DecidedEvent } from '../events';
import type { Refusal } from '../refusal';
import type { MaybeItemState } from '../state';
import { decideTransfer } from './decide-transfer';
import { itemCommandsForTransfer } from './item-commands-for-transfer';
import { itemNotes } from './item-notes';
import { checkItemAtOrigin, checkNotInOpenTransfer, type ManifestProblem } from './manifest-checks';
import type { TransferCommand } from './transfer-commands';
import type { DecidedTransferEvent } from './transfer-events';
import type { MaybeTransferState, TransferState } from './transfer-state';

/** What the process needs to know of one manifest item, as the store holds it now. */
export interface ManifestItem {
  state: MaybeItemState;
  /** At creation: the transfer the item's latest claim names, and that transfer's state. */
  claimedBy?: string | null;
  claimant?: MaybeTransferState;
}

/** What one item records because of the transfer step, decided by the item's own rules. */
export interface ItemStep {
  itemId: string;
  state: MaybeItemState;
  events: DecidedEvent[];
  note: string | null;
}

export type TransferProcessOutcome =
  | { ok: true; events: DecidedTransferEvent[]; items: ItemStep[] }
  | { ok: false; refused: 'transfer'; refusal: Refusal }
  | { ok: false; refused: 'manifest'; problems: ManifestProblem[] }
  | { ok: false; refused: 'items'; items: { itemId: string; refusal: Refusal }[] };

/**
 * The items a transfer command concerns: the manifest it creates, or the transfer's own, and at
 * intake the unexpected items too (one Jejak knows is refused in its own trail).
 */
export function manifestOf(command: TransferCommand, state: MaybeTransferState): string[] {
  if (command.type === 'intake_recorded') {
    const results: unknown = command.data?.results;
    const strays = Array.isArray(results)
      ? results.flatMap((result: unknown) => {
          const { itemId, outcome } = (result ?? {}) as { itemId?: unknown; outcome?: unknown };
          return outcome === 'unexpected' && typeof itemId === 'string' ? [itemId] : [];
        })
      : [];
    return [...new Set([...(state?.itemIds ?? []), ...strays])];
  }
  if (command.type !== 'transfer_created') return state?.itemIds ?? [];
  const itemIds: unknown = command.data?.itemIds;
  return Array.isArray(itemIds) ? itemIds.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * A transfer's collection would silently clear an item's own pending offer (a release the unit
 * offered a courier, say): refused instead, naming the offer, until it is answered, withdrawn or lapses.
 */
function pendingReleases(
  transfer: TransferState,
  items: ReadonlyMap<string, ManifestItem>,
  ctx: DecisionContext,
): { itemId: string; refusal: Refusal }[] {
  return transfer.itemIds.flatMap((itemId) => {
    const pending = items.get(itemId)?.state?.pendingHandover;
    if (!pending || hasLapsed(pending, ctx.occurredAt)) return [];
    const until = pending.expiresAt ? ` until ${pending.expiresAt}` : '';
    const message =
      `cannot record 'collected' with the transfer: a ${pending.kind} to '${pending.toCustodianId}' ` +
      `is pending on the item${until}; it is accepted, declined or withdrawn first`;
    return [{ itemId, refusal: { code: 'invalid-transition', message } }];
  });
}

/**
 * A transfer as a process: decides the step on the transfer (decideTransfer), then what it means
 * for every item of the manifest. At creation every item must exist, sit at the origin and belong
 * to no other open transfer; afterwards each item records the mirror of the step, decided by its
 * own rules, with the receiving side's note. Any refusal refuses the whole step, so a transfer and
 * its items never disagree. The caller reads the states and appends what this answers.
 */
export function decideTransferProcess(
  command: TransferCommand,
  transfer: MaybeTransferState,
  items: ReadonlyMap<string, ManifestItem>,
  ctx: DecisionContext,
  note?: string,
  /** At creation: the transfer that already has this BA number (BA numbers are unique in the store). */
  baNumberTakenBy: string | null = null,
): TransferProcessOutcome {
  const decision = decideTransfer(command, transfer, ctx);
  if (!decision.ok) return { ok: false, refused: 'transfer', refusal: decision.refusal };
  if (command.type === 'transfer_created') {
    if (baNumberTakenBy !== null) {
      const refusal: Refusal = {
        code: 'already-exists',
        message: `BA number '${command.data.baNumber}' is already that of transfer '${baNumberTakenBy}'`,
      };
      return { ok: false, refused: 'transfer', refusal };
    }
    const problems = command.data.itemIds.flatMap((itemId) => {
      const item = items.get(itemId);
      const problem =
        checkItemAtOrigin(itemId, item?.state ?? null, command.data.fromId) ??
        checkNotInOpenTransfer(itemId, item?.claimedBy ?? null, item?.claimant ?? null);
      return problem ? [problem] : [];
    });
    if (problems.length > 0) return { ok: false, refused: 'manifest', problems };
    return { ok: true, events: decision.events, items: [] };
  }
  if (command.type === 'collected') {
    const released = pendingReleases(transfer!, items, ctx);
    if (released.length > 0) return { ok: false, refused: 'items', items: released };
  }
  const noteOf = itemNotes(decision.events, note);
  const steps: ItemStep[] = [];
  const refused: { itemId: string; refusal: Refusal }[] = [];
  const known = (itemId: string) => (items.get(itemId)?.state ?? null) !== null;
  const itemCommands = decision.events.flatMap((event) =>
    itemCommandsForTransfer(event, transfer!, known, command),
  );
  for (const itemCommand of itemCommands) {
    const { itemId } = itemCommand;
    const state = items.get(itemId)?.state ?? null;
    const item = decide(itemCommand, state, ctx);
    if (item.ok) steps.push({ itemId, state, events: item.events, note: noteOf(itemId) });
    else refused.push({ itemId, refusal: item.refusal });
  }
  if (refused.length > 0) return { ok: false, refused: 'items', items: refused };
  return { ok: true, events: decision.events, items: steps };
}
