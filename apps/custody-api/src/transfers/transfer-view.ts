import {
  consignmentParts,
  reconcile,
  type ConsignmentPart,
  type IntakeResult,
  type Reconciliation,
  type TransferEvent,
  type TransferState,
} from '@jejak/custody';
import type { ItemView } from '@jejak/read-models';

/** One manifest line: the item's current state from the read model, and what intake found. */
export interface TransferItemLine {
  itemId: string;
  shortCode: string | null;
  /** Null when the read model does not know the item (yet), or the asker may not read it. */
  title: string | null;
  /** A `terbatas` item the asker may not read. */
  restricted?: true;
  classificationCode: string | null;
  status: ItemView['status'] | null;
  locationId: string | null;
  custodianId: string | null;
  since: string | null;
  storage: ItemView['storage'];
  revision: number | null;
  intake: Omit<IntakeResult, 'itemId'> | null;
}

export interface TransferView {
  transferId: string;
  baNumber: string;
  fromId: string;
  toId: string;
  status: TransferState['status'];
  locationId: string | null;
  custodianId: string;
  since: string;
  pendingHandover: TransferState['pendingHandover'];
  /** Who carries which manifest items not yet taken in: one part unless the consignment was split. */
  carriers: ConsignmentPart[];
  revision: number;
  items: TransferItemLine[];
  /** Null until the receiving side has recorded a first sitting of intake. */
  intake: {
    results: IntakeResult[];
    reconciliation: Reconciliation;
    /** The latest sitting's time and clerk. */
    recordedAt: string;
    recordedBy: string;
    /** Each sitting: when, by whom, which items. */
    sittings: { occurredAt: string; recordedBy: string; itemIds: string[] }[];
    /** Manifest items still without an outcome; the transfer completes when none is left. */
    awaiting: string[];
  } | null;
  events: Pick<
    TransferEvent,
    'eventId' | 'type' | 'revision' | 'occurredAt' | 'recordedAt' | 'actor' | 'note' | 'data'
  >[];
}

/** The answer of GET /api/transfers/:id: the transfer from its own stream, its items from the read models. */
export function toTransferView(
  state: TransferState,
  events: readonly TransferEvent[],
  items: ReadonlyMap<string, ItemView | null>,
  /** Whether the asker may read an item's title (libs/custody confidentiality.ts). */
  mayRead: (view: ItemView) => boolean = () => true,
): TransferView {
  const results = new Map((state.intake ?? []).map((result) => [result.itemId, result]));
  const sittings = events.flatMap((event) =>
    event.type === 'intake_recorded'
      ? [
          {
            occurredAt: event.occurredAt,
            recordedBy: event.actor.id,
            itemIds: event.data.results.map((result) => result.itemId),
          },
        ]
      : [],
  );
  const latest = sittings[sittings.length - 1];
  return {
    transferId: state.transferId,
    baNumber: state.baNumber,
    fromId: state.fromId,
    toId: state.toId,
    status: state.status,
    locationId: state.locationId,
    custodianId: state.custodianId,
    since: state.since,
    pendingHandover: state.pendingHandover,
    carriers: consignmentParts(state),
    revision: state.revision,
    items: state.itemIds.map((itemId) => {
      const view = items.get(itemId) ?? null;
      const { itemId: _id, ...intake } = results.get(itemId) ?? { itemId };
      const restricted = view !== null && !mayRead(view);
      return {
        itemId,
        shortCode: view?.shortCode ?? null,
        title: restricted ? null : (view?.title ?? null),
        ...(restricted ? { restricted: true as const } : {}),
        classificationCode: view?.classificationCode ?? null,
        status: view?.status ?? null,
        locationId: view?.locationId ?? null,
        custodianId: view?.custodianId ?? null,
        since: view?.since ?? null,
        storage: view?.storage ?? null,
        revision: view?.revision ?? null,
        intake: results.has(itemId) ? (intake as Omit<IntakeResult, 'itemId'>) : null,
      };
    }),
    intake:
      state.intake && latest
        ? {
            results: state.intake,
            reconciliation: reconcile(state.intake),
            recordedAt: latest.occurredAt,
            recordedBy: latest.recordedBy,
            sittings,
            awaiting: state.itemIds.filter((itemId) => !results.has(itemId)),
          }
        : null,
    events: events.map(({ eventId, type, revision, occurredAt, recordedAt, actor, note, data }) => ({
      eventId,
      type,
      revision,
      occurredAt,
      recordedAt,
      actor,
      note,
      data,
    })),
  };
}
