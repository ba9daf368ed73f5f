import type { Refusal } from './refusal';

/** Offline scans may arrive late, but a clock this far ahead is a mistake, not a scan. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 date-time with a zone (Z or ±hh:mm) that names a real instant. */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Checks when something happened as reported; absent means `now`. The accepted value is
 * normalised to UTC with milliseconds (`toISOString`) so stored times compare as text.
 */
export function validateOccurredAt(
  occurredAt: string | undefined,
  now: string,
): { ok: true; value: string } | { ok: false; refusal: Refusal } {
  const value = occurredAt ?? now;
  if (!isIsoInstant(value)) {
    return invalid('must be an ISO 8601 date-time with a time zone, e.g. 2026-11-30T08:00:00Z');
  }
  if (Date.parse(value) - Date.parse(now) > MAX_CLOCK_AHEAD_MS) {
    return invalid(`is more than five minutes ahead of the server time (${now})`);
  }
  return { ok: true, value: new Date(value).toISOString() };
}

function invalid(message: string): { ok: false; refusal: Refusal } {
  return {
    ok: false,
    refusal: {
      code: 'validation-failed',
      message: `occurredAt ${message}`,
      errors: [{ field: 'occurredAt', message }],
    },
  };
}
