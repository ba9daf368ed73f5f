import type { ItemState } from '@jejak/custody';
import type { StateCache } from '@jejak/event-store';

/** Items whose last known state is kept; at 1-2 kB each, a few MB. */
export const DEFAULT_ITEM_STATE_CACHE_SIZE = 10_000;

/**
 * The last known state of recently written items, least recently used first out. A hint, never
 * the truth: the command handler appends with the cached revision as the expected one, so a state
 * made stale by another writer fails the append and is read again from the stream.
 */
export class ItemStateCache implements StateCache<ItemState> {
  private readonly entries = new Map<string, ItemState>();

  constructor(private readonly capacity = DEFAULT_ITEM_STATE_CACHE_SIZE) {}

  get(itemId: string): ItemState | undefined {
    const state = this.entries.get(itemId);
    if (state !== undefined) {
      // Map keeps insertion order: re-inserting marks it as the most recently used.
      this.entries.delete(itemId);
      this.entries.set(itemId, state);
    }
    return state;
  }

  set(itemId: string, state: ItemState): void {
    this.entries.delete(itemId);
    this.entries.set(itemId, state);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(itemId: string): void {
    this.entries.delete(itemId);
  }

  get size(): number {
    return this.entries.size;
  }
}
