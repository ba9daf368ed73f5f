import type { CustodyEvent } from './events';
import { evolve } from './evolve';
import type { MaybeItemState } from './state';

/** Rebuilds an item's state from its stream, oldest event first; null for an empty stream. */
export function replay(events: readonly CustodyEvent[]): MaybeItemState {
  return events.reduce<MaybeItemState>((state, event) => evolve(state, event), null);
}
