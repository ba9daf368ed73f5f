import type { Actor } from './actor';
import type { CustodyEventType } from './events';
import type { ItemDescription, Storage } from './item';
import type { LocationLookup } from './location';

/**
 * What a caller asks for. Each command is named after the event it tries to record, so the
 * HTTP `type` maps to it one to one. Optional fields default from the item's state.
 */
export interface CustodyCommandData {
  registered: ItemDescription;
  collected: { locationId?: string };
  sorted: { locationId: string; destinationId: string };
  dispatched: { destinationId?: string };
  handover_offered: { toCustodianId: string; locationId?: string };
  handover_accepted: Record<string, never>;
  handover_declined: { reason: string };
  arrived: { locationId?: string };
  delivered: { receivedBy: string; locationId?: string };
  intake_confirmed: { storage: Storage };
  intake_rejected: { reason: string };
  relocated: { storage: Storage };
  lent: { borrowerUnitId: string; borrowerName: string; dueAt: string };
  returned: { storage?: Storage };
  reported_missing: { reason: string };
  found: { locationId: string; custodianId?: string };
  disposed: { baNumber: string };
  transferred_static: { baNumber: string; toArchive?: string };
  corrected: { correctsEventId: string; reason: string };
}

export type CustodyCommandOf<T extends CustodyEventType> = {
  type: T;
  itemId: string;
  data: CustodyCommandData[T];
};
export type CustodyCommand = { [T in CustodyEventType]: CustodyCommandOf<T> }[CustodyEventType];

/** Everything decide needs from outside the stream, handed in so the domain stays pure. */
export interface DecisionContext {
  actor: Actor;
  /** Server time, ISO 8601 UTC. */
  now: string;
  /** When it happened as reported (offline scans arrive late); defaults to `now`. */
  occurredAt: string;
  locations: LocationLookup;
}
