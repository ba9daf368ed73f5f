import { enc, get } from './api';
import type { ItemView, TrailEntry } from './screens/item';

export interface Group {
  /** The transfer (kiriman) the items travel in, when their last event was one of a transfer. */
  transferId: string | null;
  items: ItemView[];
}

/**
 * The transfer an item travels with now, from its trail (oldest first): the latest step of its
 * journey names the transfer when it was a transfer's step, none when it was the item's own (a
 * release item by item). Registration's correlation is the import that recorded it, never a
 * transfer; a correction is no step of the journey.
 */
export function travellingWith(events: Pick<TrailEntry, 'type' | 'correlationId'>[]): string | null {
  const last = [...events].reverse().find((event) => event.type !== 'corrected');
  return last && last.type !== 'registered' ? (last.correlationId ?? null) : null;
}

const transferOfItem = new Map<string, Promise<string | null>>();

/** The transfer an item travels with now (travellingWith its trail), asked once per revision. */
function transferOf(item: ItemView): Promise<string | null> {
  const key = `${item.itemId}@${item.revision}`;
  let found = transferOfItem.get(key);
  if (!found) {
    // The trail is its own read model: ask for it as of the item's own position, so it is not behind.
    const at = (item as { position?: string }).position;
    const path = `/api/items/${enc(item.itemId)}/history?limit=200${at ? `&minPosition=${enc(at)}` : ''}`;
    found = get<{ events: TrailEntry[] }>(path).then(
      (trail) => travellingWith(trail.events),
      () => {
        transferOfItem.delete(key);
        return null;
      },
    );
    transferOfItem.set(key, found);
  }
  return found;
}

/** Groups items by their transfer: a consignment is acted on as one (the same change on every item). */
export async function groupByTransfer(items: ItemView[]): Promise<Group[]> {
  const ids = await Promise.all(items.map(transferOf));
  const groups = new Map<string | null, ItemView[]>();
  items.forEach((item, index) => {
    const id = ids[index];
    const list = groups.get(id) ?? [];
    list.push(item);
    groups.set(id, list);
  });
  return [...groups.entries()].map(([transferId, list]) => ({ transferId, items: list }));
}
