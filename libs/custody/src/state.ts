import type { ItemDescription, Storage } from './item';

export const ITEM_STATUSES = [
  'registered',
  'collected',
  'sorted',
  'in_transit',
  'arrived',
  'delivered',
  'deposited',
  'on_loan',
  'missing',
  'disposed',
  'transferred_static',
  'voided',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const TERMINAL_STATUSES: readonly ItemStatus[] = ['disposed', 'transferred_static', 'voided'];
export const NON_TERMINAL_STATUSES: readonly ItemStatus[] = ITEM_STATUSES.filter(
  (status) => !TERMINAL_STATUSES.includes(status),
);

export interface PendingHandover {
  fromCustodianId: string;
  toCustodianId: string;
  offeredAt: string;
  eventId: string;
  /** The person who made the offer: they (or an admin) may withdraw it. */
  offeredById: string;
  /** From this instant the offer has lapsed; null for offers recorded before offers lapsed. */
  expiresAt: string | null;
  /** `release`: the holder (unit) offers it to a courier, whose acceptance is the collection. */
  kind: HandoverKind;
  /** Where the item is handed over (a release: the holder's place). */
  locationId: string | null;
}

export type HandoverKind = 'handover' | 'release';

export interface Loan {
  depotId: string;
  borrowerUnitId: string;
  borrowerName: string;
  lentAt: string;
  dueAt: string;
}

/** Where the item was when it went missing, kept so `found` and auditors can tell. */
export interface LastKnown {
  status: ItemStatus;
  locationId: string | null;
  custodianId: string;
}

export interface ItemState {
  itemId: string;
  description: ItemDescription;
  status: ItemStatus;
  /** Where it physically is; null while moving. */
  locationId: string | null;
  /** Who answers for it now: a principal id (a person) or a unit id. */
  custodianId: string;
  /** When the current status/custody became true (occurredAt of the event that made it so). */
  since: string;
  pendingHandover: PendingHandover | null;
  destinationId: string | null;
  storage: Storage | null;
  loan: Loan | null;
  lastKnown: LastKnown | null;
  /** The depot that holds (or last held) it, once deposited. */
  depotId: string | null;
  /** Revision of the last event applied; -1 before any. */
  revision: number;
  /** Hash of the last event applied (the next event's prevHash). */
  headHash: string;
  /** Event ids seen, so `corrected` can only name an event of this stream. */
  eventIds: string[];
  /**
   * The latest occurredAt of its events: no event may be dated before it (409 out-of-order).
   * Absent in states stored before it was kept; `since` stands in then.
   */
  latestOccurredAt?: string;
  /** Set once: the year the item became inactive (deposited), for retention. */
  depositedAt: string | null;
}

/** `null` is the state of a stream that does not exist yet. */
export type MaybeItemState = ItemState | null;
