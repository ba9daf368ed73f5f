import { evolve, retentionEndsAt, type CustodyEvent, type ItemState } from '@jejak/custody';
import type { ItemRecord, ItemView } from '../read-model.port';
import { copyOwn } from './copy-own';

/**
 * Applies one event to an item's stored record: the domain's evolve gives the new state, the view
 * follows from it. `registeredAt` is kept from the previous view (the state does not carry it).
 */
export function projectItem(previous: ItemRecord | null, event: CustodyEvent, position: string): ItemRecord {
  const state = evolve(previous?.state ?? null, event);
  const registeredAt = previous?.view.registeredAt ?? event.occurredAt;
  return {
    state,
    view: toItemView(state, { position, registeredAt, updatedAt: event.recordedAt }),
    registeredPosition: previous?.registeredPosition ?? position,
  };
}

/** True when the record already includes this event (a replayed or re-delivered event). */
export function alreadyApplied(record: ItemRecord | null, event: CustodyEvent): boolean {
  return record !== null && event.revision <= record.state.revision;
}

export function toItemView(
  state: ItemState,
  meta: { position: string; registeredAt: string; updatedAt: string },
): ItemView {
  const view = copyOwn({} as ItemView, state.description);
  return copyOwn(view, {
    itemId: state.itemId,
    status: state.status,
    locationId: state.locationId,
    custodianId: state.custodianId,
    since: state.since,
    pendingHandover: state.pendingHandover,
    destinationId: state.destinationId,
    storage: state.storage,
    loan: state.loan,
    depotId: state.depotId,
    revision: state.revision,
    position: meta.position,
    registeredAt: meta.registeredAt,
    updatedAt: meta.updatedAt,
    retentionEndsAt: retentionEndsAt(state.description),
  } satisfies Omit<ItemView, keyof ItemState['description']>);
}
