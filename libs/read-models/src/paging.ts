import { InvalidCursorError } from './read-model.port';

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;
export const DEFAULT_TRAIL_LIMIT = 100;
export const MAX_TRAIL_LIMIT = 1000;
export const DEFAULT_WATCH_LIMIT = 100;

export function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(Math.max(Math.trunc(limit), 1), max);
}

/**
 * Item lists are in registration order; the cursor is the registration position of the last item
 * handed out, opaque to clients.
 */
export function encodeItemCursor(lastRegisteredPosition: string): string {
  return Buffer.from(JSON.stringify({ after: lastRegisteredPosition }), 'utf8').toString('base64url');
}

/** Read-model sequences are SQLite INTEGERs (signed 64-bit): a larger "position" is no cursor of ours. */
const MAX_SEQUENCE = 2n ** 63n - 1n;

export function decodeItemCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const after = (parsed as { after?: unknown } | null)?.after;
    if (typeof after === 'string' && /^\d{1,19}$/.test(after) && BigInt(after) <= MAX_SEQUENCE) return after;
  } catch {
    // fall through: not one of ours
  }
  throw new InvalidCursorError(cursor);
}

/** Trail pages continue after a revision; the cursor is that revision as text. */
export const trailCursor = (lastRevision: number): string => String(lastRevision);
