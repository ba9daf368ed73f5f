import type { DecidedTransferEvent } from './transfer-events';

/** The receiving side's own words about each item (a damaged one's condition above all) go on its event. */
export function itemNotes(
  decided: readonly DecidedTransferEvent[],
  requestNote: string | undefined,
): (itemId: string) => string | null {
  const own = new Map<string, string>();
  for (const event of decided) {
    if (event.type !== 'intake_recorded') continue;
    for (const result of event.data.results) {
      if (result.outcome === 'damaged') own.set(result.itemId, `damaged: ${result.note ?? ''}`.trim());
      else if (result.outcome === 'received' && result.note) own.set(result.itemId, result.note);
    }
  }
  return (itemId) => own.get(itemId) ?? requestNote ?? null;
}
