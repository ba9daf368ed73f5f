import type { TransferEvent, TransferState } from '@jejak/custody';
import type { TransferSummary } from '../read-model.port';

/** The list line of a transfer after `event`, from its state and the line before it. */
export function toTransferSummary(
  state: TransferState,
  event: TransferEvent,
  position: string,
  previous: TransferSummary | null,
): TransferSummary {
  const couriers = [...(previous?.courierIds ?? [])];
  const carrier =
    event.type === 'collected'
      ? event.data.custodianId
      : event.type === 'handover_accepted'
        ? event.data.toCustodianId
        : null;
  if (carrier !== null && !couriers.includes(carrier)) couriers.push(carrier);
  const answered = new Set((state.intake ?? []).map((result) => result.itemId));
  return {
    transferId: state.transferId,
    baNumber: state.baNumber,
    fromId: state.fromId,
    toId: state.toId,
    status: state.status,
    locationId: state.locationId,
    custodianId: state.custodianId,
    courierIds: couriers,
    pendingHandover: state.pendingHandover,
    itemCount: state.itemIds.length,
    intakeCount: state.itemIds.filter((itemId) => answered.has(itemId)).length,
    createdAt: previous?.createdAt ?? event.occurredAt,
    updatedAt: event.recordedAt,
    revision: state.revision,
    position,
  };
}
