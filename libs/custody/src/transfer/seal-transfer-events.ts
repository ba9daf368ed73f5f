import { chainEvents, type SealContext } from '../hash-chain';
import type { DecidedTransferEvent, TransferEvent } from './transfer-events';

/** As SealContext, with the transfer's id in place of the item's. */
export type TransferSealContext = Omit<SealContext, 'itemId'> & { transferId: string };

/** Envelopes and chains transfer events exactly as sealEvents does for items. */
export function sealTransferEvents(
  decided: readonly DecidedTransferEvent[],
  ctx: TransferSealContext,
): TransferEvent[] {
  if (ctx.eventIds.length !== decided.length) {
    throw new Error(`sealTransferEvents: ${decided.length} events but ${ctx.eventIds.length} event ids`);
  }
  return chainEvents<DecidedTransferEvent, TransferEvent>(
    decided,
    ctx,
    (event, index, link) =>
      ({
        eventId: ctx.eventIds[index],
        transferId: ctx.transferId,
        revision: link.revision,
        type: event.type,
        data: event.data,
        occurredAt: ctx.occurredAt,
        recordedAt: ctx.recordedAt,
        actor: ctx.actor,
        commandId: ctx.commandId,
        correlationId: ctx.correlationId,
        note: ctx.note,
        prevHash: link.prevHash,
      }) as Omit<TransferEvent, 'hash'>,
  );
}
