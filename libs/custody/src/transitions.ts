import { viewFromRooms } from './room-table';

export { transitionMessage } from './events/room-helpers';

/**
 * The "allowed from" column of domain.md's custody table, read from the rooms (events/). Further
 * conditions (a depot, a sorting point, a pending handover, retention) are each room's decide.
 */
export const ALLOWED_FROM = viewFromRooms((room) => room.allowedFrom);
