import { ApiError, enc, get } from '../api';
import type { TrailEntry } from '../screens/item';
import type { TransferView } from '../screens/transfers';

const CLOSED = ['completed', 'completed_with_discrepancies', 'cancelled'];

export type Whereabouts =
  { kind: 'unknown' } | { kind: 'other-transfer'; transferId: string; baNumber: string } | { kind: 'loose' };

/**
 * Where a file scanned at the depot but absent from this manifest belongs: nowhere (an unknown code),
 * another transfer still open (named, so the clerk puts it back on that consignment's pile), or no
 * open transfer (then it is an unexpected file of this consignment).
 */
export async function whereaboutsOf(itemId: string, thisTransferId: string): Promise<Whereabouts> {
  try {
    await get(`/api/items/${enc(itemId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.problem.code === 'not-found') return { kind: 'unknown' };
    throw error;
  }
  const trail = await get<{ events: TrailEntry[] }>(`/api/items/${enc(itemId)}/history?limit=200`);
  const last = [...trail.events].reverse().find((e) => e.correlationId)?.correlationId;
  if (!last || last === thisTransferId) return { kind: 'loose' };
  try {
    const other = await get<TransferView>(`/api/transfers/${enc(last)}`);
    if (CLOSED.includes(other.status)) return { kind: 'loose' };
    return { kind: 'other-transfer', transferId: other.transferId, baNumber: other.baNumber };
  } catch {
    return { kind: 'loose' };
  }
}
