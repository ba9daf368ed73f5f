import { sealStreamEvents, type SealContext } from '../hash-chain';
import type { DecidedTransferEvent, TransferEvent } from './transfer-events';

/** As SealContext, with the transfer's id in place of the item's. */
export type TransferSealContext = Omit<SealContext, 'itemId'> & { transferId: string };

/** Envelopes and chains transfer events exactly as sealEvents does for items. */
export function sealTransferEvents(
  decided: readonly DecidedTransferEvent[],
  ctx: TransferSealContext,
): TransferEvent[] {
  const { transferId, ...rest } = ctx;
  return sealStreamEvents<DecidedTransferEvent, TransferEvent>(
    decided,
    rest,
    { transferId },
    'sealTransferEvents',
  );
}
