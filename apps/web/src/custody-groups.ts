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

/** What a bag or intake list needs of an item's trail: the transfer it travels with, its last step. */
interface Journey {
  transferId: string | null;
  last: TrailEntry | null;
}
const journeyOfItem = new Map<string, Promise<Journey>>();

/** The item's journey now, read from its trail once per revision. */
export function journeyOf(item: ItemView): Promise<Journey> {
  const key = `${item.itemId}@${item.revision}`;
  let found = journeyOfItem.get(key);
  if (!found) {
    // The trail is its own read model: ask for it as of the item's own position, so it is not behind.
    const at = (item as { position?: string }).position;
    const path = `/api/items/${enc(item.itemId)}/history?limit=200${at ? `&minPosition=${enc(at)}` : ''}`;
    found = get<{ events: TrailEntry[] }>(path).then(
      (trail) => ({ transferId: travellingWith(trail.events), last: trail.events.at(-1) ?? null }),
      () => {
        journeyOfItem.delete(key);
        return { transferId: null, last: null };
      },
    );
    journeyOfItem.set(key, found);
  }
  return found;
}

/** Groups items by their transfer: a consignment is acted on as one (the same change on every item). */
export async function groupByTransfer(items: ItemView[]): Promise<Group[]> {
  const ids = (await Promise.all(items.map(journeyOf))).map((journey) => journey.transferId);
  const groups = new Map<string | null, ItemView[]>();
  items.forEach((item, index) => {
    const id = ids[index];
    const list = groups.get(id) ?? [];
    list.push(item);
    groups.set(id, list);
  });
  return [...groups.entries()].map(([transferId, list]) => ({ transferId, items: list }));
}

/**
 * What "Serahkan ke rekan" sends for a group with some files chosen (none chosen: all of it). For a
 * consignment, the chosen files go as a partial handover of its transfer (`itemIds`); loose files
 * are offered one by one anyway.
 */
export function handoverOf(
  group: Group,
  chosen: (itemId: string) => boolean,
  toCustodianId: string,
): { group: Group; body: Record<string, unknown> } {
  const some = group.items.filter((item) => chosen(item.itemId));
  const part = some.length > 0 ? { ...group, items: some } : group;
  const partial = group.transferId !== null && part.items.length < group.items.length;
  return {
    group: part,
    body: partial ? { toCustodianId, itemIds: part.items.map((item) => item.itemId) } : { toCustodianId },
  };
}
