import type { ItemState } from '@jejak/custody';
import { coveredYears } from '../projections/covered-years';
import { searchableText, searchWords } from '../projections/search-text';
import { watchInstants } from '../projections/watch-lists';
import type { ItemRecord, ItemView, TrailEntry } from '../read-model.port';

export interface MongoCollectionNames {
  items: string;
  trail: string;
  transfers: string;
  checkpoints: string;
}

export const LIVE_COLLECTIONS: MongoCollectionNames = {
  items: 'items',
  trail: 'trail',
  transfers: 'transfers',
  checkpoints: 'checkpoints',
};
export const REBUILD_COLLECTIONS: MongoCollectionNames = {
  items: 'items_next',
  trail: 'trail_next',
  transfers: 'transfers_next',
  checkpoints: 'checkpoints_next',
};

/** One item: the view and state as stored, plus top-level copies of what queries filter on. */
export interface ItemDocument {
  _id: string;
  registeredPosition: string;
  /** registeredPosition zero-padded: the keyset order of lists. */
  registeredKey: string;
  revision: number;
  status: string;
  kind: string;
  locationId: string | null;
  custodianId: string;
  originUnitId: string;
  classificationCode: string;
  /** Every year the item covers (its year, each year of its period). */
  years: number[];
  /** Normalised words of the title and letter number; a query word matches as an anchored (indexed) prefix. */
  titleWords: string[];
  inTransitSince: string | null;
  handoverPendingSince: string | null;
  loanDueAt: string | null;
  retentionEndsAt: string | null;
  view: ItemView;
  /** Without `eventIds`, as in the embedded store: the list grows with the item's history (and a
   * document may not pass 16 MiB), while nothing read from the read models uses it. */
  state: Omit<ItemState, 'eventIds'>;
}

export interface TrailDocument {
  itemId: string;
  revision: number;
  entry: TrailEntry;
  /** Set only on a late entry (recorded more than an hour after it occurred): the late-entries list. */
  lateRecordedAt?: string;
}

export interface CheckpointDocument {
  _id: string;
  position: string;
  /** The position zero-padded to 20 digits (2^64 has 20), so string order is numeric order. */
  positionKey: string;
}

export const positionKey = (position: string): string => position.padStart(20, '0');

export function toItemDocument({ state, view, registeredPosition }: ItemRecord): ItemDocument {
  const watch = watchInstants(view);
  const { eventIds: _eventIds, ...storedState } = state;
  return {
    _id: view.itemId,
    registeredPosition,
    registeredKey: positionKey(registeredPosition),
    revision: view.revision,
    status: view.status,
    kind: view.kind,
    locationId: view.locationId,
    custodianId: view.custodianId,
    originUnitId: view.originUnitId,
    classificationCode: view.classificationCode,
    years: coveredYears(view),
    titleWords: [...new Set(searchWords(searchableText(view)))],
    inTransitSince: watch.inTransitSince,
    handoverPendingSince: watch.handoverPendingSince,
    loanDueAt: watch.loanDueAt,
    retentionEndsAt: watch.retentionEndsAt,
    view,
    state: storedState,
  };
}

/** The projector's record of a stored item; `eventIds` come back empty (see ItemDocument.state). */
export function fromItemDocument(
  doc: Pick<ItemDocument, 'state' | 'view' | 'registeredPosition'>,
): ItemRecord {
  return {
    state: { ...doc.state, eventIds: [] },
    view: doc.view,
    registeredPosition: doc.registeredPosition,
  };
}
