import { canonicalJson } from '@jejak/custody';
import { sha256 } from './rfc9162-hash';

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

/** Keys in UTF-16 code unit order (RFC 8785), as sort() orders them; inline for the few keys of an event. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
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
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          // A hole gives nothing between its commas, as map().join() (the domain's way) gives it.
          const text = item === undefined && !(i in value) ? '' : (fast(item) ?? 'null');
          out += (i === 0 ? '' : ',') + text;
        }
        return `${out}]`;
      }
      const keys = sortedKeys(value);
      let out = '{';
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const member = fast((value as Record<string, unknown>)[keys[i]]);
        if (member === undefined) continue;
        out += (first ? '' : ',') + quoted(keys[i]) + ':' + member;
        first = false;
      }
      return `${out}}`;
    }
    case 'bigint':
      throw NOT_CANONICAL;
    default:
      return undefined;
  }
}

/**
 * A copy of the value with every object's keys inserted in sorted order, for JSON.stringify to
 * write: native, one flat string (cheaper to hash and to store than a concatenated one). Throws
 * NOT_CANONICAL for anything JSON.stringify would not write as RFC 8785 does (other numbers,
 * bigints, holes) or would reorder or misplace (integer-like keys go first in any object,
 * `__proto__` sets a prototype), and for functions; the string builder below decides those.
 */
function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isSafeInteger(value)) throw NOT_CANONICAL;
      return value;
    case 'bigint':
    case 'function':
      throw NOT_CANONICAL;
    case 'object': {
      if (value === null) return null;
      const withToJson = value as { toJSON?: () => unknown };
      if (typeof withToJson.toJSON === 'function') throw NOT_CANONICAL;
      if (Array.isArray(value)) {
        const copy: unknown[] = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw NOT_CANONICAL;
          copy[i] = sortedCopy(value[i]);
        }
        return copy;
      }
      const keys = sortedKeys(value);
      const copy: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const first = key.charCodeAt(0);
        if ((first >= 48 && first <= 57) || key === '__proto__') throw NOT_CANONICAL;
        copy[key] = sortedCopy((value as Record<string, unknown>)[key]);
      }
      return copy;
    }
    default:
      return value;
  }
}

/** RFC 8785 canonical JSON of a value, as `canonicalJson` of the domain gives it (and throws). */
export function fastCanonicalJson(value: unknown): string {
  try {
    const text = JSON.stringify(sortedCopy(value)) as string | undefined;
    if (text !== undefined) return text;
  } catch (error) {
    if (error !== NOT_CANONICAL) throw error;
  }
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
export const leafHashOfCanonicalText = (canonicalText: string): Buffer => sha256(`\u0000${canonicalText}`);

/** The RFC 9162 leaf hash of eventLeafData(e) (this runs per event). */
export const eventLeafHash = (storedEvent: unknown): Buffer =>
  leafHashOfCanonicalText(fastCanonicalJson(storedEvent));
