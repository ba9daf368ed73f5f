import { CUSTODY_EVENT_TYPES, type CustodyEvent, type CustodyEventType } from './events';
import type { TransferEvent, TransferEventType } from './transfer/transfer-events';
import { TRANSFER_EVENT_TYPES } from './transfer/transfer-events';

const isChained = (data: { [key: string]: unknown }): boolean =>
  typeof data.eventId === 'string' &&
  typeof data.revision === 'number' &&
  typeof data.hash === 'string' &&
  typeof data.data === 'object' &&
  data.data !== null;

function isCustodyEvent(data: { [key: string]: unknown }): data is { [key: string]: unknown } & CustodyEvent {
  return (
    CUSTODY_EVENT_TYPES.includes(data.type as CustodyEventType) &&
    typeof data.itemId === 'string' &&
    isChained(data)
  );
}

function isTransferEvent(data: {
  [key: string]: unknown;
}): data is { [key: string]: unknown } & TransferEvent {
  return (
    TRANSFER_EVENT_TYPES.includes(data.type as TransferEventType) &&
    typeof data.transferId === 'string' &&
    isChained(data)
  );
}

/** An item event as stored (JSON), checked for its envelope: the one place it becomes typed. */
export function decodeCustodyEvent(data: { [key: string]: unknown }): CustodyEvent {
  if (!isCustodyEvent(data)) throw new Error(`Not an item event: ${JSON.stringify(data).slice(0, 200)}`);
  return data;
}

/** A transfer event as stored (JSON), checked for its envelope. */
export function decodeTransferEvent(data: { [key: string]: unknown }): TransferEvent {
  if (!isTransferEvent(data)) throw new Error(`Not a transfer event: ${JSON.stringify(data).slice(0, 200)}`);
  return data;
}
