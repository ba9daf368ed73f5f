import type {
  Actor,
  ReadScope,
  ItemDescription,
  ItemState,
  ItemStatus,
  Loan,
  PendingHandover,
  Storage,
} from '@jejak/custody';

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

/**
 * A list by `locationId` or `custodianId` is an inventory, "the items there now": unless `status`
 * names one, it leaves out items in a terminal status (disposed, transferred_static), which keep
 * their last place and custodian for the where-is.
 */
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
  /**
   * Words of the title and letter number, case- and accent-insensitive; every word must occur as a whole word,
   * a word ending in `*` as the start of one ("cikar*"). A `q` shaped like a short code
   * (`cku-2026-000`) also matches the items whose code starts with it, without regard to case.
   */
  q?: string;
  /**
   * Whose search it is: `q` matches the title and letter number only of items this reader may
   * read (libs/custody confidentiality.ts), the short code of every item. Unset: every item.
   */
  readScope?: ReadScope;
  limit?: number;
  cursor?: string;
}

/** What the HTTP side asks the read models. Every adapter answers the same. */
export interface ReadModelQueries {
  getItem(itemId: string): Promise<ItemView | null>;
  /** Oldest first; `limit` 100 by default, at most 1000; `nextCursor` is the last revision, for `afterRevision`. */
  getTrail(itemId: string, options?: { afterRevision?: number; limit?: number }): Promise<Page<TrailEntry>>;
  /**
   * Items in registration order; `limit` 50 by default, at most 500; pass `nextCursor` back as
   * `cursor` for the next page. @throws InvalidCursorError for a cursor it did not hand out.
   */
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

/**
 * The write side, used only by the projector and the rebuild. An item is stored twice over: the
 * domain's ItemState (so the next event is applied with `evolve`, without replaying the stream)
 * and the ItemView the queries answer with.
 */
export interface ItemRecord {
  /** The read models may keep it without `eventIds` (they come back empty). */
  state: ItemState;
  /** Always toItemView(state, …): the embedded store keeps only the state and derives the view. */
  view: ItemView;
  /** Global position of the item's `registered` event: lists are in registration order. */
  registeredPosition: string;
}

/** What one projector step writes: every change of a run of events, and how far that run went. */
export interface ProjectionBatch {
  /** Checkpoint name; one projector, one name. */
  projection: string;
  /** Global position of the last event the batch covers (events it ignored included). */
  position: string;
  /** At most one record per item: its state after the batch's last event for it. */
  items: ItemRecord[];
  /** New trail lines, each with the item it belongs to. */
  trail: ItemTrailEntry[];
}

export interface ItemTrailEntry {
  itemId: string;
  entry: TrailEntry;
}

export interface ReadModelWriter {
  /** The stored records of these items; absent ids are items not registered yet. */
  loadItems(itemIds: readonly string[]): Promise<Map<string, ItemRecord>>;
  /**
   * Writes the data and the checkpoint together. Idempotent: an item record is written only if its
   * revision is newer than the stored one, a trail entry only once, and the checkpoint only moves
   * forward, so applying the same batch twice changes nothing. Atomic where the backend has
   * transactions (SQLite always; MongoDB on a replica set).
   */
  applyBatch(batch: ProjectionBatch): Promise<void>;
  /** Stored position of a projection; null before its first batch. */
  checkpoint(projection: string): Promise<string | null>;
}

/**
 * A rebuild writes into fresh tables/collections while the live ones keep answering, then swaps
 * them in. Only one rebuild at a time; beginning another discards an unfinished one.
 */
export interface ReadModelRebuild extends ReadModelWriter {
  /**
   * Replaces the live read models by the rebuilt ones, unless the live projector has applied
   * events past the rebuild's checkpoint: then nothing changes and it answers false (catch up and
   * call again).
   */
  swap(): Promise<boolean>;
  /** Drops the rebuilt tables; the live ones stay. */
  abort(): Promise<void>;
}

export interface ReadModelStore extends ReadModelQueries, ReadModelWriter {
  beginRebuild(): Promise<ReadModelRebuild>;
  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** A `cursor` that this store did not hand out (the HTTP edge answers 400). */
export class InvalidCursorError extends Error {
  constructor(readonly cursor: string) {
    super('invalid cursor');
    this.name = 'InvalidCursorError';
  }
}
