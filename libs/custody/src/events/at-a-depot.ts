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

/**
 * Where an arrived item is taken in or turned away: a depot, by its staff, or a unit (a transfer to
 * a unit, not a depot), by its officer (the grant's scope has checked the officer is of that unit).
 * A letter is received by its addressee with `delivered`, never taken in at a unit.
 */
export function arrivedAtReceiver(
  type: string,
  state: ItemState,
  ctx: DecisionContext,
  options: { filesOnlyAtUnit: boolean },
): { depotId: string } | ReturnType<typeof invalid> {
  if (ctx.actor.role !== 'officer') return arrivedAtDepot(type, state, ctx);
  const unitId = state.locationId;
  if (unitId === null) return invalid(type, state.status, 'it is on the move');
  if (options.filesOnlyAtUnit && state.description.kind === 'letter') {
    return invalid(type, state.status, 'a letter is received by its addressee with delivered');
  }
  return { depotId: unitId };
}
