import { TERMINAL_STATUSES } from '@jejak/custody';
import type { ItemQuery } from './read-model.port';

/**
 * A list by location or custodian is an inventory, "the items there now": it leaves out items in
 * a terminal status (they keep their last place for the where-is) unless it asks for such a status.
 */
export function leavesOutTerminal(query: ItemQuery): boolean {
  const inventory = query.locationId !== undefined || query.custodianId !== undefined;
  return inventory && (query.status === undefined || !TERMINAL_STATUSES.includes(query.status));
}

/**
 * A voided item was registered by mistake: every list leaves it out (search too, not only
 * inventories) unless it asks for voided items (`includeVoided`) or for a status.
 */
export function leavesOutVoided(query: ItemQuery): boolean {
  return query.status === undefined && query.includeVoided !== true;
}
