import type { CustodyCommand, DecisionContext } from './commands';
import type { CustodyEvent, CustodyEventType, DecidedEvent } from './events';
import type { FieldSpec, Grant } from './events/event-room';
import { CUSTODY_ROOMS } from './events/index';
import type { Decision } from './refusal';
import type { ItemState, ItemStatus } from './state';

export type StreamEventType = Exclude<CustodyEventType, 'registered'>;
export type StreamCommand = Exclude<CustodyCommand, { type: 'registered' }>;

/** A room of an event on an existing item, as decide and evolve use it whatever its type. */
export interface StreamRoom {
  readonly type: StreamEventType;
  readonly allowedFrom: readonly ItemStatus[];
  readonly grants: readonly Grant[];
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly needsPendingHandover?: boolean;
  readonly travelsWithTransfer?: boolean;
  scopeContext?(data: unknown): { foundAt?: string };
  decide(command: StreamCommand, state: ItemState, ctx: DecisionContext): Decision<DecidedEvent>;
  evolve(state: ItemState, event: CustodyEvent): ItemState;
}

const { registered: _opening, ...streamRooms } = CUSTODY_ROOMS;

/** The rooms of every event but registration, by type. */
export const STREAM_ROOMS: Readonly<Record<StreamEventType, StreamRoom>> = streamRooms;

export const roomOf = (type: StreamEventType): StreamRoom => STREAM_ROOMS[type];

const streamTypes = Object.keys(STREAM_ROOMS) as StreamEventType[];
const fromRooms = <V>(view: (room: StreamRoom) => V): Record<StreamEventType, V> =>
  Object.fromEntries(streamTypes.map((type) => [type, view(STREAM_ROOMS[type])])) as Record<
    StreamEventType,
    V
  >;

/** The fields each command may carry, as the HTTP body names them. */
export const COMMAND_FIELDS: Record<StreamEventType, readonly string[]> = fromRooms((room) =>
  Object.keys(room.fields),
);

/** The fields each command must carry (the rest default from the item's state). */
export const REQUIRED_COMMAND_FIELDS: Record<StreamEventType, readonly string[]> = fromRooms((room) =>
  Object.entries(room.fields).flatMap(([field, spec]) =>
    'optional' in spec && spec.optional ? [] : [field],
  ),
);

export const viewFromRooms = fromRooms;
