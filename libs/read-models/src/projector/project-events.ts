import { ITEM_STREAM_PREFIX, type CustodyEvent } from '@jejak/custody';
import type { RecordedEvent } from '@jejak/event-store';
import { alreadyApplied, projectItem } from '../projections/item-view.projection';
import { toTrailEntry } from '../projections/trail-entry.projection';
import type { ItemRecord, ItemTrailEntry, ProjectionBatch, ReadModelWriter } from '../read-model.port';

/** The checkpoint name of the custody projection (items, trail, and later transfers). */
export const CUSTODY_PROJECTION = 'custody';

/**
 * The projector and the rebuild read every stream, not only `item-`: an event they do not project
 * (a transfer, a manifest claim) still moves the checkpoint, so waiting for the position any append
 * returned ends, and a rebuild's checkpoint can reach the live one. A transfers projection will
 * take the `transfer-` events here.
 */
export const PROJECTED_STREAM_PREFIXES: string[] | undefined = undefined;

/**
 * Turns a run of recorded events into one batch: loads the stored records of the items touched,
 * applies each event not yet applied, and keeps only the last record per item. Events of streams
 * it does not know still move the position on.
 */
export async function projectEvents(
  events: readonly RecordedEvent[],
  writer: ReadModelWriter,
  projection = CUSTODY_PROJECTION,
): Promise<ProjectionBatch | null> {
  if (events.length === 0) return null;
  const itemEvents = events.filter((event) => event.streamId.startsWith(ITEM_STREAM_PREFIX));
  const itemIds = [...new Set(itemEvents.map((event) => (event.data as unknown as CustodyEvent).itemId))];
  const records: Map<string, ItemRecord> = itemIds.length > 0 ? await writer.loadItems(itemIds) : new Map();
  const changed = new Set<string>();
  const trail: ItemTrailEntry[] = [];
  for (const recorded of itemEvents) {
    const event = recorded.data as unknown as CustodyEvent;
    const previous = records.get(event.itemId) ?? null;
    if (alreadyApplied(previous, event)) continue;
    records.set(event.itemId, projectItem(previous, event, recorded.position));
    trail.push({ itemId: event.itemId, entry: toTrailEntry(event, recorded.position) });
    changed.add(event.itemId);
  }
  return {
    projection,
    position: events[events.length - 1].position,
    items: [...changed].map((itemId) => records.get(itemId) as ItemRecord),
    trail,
  };
}
