import { hash } from 'node:crypto';
import { canonicalJson } from '@jejak/custody';

/** Thrown inside the fast path when the value has no canonical form: the domain's function says why. */
const NOT_CANONICAL = Symbol('not canonical');

/** Member names repeat from event to event (the envelope's, each type's): quoted once. */
const QUOTED = new Map<string, string>();
const QUOTED_MAX = 2000;

function quoted(key: string): string {
  let text = QUOTED.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (QUOTED.size < QUOTED_MAX) QUOTED.set(key, text);
  }
  return text;
}

/**
 * The domain's RFC 8785 canonical JSON, byte for byte (a property test holds them equal), without
 * the path bookkeeping that serves only its error messages: this runs for every appended event.
 */
function fast(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw NOT_CANONICAL;
      return Object.is(value, -0) ? '0' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      const withToJson = value as { toJSON?: () => unknown };
      if (typeof withToJson.toJSON === 'function') return fast(withToJson.toJSON()) ?? 'null';
      if (Array.isArray(value)) return `[${value.map((item: unknown) => fast(item) ?? 'null').join(',')}]`;
      const keys = Object.keys(value);
      if (keys.length > 1) keys.sort();
      let out = '';
      for (const key of keys) {
        const member = fast((value as Record<string, unknown>)[key]);
        if (member !== undefined) out += `${out ? ',' : ''}${quoted(key)}:${member}`;
      }
      return `{${out}}`;
    }
    case 'bigint':
      throw NOT_CANONICAL;
    default:
      return undefined;
  }
}

/** RFC 8785 canonical JSON of a value, as `canonicalJson` of the domain gives it (and throws). */
export function fastCanonicalJson(value: unknown): string {
  try {
    const text = fast(value);
    if (text !== undefined) return text;
  } catch (error) {
    if (error !== NOT_CANONICAL) throw error;
  }
  return canonicalJson(value);
}

/**
 * The leaf data of a stored event: the RFC 8785 canonical JSON (UTF-8) of the event as stored,
 * hash chain fields included — the canonical form the per-stream hash chain already uses.
 */
export const eventLeafData = (storedEvent: unknown): Buffer =>
  Buffer.from(fastCanonicalJson(storedEvent), 'utf8');

/**
 * The RFC 9162 leaf hash of an event's canonical JSON text (0x00 then its UTF-8), hashed from the
 * string: no intermediate buffers. For a store that keeps that text too, so it serialises once.
 */
export const leafHashOfCanonicalText = (canonicalText: string): Buffer =>
  hash('sha256', `\u0000${canonicalText}`, 'buffer');

/** The RFC 9162 leaf hash of eventLeafData(e) (this runs per event). */
export const eventLeafHash = (storedEvent: unknown): Buffer =>
  leafHashOfCanonicalText(fastCanonicalJson(storedEvent));
