import type { IntakeResult } from './transfer-events';

export const TRANSFER_STATUSES = [
  'open',
  'collected',
  'in_transit',
  'arrived',
  'completed',
  'completed_with_discrepancies',
  'cancelled',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface TransferState {
  transferId: string;
  baNumber: string;
  fromId: string;
  toId: string;
  /** The manifest (daftar arsip), in the order given. */
  itemIds: string[];
  status: TransferStatus;
  /** Where the consignment is; null while moving. */
  locationId: string | null;
  /** The unit that created it until a courier collects, then the carrying courier. */
  custodianId: string;
  since: string;
  pendingHandover: {
    fromCustodianId: string;
    toCustodianId: string;
    offeredAt: string;
    eventId: string;
    /** When the offer lapses (null: recorded before offers lapsed, never lapses). */
    expiresAt: string | null;
    /** A partial consignment handover: the manifest items offered (absent: the whole manifest). */
    itemIds?: string[];
  } | null;
  /**
   * Who carries which manifest item and how far it has come, from collection until the item has its
   * intake outcome (then it leaves this map). One courier and one stage for all while the
   * consignment travels whole; a partial handover splits it between couriers.
   */
  carriage: Record<string, CarriedItem>;
  /** The receiving side's item-by-item results so far (one sitting or several); null before any. */
  intake: IntakeResult[] | null;
  revision: number;
  headHash: string;
  eventIds: string[];
}

/** The leg of the journey a carried item is on; the transfer's status is the furthest of them. */
export type CarriageStage = 'collected' | 'in_transit' | 'arrived';
export interface CarriedItem {
  custodianId: string;
  stage: CarriageStage;
}

export type MaybeTransferState = TransferState | null;

/** A transfer in one of these is over: its items are free for another one. */
export const TRANSFER_CLOSED_STATUSES: readonly TransferStatus[] = [
  'completed',
  'completed_with_discrepancies',
  'cancelled',
];
