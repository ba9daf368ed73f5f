import type { ItemView } from '../read-model.port';

/**
 * The years an item covers, for the year filter: its year, and every year of its period (kurun
 * waktu). Capped, so a mistyped period cannot blow up the index.
 */
export function coveredYears(view: Pick<ItemView, 'year' | 'period'>): number[] {
  const years = new Set<number>(view.year === undefined ? [] : [view.year]);
  if (view.period) {
    for (let year = view.period.from; year <= view.period.to && years.size < 1000; year += 1) years.add(year);
  }
  return [...years];
}
