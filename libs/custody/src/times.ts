import { refuse, type Refusal } from './refusal';
import type { ItemState } from './state';

/** An event recorded this long after it occurred is a late entry: marked in the trail and listed. */
export const LATE_ENTRY_AFTER_MS = 60 * 60 * 1000;

/** The item's latest occurredAt; `since` for a state stored before it was kept. */
export const latestOccurredAtOf = (state: ItemState): string => state.latestOccurredAt ?? state.since;

/**
 * An event may be reported late (an offline scan) but never dated before the item's latest
 * event: the trail is in the order things happened, and backdating past it is refused.
 */
export function outOfOrderRefusal(
  state: ItemState,
  occurredAt: string,
): { ok: false; refusal: Refusal } | null {
  const latest = latestOccurredAtOf(state);
  if (Date.parse(occurredAt) >= Date.parse(latest)) return null;
  return refuse(
    'out-of-order',
    `occurredAt ${occurredAt} is earlier than the item's latest event (${latest}): an event cannot be dated before it`,
    [{ field: 'occurredAt', message: `must not be earlier than ${latest}, the item's latest event` }],
  );
}

/** True when an event was recorded more than an hour after it occurred. */
export function isLateEntry(event: { occurredAt: string; recordedAt: string }): boolean {
  return Date.parse(event.recordedAt) - Date.parse(event.occurredAt) > LATE_ENTRY_AFTER_MS;
}
