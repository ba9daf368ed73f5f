import type { CarriageStage, TransferState, TransferStatus } from './transfer-state';

/** One courier's part of a consignment at one stage, in manifest order. */
export interface ConsignmentPart {
  custodianId: string;
  stage: CarriageStage;
  itemIds: string[];
}

/** The consignment as the couriers carry it now: one part while it travels whole. */
export function consignmentParts(state: TransferState): ConsignmentPart[] {
  const parts: ConsignmentPart[] = [];
  for (const itemId of state.itemIds) {
    const carried = state.carriage[itemId];
    if (!carried) continue;
    const part = parts.find((p) => p.custodianId === carried.custodianId && p.stage === carried.stage);
    if (part) part.itemIds.push(itemId);
    else parts.push({ custodianId: carried.custodianId, stage: carried.stage, itemIds: [itemId] });
  }
  return parts;
}

export const isSplit = (state: TransferState): boolean => consignmentParts(state).length > 1;

/** The manifest items `custodianId` carries (optionally only those at `stage`). */
export function carriedBy(state: TransferState, custodianId: string, stage?: CarriageStage): string[] {
  return state.itemIds.filter((itemId) => {
    const carried = state.carriage[itemId];
    return !!carried && carried.custodianId === custodianId && (!stage || carried.stage === stage);
  });
}

/** Null when `itemIds` is the whole manifest: events then omit it, as before consignments split. */
export const partOrWhole = (state: TransferState, itemIds: readonly string[]): string[] | null =>
  itemIds.length === state.itemIds.length && state.itemIds.every((id) => itemIds.includes(id))
    ? null
    : [...itemIds];

const STAGE_ORDER: readonly CarriageStage[] = ['collected', 'in_transit', 'arrived'];

/** The furthest stage any part has reached: something has arrived, so the receiving side may begin. */
export function statusOfCarriage(state: TransferState): TransferStatus {
  const stages = Object.values(state.carriage).map((carried) => STAGE_ORDER.indexOf(carried.stage));
  return stages.length === 0 ? state.status : STAGE_ORDER[Math.max(...stages)];
}

/**
 * The status a courier's step is judged against: that of the part they carry. For a courier with
 * items at `wanted` that is `wanted` (one part may leave or arrive while another waits); a
 * courier of a split consignment carrying nothing gets `wanted` too, so the scope check (403) answers.
 */
export function statusForCourier(
  state: TransferState,
  custodianId: string,
  wanted: CarriageStage,
): TransferStatus {
  if (!['collected', 'in_transit', 'arrived'].includes(state.status)) return state.status;
  const mine = carriedBy(state, custodianId);
  if (mine.length === 0) return isSplit(state) ? wanted : state.status;
  if (mine.some((itemId) => state.carriage[itemId].stage === wanted)) return wanted;
  return state.carriage[mine[0]].stage;
}
