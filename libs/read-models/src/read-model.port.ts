import type { Actor, ItemDescription, ItemStatus, Loan, PendingHandover, Storage } from '@jejak/custody';

/** The where-is answer for one item: its description plus its current custody. */
export interface ItemView extends ItemDescription {
  itemId: string;
  status: ItemStatus;
  locationId: string | null;
  custodianId: string;
  since: string;
  pendingHandover: PendingHandover | null;
  destinationId: string | null;
  storage: Storage | null;
  loan: Loan | null;
  depotId: string | null;
  /** Revision of the last event applied. */
  revision: number;
  /** Global position of the last event applied. */
  position: string;
  registeredAt: string;
  updatedAt: string;
  /** ISO date when active + inactive years have elapsed since the item's year (or period end). */
  retentionEndsAt: string | null;
}

/** One line of an item's custody trail. */
export interface TrailEntry {
  eventId: string;
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  commandId: string | null;
  correlationId: string | null;
  note: string | null;
  data: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ItemQuery {
  status?: ItemStatus;
  kind?: string;
  locationId?: string;
  custodianId?: string;
  originUnitId?: string;
  /** Prefix of the kode klasifikasi. */
  classificationCode?: string;
  /** Matches `year`, or a period containing it. */
  year?: number;
  /** Text in the title, case- and accent-insensitive. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** What the HTTP side asks the read models. Every adapter answers the same. */
export interface ReadModelQueries {
  getItem(itemId: string): Promise<ItemView | null>;
  getTrail(itemId: string, options?: { afterRevision?: number; limit?: number }): Promise<Page<TrailEntry>>;
  listItems(query: ItemQuery): Promise<Page<ItemView>>;
  /** Items in transit whose last move is older than `olderThanHours` before `now`. */
  inTransitLongerThan(hours: number, now: string, limit?: number): Promise<ItemView[]>;
  pendingHandoversOlderThan(hours: number, now: string, limit?: number): Promise<ItemView[]>;
  overdueLoans(now: string, limit?: number): Promise<ItemView[]>;
  retentionEnded(now: string, limit?: number): Promise<ItemView[]>;
  /** The global position up to which every projection has applied events; null before any. */
  appliedPosition(): Promise<string | null>;
}

export const READ_MODEL_QUERIES = Symbol('READ_MODEL_QUERIES');
