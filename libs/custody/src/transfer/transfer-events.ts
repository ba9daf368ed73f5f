import type { EventEnvelope } from '../events';
import type { Storage } from '../item';

/** The events of a `transfer-<id>` stream, in the order a transfer lives them. */
export const TRANSFER_EVENT_TYPES = [
  'transfer_created',
  'collected',
  'dispatched',
  'handover_offered',
  'handover_accepted',
  'arrived',
  'intake_recorded',
  'completed',
] as const;
export type TransferEventType = (typeof TRANSFER_EVENT_TYPES)[number];

export const INTAKE_OUTCOMES = ['received', 'damaged', 'missing', 'unexpected'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

/** What the receiving side found for one item. `unexpected`: delivered but not in the manifest. */
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
  collected: { locationId: string; custodianId: string };
  dispatched: { fromLocationId: string | null; destinationId: string };
  handover_offered: { fromCustodianId: string; toCustodianId: string };
  handover_accepted: { fromCustodianId: string; toCustodianId: string };
  arrived: { locationId: string };
  intake_recorded: { results: IntakeResult[] };
  completed: { status: TransferEndStatus };
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
