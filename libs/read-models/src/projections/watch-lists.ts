import type { ItemView } from '../read-model.port';

/**
 * The instants the watch lists sort and filter on, null when the item is not on that list.
 * Normalised to full ISO 8601 UTC (milliseconds, `Z`) so stores can compare them as strings.
 */
export interface WatchInstants {
  inTransitSince: string | null;
  handoverPendingSince: string | null;
  loanDueAt: string | null;
  retentionEndsAt: string | null;
}

export function watchInstants(view: ItemView): WatchInstants {
  return {
    inTransitSince: view.status === 'in_transit' ? toIsoInstant(view.since) : null,
    handoverPendingSince: view.pendingHandover ? toIsoInstant(view.pendingHandover.offeredAt) : null,
    loanDueAt: view.status === 'on_loan' && view.loan ? toIsoInstant(view.loan.dueAt) : null,
    // Only a file still at the depot waits for disposal; lent, missing or gone ones do not.
    retentionEndsAt: view.status === 'deposited' ? toIsoInstant(view.retentionEndsAt) : null,
  };
}

/** `now` minus some hours, as an ISO instant: "older than N hours" means before this. */
export function hoursBefore(now: string, hours: number): string {
  return new Date(Date.parse(now) - hours * 3_600_000).toISOString();
}

/** A date-only due date ("2026-12-01") means the start of that day UTC. */
export function toIsoInstant(value: string | null): string | null {
  if (value === null) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

/**
 * The view as of `now`: a pending handover says whether it has lapsed (the stored view cannot,
 * time passes without an event). A lapsed offer can no longer be accepted and blocks nothing.
 */
export function withHandoverLapse(view: ItemView, now: string): ItemView {
  const pending = view.pendingHandover;
  if (!pending) return view;
  const lapsed = pending.expiresAt != null && Date.parse(now) >= Date.parse(pending.expiresAt);
  return { ...view, pendingHandover: { ...pending, lapsed } };
}
