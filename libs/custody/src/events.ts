import type { EventEnvelope } from './event-envelope';
import type { DataOfRoom } from './events/event-room';
import { CUSTODY_ROOMS } from './events/index';

export type { EventEnvelope } from './event-envelope';

type Rooms = typeof CUSTODY_ROOMS;

/** Every custody event type of domain.md, in table order: one room each in events/. */
export type CustodyEventType = keyof Rooms;
export const CUSTODY_EVENT_TYPES = Object.keys(CUSTODY_ROOMS) as readonly CustodyEventType[];

/** The type-specific part of each event (what the command carried, resolved by the domain). */
export type CustodyEventData = { [T in CustodyEventType]: DataOfRoom<Rooms[T]> };

export type CustodyEventOf<T extends CustodyEventType> = EventEnvelope & {
  type: T;
  data: CustodyEventData[T];
};
export type CustodyEvent = { [T in CustodyEventType]: CustodyEventOf<T> }[CustodyEventType];

/** An event as decided, before the envelope (ids, revision, times, hash) is put around it. */
export type DecidedEvent = {
  [T in CustodyEventType]: { type: T; data: CustodyEventData[T] };
}[CustodyEventType];

export const itemStreamId = (itemId: string): string => `item-${itemId}`;
export const ITEM_STREAM_PREFIX = 'item-';
