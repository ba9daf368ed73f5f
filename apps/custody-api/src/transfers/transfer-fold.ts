import { decodeTransferEvent, evolveTransfer, type TransferEvent, type TransferState } from '@jejak/custody';
import type { StreamFold } from '@jejak/event-store';

/** How a transfer stream folds: the domain's evolve over events decoded from the store. */
export const TRANSFER_FOLD: StreamFold<TransferEvent, TransferState> = {
  decode: decodeTransferEvent,
  evolve: evolveTransfer,
};
