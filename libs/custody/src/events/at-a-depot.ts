import type { DecisionContext } from '../commands';
import type { ItemState } from '../state';
import { invalid } from './room-helpers';

/** The depot an arrived item is taken in at or turned away from; a refusal when it is no depot. */
export function arrivedAtDepot(
  type: string,
  state: ItemState,
  ctx: DecisionContext,
): { depotId: string } | ReturnType<typeof invalid> {
  const depotId = state.locationId;
  if (depotId === null || ctx.locations(depotId)?.type !== 'depot') {
    return invalid(type, state.status, `it arrived at '${String(depotId)}', which is not a depot`);
  }
  return { depotId };
}
