import type { CustodyEvent } from './events';
import { registered } from './events/registered';
import { roomOf } from './room-table';
import type { ItemState, MaybeItemState } from './state';
import { advanceStream } from './stream-bookkeeping';
import { latestOccurredAtOf } from './times';

export { statusWhenFound } from './events/found';

/**
 * Applies one recorded event to the state of its item (its room's evolve). Trusts the event
 * (decide has already checked it), so it never refuses; it throws only when the stream itself is
 * corrupt (an event before `registered`, or a second `registered`).
 */
export function evolve(state: MaybeItemState, event: CustodyEvent): ItemState {
  if (event.type === 'registered') {
    if (state !== null)
      throw new Error(`Item ${event.itemId} is registered twice (revision ${event.revision})`);
    return registered.start(event);
  }
  if (state === null) {
    throw new Error(
      `Event '${event.type}' (revision ${event.revision}) precedes the registration of item ${event.itemId}`,
    );
  }
  const next = advanceStream(state, withoutStaleOffer(state, roomOf(event.type).evolve(state, event)), event);
  return { ...next, latestOccurredAt: latest(state, event.occurredAt) };
}

/** An offer made by a custodian who no longer holds the item offers nothing: it is cleared. */
function withoutStaleOffer(before: ItemState, after: ItemState): ItemState {
  const stale = after.pendingHandover !== null && after.custodianId !== before.custodianId;
  return stale ? { ...after, pendingHandover: null } : after;
}

/** The later of the item's latest occurredAt and this event's (times are normalised ISO strings). */
function latest(state: ItemState, occurredAt: string): string {
  const before = latestOccurredAtOf(state);
  return Date.parse(occurredAt) > Date.parse(before) ? occurredAt : before;
}
