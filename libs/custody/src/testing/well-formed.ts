import type { FieldSpec } from '../events/event-room';
import { roomOf, STREAM_ROOMS, type StreamEventType } from '../room-table';
import type { ItemStatus } from '../state';
import type { LocationInfo } from '../location';
import { SIGNED } from './acknowledgements';
import { ACTORS, LOCATIONS } from './fixtures';
import { happened, histories } from './histories';
import type { GivenEvent } from './given-when-then';

/** A plain value each kind of field accepts (a location of an allowed type from the fixtures). */
function plainValue(spec: FieldSpec, locations: readonly LocationInfo[]): unknown {
  switch (spec.kind) {
    case 'text':
      return 'x';
    case 'location':
      return locations.find((location) => !spec.types || spec.types.includes(location.type))!.id;
    case 'storage':
      return { room: 'R1' };
    case 'instant':
      return '2027-01-01T00:00:00.000Z';
    case 'object':
      return {};
    case 'oneOf':
      return spec.values[0];
    case 'acknowledgement':
      return SIGNED;
  }
}

/**
 * The least command data an event's field checks accept, read from its room: its required fields,
 * each with a plain value. Checks that run after the fields (role, status, scope) can then be
 * tested for every event, a new one included, without a table written beside the rooms. Places
 * come from `locations` (the test directory unless another is given, e.g. the Bekasi seed).
 */
export function wellFormedData(
  type: StreamEventType,
  locations: readonly LocationInfo[] = LOCATIONS,
): Record<string, unknown> {
  const fields = Object.entries(roomOf(type).fields).filter(
    ([, spec]) => !('optional' in spec && spec.optional === true),
  );
  return Object.fromEntries(fields.map(([field, spec]) => [field, plainValue(spec, locations)]));
}

/** Every event type recorded on an existing item (all but registered). */
export const STREAM_EVENT_TYPES = Object.keys(STREAM_ROOMS) as StreamEventType[];

/** An item in each status the fixtures can reach, as the history that leads there. */
export const HISTORY_IN: Partial<Record<ItemStatus, () => GivenEvent[]>> = {
  registered: histories.registeredFile,
  collected: histories.collectedFile,
  in_transit: histories.inTransitToDepot,
  arrived: histories.arrivedAtDepot,
  deposited: histories.deposited,
  on_loan: histories.onLoan,
  missing: () => [...histories.deposited(), happened.missing('depot-1', 'depot-1')],
  disposed: () => [...histories.deposited(), happened.disposed()],
};

/** Someone whose role has a grant for the event (the role check comes before the status table). */
export const anActorGranted = (type: StreamEventType) =>
  Object.values(ACTORS).find((actor) => roomOf(type).grants.some((grant) => grant.role === actor.role))!;
