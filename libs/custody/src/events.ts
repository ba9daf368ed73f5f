import type { Actor } from './actor';
import type { ItemDescription, Storage } from './item';

/** Every custody event type of domain.md, in table order. */
export const CUSTODY_EVENT_TYPES = [
  'registered',
  'collected',
  'sorted',
  'dispatched',
  'handover_offered',
  'handover_accepted',
  'handover_declined',
  'arrived',
  'delivered',
  'intake_confirmed',
  'intake_rejected',
  'relocated',
  'lent',
  'returned',
  'reported_missing',
  'found',
  'disposed',
  'transferred_static',
  'corrected',
] as const;
export type CustodyEventType = (typeof CUSTODY_EVENT_TYPES)[number];

/** The type-specific part of each event (what the command carried, resolved by the domain). */
export interface CustodyEventData {
  registered: ItemDescription & { locationId: string; custodianId: string };
  /** A courier takes the item at `locationId` and becomes its custodian. */
  collected: { locationId: string; custodianId: string };
  sorted: { locationId: string; destinationId: string };
  dispatched: { fromLocationId: string | null; destinationId: string };
  handover_offered: { fromCustodianId: string; toCustodianId: string; locationId: string | null };
  handover_accepted: { fromCustodianId: string; toCustodianId: string };
  handover_declined: { toCustodianId: string; reason: string };
  arrived: { locationId: string };
  /** A letter received by a named person (`receivedBy`) of the addressee unit. */
  delivered: { locationId: string; custodianId: string; receivedBy: string };
  intake_confirmed: { depotId: string; storage: Storage };
  intake_rejected: { depotId: string; reason: string };
  relocated: { from: Storage | null; storage: Storage };
  lent: { depotId: string; borrowerUnitId: string; borrowerName: string; dueAt: string };
  returned: { depotId: string; storage: Storage };
  reported_missing: { reason: string; lastKnownLocationId: string | null; lastKnownCustodianId: string };
  found: { locationId: string; custodianId: string };
  disposed: { baNumber: string };
  transferred_static: { baNumber: string; toArchive: string | null };
  corrected: { correctsEventId: string; reason: string };
}

/** What every item event records besides its type-specific data. Position is the store's, not hashed. */
export interface EventEnvelope {
  eventId: string;
  itemId: string;
  revision: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  commandId: string | null;
  correlationId: string | null;
  note: string | null;
  /** SHA-256 of the previous event of this stream; 64 zeros for the first. */
  prevHash: string;
  /** SHA-256(prevHash || canonical JSON of this event without `hash`). */
  hash: string;
}

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
