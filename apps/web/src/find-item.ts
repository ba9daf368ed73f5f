import { ApiError, enc, get, query } from './api';
import { parseScan } from './scan/scan-code';
import type { ItemView } from './screens/item';

const SHORT_CODE = /^[A-Z]{2,5}-\d{4}-\d{3,}$/i;

/** The item a typed or scanned text names: a label's URL, the bare id, or the short code on its label. */
export async function findItem(text: string): Promise<ItemView> {
  const typed = text.trim();
  if (SHORT_CODE.test(typed)) {
    const found = await get<{ items: ItemView[] }>(
      `/api/items${query({ q: typed.toUpperCase(), limit: 5 })}`,
    );
    const exact = found.items.find((item) => item.shortCode?.toUpperCase() === typed.toUpperCase());
    if (exact) return exact;
  }
  const code = parseScan(typed);
  if (code.kind !== 'item')
    throw new ApiError({
      status: 0,
      code: 'app:not-an-item',
      detail: `“${typed.slice(0, 60)}” bukan label, ID atau kode arsip Jejak. Pindai label arsipnya.`,
    });
  return get<ItemView>(`/api/items/${enc(code.id)}`);
}
