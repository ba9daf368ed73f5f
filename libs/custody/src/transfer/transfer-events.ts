import type { Acknowledgement } from '../acknowledgement';
import type { EventEnvelope } from '../events';
import type { Storage } from '../item';

/** The events of a `transfer-<id>` stream, in the order a transfer lives them. */
export const TRANSFER_EVENT_TYPES = [
  'transfer_created',
  'collected',
  'dispatched',
  'handover_offered',
  'handover_accepted',
  'handover_declined',
  'handover_withdrawn',
  'arrived',
  'intake_recorded',
  'completed',
  'cancelled',
] as const;
export type TransferEventType = (typeof TRANSFER_EVENT_TYPES)[number];

export const INTAKE_OUTCOMES = ['received', 'damaged', 'missing', 'unexpected', 'rejected'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

/**
 * What the receiving side found for one item. `unexpected`: delivered but not in the manifest;
 * `rejected`: delivered but refused (e.g. soaked), it stays with the courier and `note` is the reason.
 */
export interface IntakeResult {
  itemId: string;
  outcome: IntakeOutcome;
  storage?: Storage;
  note?: string;
}

export const TRANSFER_END_STATUSES = ['completed', 'completed_with_discrepancies'] as const;
export type TransferEndStatus = (typeof TRANSFER_END_STATUSES)[number];

export interface TransferEventData {
  transfer_created: { baNumber: string; fromId: string; toId: string; itemIds: string[] };
  collected: {
    locationId: string;
    custodianId: string;
    /** Who gave and how they released it (absent in events recorded before two-party custody). */
    fromCustodianId?: string;
    acknowledgement?: Acknowledgement;
  };
  /**
   * `itemIds` (on dispatched, arrived, handover_offered, handover_accepted): the manifest items the
   * step concerns when the consignment is split between couriers; absent, the whole manifest.
   */
  dispatched: { fromLocationId: string | null; destinationId: string; itemIds?: string[] };
  /** `expiresAt` is absent in offers recorded before transfer offers lapsed (they never lapse). */
  handover_offered: {
    fromCustodianId: string;
    toCustodianId: string;
    expiresAt?: string;
    itemIds?: string[];
  };
  handover_accepted: { fromCustodianId: string; toCustodianId: string; itemIds?: string[] };
  handover_declined: { fromCustodianId: string; toCustodianId: string; reason: string };
  handover_withdrawn: { fromCustodianId: string; toCustodianId: string; reason: string };
  arrived: { locationId: string; itemIds?: string[] };
  /** One sitting's results; the transfer completes once every manifest item has one. */
  intake_recorded: { results: IntakeResult[] };
  completed: { status: TransferEndStatus };
  /** Before dispatch; the manifest's items are free for another transfer. */
  cancelled: { reason: string };
}

/** Same envelope and hash chain as item events; the stream is named by `transferId`. */
export type TransferEventEnvelope = Omit<EventEnvelope, 'itemId'> & { transferId: string };

export type TransferEventOf<T extends TransferEventType> = TransferEventEnvelope & {
  type: T;
  data: TransferEventData[T];
};
export type TransferEvent = { [T in TransferEventType]: TransferEventOf<T> }[TransferEventType];
export type DecidedTransferEvent = {
  [T in TransferEventType]: { type: T; data: TransferEventData[T] };
}[TransferEventType];

export const TRANSFER_STREAM_PREFIX = 'transfer-';
export const transferStreamId = (transferId: string): string => `${TRANSFER_STREAM_PREFIX}${transferId}`;
