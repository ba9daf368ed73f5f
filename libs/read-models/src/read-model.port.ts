import type {
  Actor,
  ReadScope,
  ItemDescription,
  ItemState,
  ItemStatus,
  Loan,
  PendingHandover,
  Storage,
  TransferState,
  TransferStatus,
} from '@jejak/custody';

/** The where-is answer for one item: its description plus its current custody. */
export interface ItemView extends ItemDescription {
  itemId: string;
  status: ItemStatus;
  locationId: string | null;
  custodianId: string;
  since: string;
  /** `lapsed` is set as of the moment of the answer (GET /api/items/:id), never stored. */
  pendingHandover: (PendingHandover & { lapsed?: boolean }) | null;
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
  /** Recorded more than an hour after it occurred (domain.md "Times"); the projection always sets it. */
  late?: boolean;
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
  /** Voided items (registered by mistake) are left out of every list unless asked for, or by `status`. */
  includeVoided?: boolean;
  /**
   * Whose search it is: `q` matches the title and letter number only of items this reader may
   * read (libs/custody confidentiality.ts), the short code of every item. Unset: every item.
   */
  readScope?: ReadScope;
  limit?: number;
  cursor?: string;
}

/** One line of the list of transfers. */
export interface TransferSummary {
  transferId: string;
  baNumber: string;
  fromId: string;
  toId: string;
  status: TransferStatus;
  locationId: string | null;
  custodianId: string;
  /** Every courier who carried it (collected it, or accepted its handover), in order. */
  courierIds: string[];
  pendingHandover: TransferState['pendingHandover'];
  itemCount: number;
  /** How many manifest items have an intake outcome (several sittings). */
  intakeCount: number;
  /** When it was created (its `transfer_created` occurredAt). */
  createdAt: string;
  updatedAt: string;
  revision: number;
  position: string;
}

/** Filters of GET /api/transfers; `from`/`to` bound `createdAt` (inclusive). */
export interface TransferQuery {
  status?: TransferStatus;
  fromId?: string;
  toId?: string;
  courierId?: string;
  /** Compared as baNumberKey (case and spacing not told apart). */
  baNumber?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** A transfer as stored: its domain state (to apply the next event) and its summary. */
export interface TransferRecord {
  state: TransferState;
  summary: TransferSummary;
  /** Global position of its `transfer_created` event: lists are in creation order. */
  createdPosition: string;
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
  /** Loans past their due date, soonest due first; only those lent to `borrowerUnitId` when given. */
  overdueLoans(now: string, limit?: number, filter?: { borrowerUnitId?: string }): Promise<ItemView[]>;
  /** Trail lines recorded more than an hour after they occurred, latest recorded first. */
  lateEntries(options?: { since?: string; limit?: number }): Promise<ItemTrailEntry[]>;
  retentionEnded(now: string, limit?: number): Promise<ItemView[]>;
  /**
   * Transfers in creation order, filtered; `limit` 50 by default, at most 500; `nextCursor` as for
   * items. @throws InvalidCursorError for a cursor it did not hand out.
   */
  listTransfers(query: TransferQuery): Promise<Page<TransferSummary>>;
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
  /** At most one record per transfer: its state after the batch's last event for it. */
  transfers?: TransferRecord[];
}

export interface ItemTrailEntry {
  itemId: string;
  entry: TrailEntry;
}

export interface ReadModelWriter {
  /** The stored records of these items; absent ids are items not registered yet. */
  loadItems(itemIds: readonly string[]): Promise<Map<string, ItemRecord>>;
  /** The stored records of these transfers; absent ids are transfers not projected yet. */
  loadTransfers(transferIds: readonly string[]): Promise<Map<string, TransferRecord>>;
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
