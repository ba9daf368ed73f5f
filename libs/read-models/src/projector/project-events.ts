import {
  decodeCustodyEvent,
  decodeTransferEvent,
  evolve,
  evolveTransfer,
  ITEM_STREAM_PREFIX,
  TRANSFER_STREAM_PREFIX,
  type ItemState,
} from '@jejak/custody';
import type { RecordedEvent } from '@jejak/event-store';
import { toItemView } from '../projections/item-view.projection';
import { toTrailEntry } from '../projections/trail-entry.projection';
import { toTransferSummary } from '../projections/transfer-summary.projection';
import type {
  ItemRecord,
  ItemTrailEntry,
  ProjectionBatch,
  ReadModelWriter,
  TransferRecord,
} from '../read-model.port';

/** The checkpoint name of the custody projection (items, trail, and later transfers). */
export const CUSTODY_PROJECTION = 'custody';

/**
 * The projector and the rebuild read every stream, not only `item-`: an event they do not project
 * (a transfer, a manifest claim) still moves the checkpoint, so waiting for the position any append
 * returned ends, and a rebuild's checkpoint can reach the live one. A transfers projection will
 * take the `transfer-` events here: the list of transfers is projected from them.
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
  const itemIds = [...new Set(itemEvents.map((event) => decodeCustodyEvent(event.data).itemId))];
  const records: Map<string, ItemRecord> = itemIds.length > 0 ? await writer.loadItems(itemIds) : new Map();
  // The view is built once per item, from its state after the batch's last event for it: a batch
  // usually holds several events of one item, and only its last view is stored.
  const changed = new Map<string, PendingItem>();
  const trail: ItemTrailEntry[] = [];
  for (const recorded of itemEvents) {
    const event = decodeCustodyEvent(recorded.data);
    const previous = changed.get(event.itemId) ?? fromRecord(records.get(event.itemId));
    if (previous !== null && event.revision <= previous.state.revision) continue;
    changed.set(event.itemId, {
      state: evolve(previous?.state ?? null, event),
      registeredAt: previous?.registeredAt ?? event.occurredAt,
      registeredPosition: previous?.registeredPosition ?? recorded.position,
      position: recorded.position,
      updatedAt: event.recordedAt,
    });
    trail.push({ itemId: event.itemId, entry: toTrailEntry(event, recorded.position) });
  }
  return {
    projection,
    position: events[events.length - 1].position,
    items: [...changed.values()].map(({ state, registeredPosition, ...meta }): ItemRecord => ({
      state,
      view: toItemView(state, meta),
      registeredPosition,
    })),
    trail,
    transfers: await projectTransfers(events, writer),
  };
}

/** The transfers a run of events touches, each at its state after the run's last event for it. */
async function projectTransfers(
  events: readonly RecordedEvent[],
  writer: ReadModelWriter,
): Promise<TransferRecord[]> {
  const transferEvents = events.filter((event) => event.streamId.startsWith(TRANSFER_STREAM_PREFIX));
  if (transferEvents.length === 0) return [];
  const ids = [
    ...new Set(transferEvents.map((event) => event.streamId.slice(TRANSFER_STREAM_PREFIX.length))),
  ];
  const stored = await writer.loadTransfers(ids);
  const changed = new Map<string, TransferRecord>();
  for (const recorded of transferEvents) {
    const event = decodeTransferEvent(recorded.data);
    const previous = changed.get(event.transferId) ?? stored.get(event.transferId) ?? null;
    if (previous !== null && event.revision <= previous.state.revision) continue;
    const state = evolveTransfer(previous?.state ?? null, event);
    changed.set(event.transferId, {
      state,
      summary: toTransferSummary(state, event, recorded.position, previous?.summary ?? null),
      createdPosition: previous?.createdPosition ?? recorded.position,
    });
  }
  return [...changed.values()];
}

/** An item being projected: what projectItem keeps, without the view (built at the end). */
interface PendingItem {
  state: ItemState;
  registeredAt: string;
  registeredPosition: string;
  position: string;
  updatedAt: string;
}

function fromRecord(record: ItemRecord | undefined): PendingItem | null {
  if (record === undefined) return null;
  const { state, view, registeredPosition } = record;
  return {
    state,
    registeredAt: view.registeredAt,
    registeredPosition,
    position: view.position,
    updatedAt: view.updatedAt,
  };
}
