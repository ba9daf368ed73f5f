import {
  mayReadItem,
  readScopeOf,
  withholdRestricted,
  withholdRestrictedData,
  type ReadScope,
  type Reader,
} from '@jejak/custody';
import type { Principal } from '@jejak/directory';
import type { ItemView, TrailEntry } from '@jejak/read-models';

/**
 * An item as one reader is shown it: with `shortCode` (null for items registered before codes),
 * and for a `terbatas` item they may not read (libs/custody confidentiality.ts) without the
 * title, notes and letter fields, marked `restricted: true`.
 */
type ItemWithCode = Omit<ItemView, 'shortCode'> & { shortCode: string | null };
export type ItemAnswer = ItemWithCode | ReturnType<typeof withholdRestricted<ItemWithCode>>;

export const readerOf = (principal: Principal): Reader => ({
  principalId: principal.principalId,
  role: principal.role,
  unitId: principal.unitId,
});

export const scopeOf = (principal: Principal): ReadScope => readScopeOf(readerOf(principal));

/** `receivingUnitId`: the destination of the transfer the item is listed in, if any. */
export function disclosedItem(view: ItemView, principal: Principal, receivingUnitId?: string): ItemAnswer {
  const withCode: ItemWithCode = { ...view, shortCode: view.shortCode ?? null };
  return mayReadItem(readerOf(principal), view, receivingUnitId) ? withCode : withholdRestricted(withCode);
}

export const disclosedItems = (views: readonly ItemView[], principal: Principal): ItemAnswer[] =>
  views.map((view) => disclosedItem(view, principal));

/** An item's trail for a reader who may not read the item: event data without those fields. */
export function disclosedTrail(
  entries: TrailEntry[],
  view: ItemView | null,
  principal: Principal,
): TrailEntry[] {
  if (view === null || mayReadItem(readerOf(principal), view)) return entries;
  return entries.map((entry) => ({
    ...entry,
    data: withholdRestrictedData(entry.data) as Record<string, unknown>,
    restricted: true,
  }));
}
