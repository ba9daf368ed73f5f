import type { ItemState } from '@jejak/custody';
import { toItemView } from '../projections/item-view.projection';
import type { ItemView } from '../read-model.port';

/** What `item_docs` holds of an item, as selected by ITEM_DOC_COLUMNS (table alias `d`). */
export interface ItemDocRow {
  state: string;
  position: string;
  registered_at: string;
  updated_at: string;
}

export const ITEM_DOC_COLUMNS = 'd.state, d.position, d.registered_at, d.updated_at';

/**
 * The state as stored: without `eventIds`. The list grows with every event of the item, nothing
 * read from the read models uses it (the event store is the authority on event ids), and a long
 * stream would make each write of its item as long as its history.
 */
export function stateJson(state: ItemState): string {
  const { eventIds: _eventIds, ...kept } = state;
  return JSON.stringify(kept);
}

export function storedState(row: ItemDocRow): ItemState {
  const state = JSON.parse(row.state) as ItemState;
  state.eventIds = [];
  return state;
}

export function viewOf(state: ItemState, row: ItemDocRow): ItemView {
  return toItemView(state, {
    position: row.position,
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
  });
}

/** The view of a selected row, as every query answers it. */
export function rowView(row: ItemDocRow): ItemView {
  return viewOf(JSON.parse(row.state) as ItemState, row);
}
