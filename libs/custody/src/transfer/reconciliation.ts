import type { IntakeOutcome, IntakeResult } from './transfer-events';

/** How the receiving side's results add up, outcome by outcome, with the items of each. */
export type Reconciliation = Record<IntakeOutcome, { count: number; itemIds: string[] }>;

export function reconcile(results: readonly IntakeResult[]): Reconciliation {
  const tally: Reconciliation = {
    received: { count: 0, itemIds: [] },
    damaged: { count: 0, itemIds: [] },
    missing: { count: 0, itemIds: [] },
    unexpected: { count: 0, itemIds: [] },
    rejected: { count: 0, itemIds: [] },
  };
  for (const result of results) {
    tally[result.outcome].count += 1;
    tally[result.outcome].itemIds.push(result.itemId);
  }
  return tally;
}
