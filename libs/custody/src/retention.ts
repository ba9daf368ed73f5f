import type { ItemDescription } from './item';

/**
 * When an item's retention (JRA) ends: 1 January (UTC) of the year after its last year
 * (`period.to`, else `year`) plus the active and inactive years. Null when there is no retention
 * or no year to count from, so such an item can never be disposed of.
 */
export function retentionEndsAt(description: ItemDescription): string | null {
  const retention = description.retention;
  const lastYear = description.period?.to ?? description.year;
  if (!retention || lastYear === undefined) return null;
  const endYear = lastYear + retention.activeYears + retention.inactiveYears + 1;
  return new Date(Date.UTC(endYear, 0, 1)).toISOString();
}

/** True when the retention has ended by `at` (an ISO 8601 instant). */
export function retentionHasEnded(description: ItemDescription, at: string): boolean {
  const endsAt = retentionEndsAt(description);
  return endsAt !== null && Date.parse(endsAt) <= Date.parse(at);
}
