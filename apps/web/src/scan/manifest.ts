import { ApiError, enc, get } from '../api';
import type { TransferView } from '../screens/transfers';

/** The consignment a scan session checks files against: what its manifest lists, kept for offline use. */
export interface Manifest {
  transferId: string;
  baNumber: string;
  itemIds: string[];
}

/** The manifest of a transfer, from the server (so it must be loaded while there is signal). */
export async function loadManifest(transferId: string): Promise<Manifest | string> {
  try {
    const view = await get<TransferView>(`/api/transfers/${enc(transferId)}`);
    return { transferId: view.transferId, baNumber: view.baNumber, itemIds: view.items.map((i) => i.itemId) };
  } catch (error) {
    const code = error instanceof ApiError ? error.problem.code : null;
    if (code === 'not-found') return `Transfer ${transferId} tidak dikenal di Jejak.`;
    if (code === 'network')
      return `Manifes ${transferId} tidak dapat dimuat tanpa sinyal: muat saat masih ada sinyal.`;
    return `Manifes ${transferId} tidak dapat dimuat. Muat ulang halaman.`;
  }
}

/**
 * Whether a code outside the manifest is a file Jejak knows (then "not in this manifest") or not at
 * all ("unknown code"). Without signal it cannot be told: then it is named as not in this manifest.
 */
export async function knownItem(itemId: string): Promise<boolean> {
  try {
    await get(`/api/items/${enc(itemId)}`);
    return true;
  } catch (error) {
    return !(error instanceof ApiError && error.problem.code === 'not-found');
  }
}
