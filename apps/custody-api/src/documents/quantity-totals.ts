import type { Quantity } from '@jejak/custody';

/** "3 berkas": a quantity as the forms write it; "-" where none was given (never an invented one). */
export const quantityText = (quantity: Quantity | undefined | null): string =>
  quantity ? `${quantity.count} ${quantity.unit}` : '-';

/** The total line of a lampiran: counts added per unit, the arsip without a jumlah said apart. */
export function quantityTotals(quantities: readonly (Quantity | undefined | null)[]): string {
  const byUnit = new Map<string, number>();
  let without = 0;
  for (const quantity of quantities) {
    if (!quantity) without++;
    else byUnit.set(quantity.unit, (byUnit.get(quantity.unit) ?? 0) + quantity.count);
  }
  const parts = [...byUnit].map(([unit, count]) => `${count} ${unit}`);
  if (without > 0) parts.push(`${without} arsip tanpa keterangan jumlah`);
  return parts.join(', ') || '-';
}
