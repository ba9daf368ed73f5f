import type { AcknowledgementGiven } from '../acknowledgement';
import type { IntakeResult } from './transfer-events';

/** What a caller asks of a transfer; intake also decides the `completed` event. */
export interface TransferCommandData {
  transfer_created: { baNumber: string; fromId: string; toId: string; itemIds: string[] };
  /** The origin's release, as for an item's collected; one kode serah covers the whole consignment. */
  collected: { locationId?: string; acknowledgement: AcknowledgementGiven };
  dispatched: { destinationId?: string };
  /** `itemIds`: hand over only these of the items the courier carries (a partial consignment handover). */
  handover_offered: { toCustodianId: string; itemIds?: string[] };
  handover_accepted: Record<string, never>;
  handover_declined: { reason: string };
  handover_withdrawn: { reason: string };
  arrived: { locationId?: string };
  intake_recorded: { results: IntakeResult[] };
  cancelled: { reason: string };
}
export type TransferCommandType = keyof TransferCommandData;
export const TRANSFER_COMMAND_TYPES: readonly TransferCommandType[] = [
  'transfer_created',
  'collected',
  'dispatched',
  'handover_offered',
  'handover_accepted',
  'handover_declined',
  'handover_withdrawn',
  'arrived',
  'intake_recorded',
  'cancelled',
];

export type TransferCommandOf<T extends TransferCommandType> = {
  type: T;
  transferId: string;
  data: TransferCommandData[T];
};
export type TransferCommand = { [T in TransferCommandType]: TransferCommandOf<T> }[TransferCommandType];
