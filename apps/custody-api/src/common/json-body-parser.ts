import type { FastifyInstance } from 'fastify';
import { ApiProblem } from './problem';

/**
 * Bounds on a JSON body's shape, checked in one pass over the text before it is parsed, so a
 * body of 1 MB with 100,000 keys costs a scan (milliseconds), not 100,000 validation errors.
 * The largest body of the API (a transfer of 500 items, a note of 2,000 characters) fits well inside.
 */
export interface JsonLimits {
  depth: number;
  keysPerObject: number;
  itemsPerArray: number;
  values: number;
  stringLength: number;
  /** Values of these keys may be longer (a drawn signature's data URL), up to `longStringLength`. */
  longStringKeys: readonly string[];
  longStringLength: number;
}

export const JSON_LIMITS: Readonly<JsonLimits> = {
  /** No body of this API nests deeper than a few levels; thousands would overflow the validators' stack. */
  depth: 32,
  /** The widest object (an item registration) has about 20 fields. */
  keysPerObject: 64,
  /** A transfer's manifest lists at most 500 items. */
  itemsPerArray: 1000,
  /** Keys and array items of the whole body together. */
  values: 5000,
  /** Characters of one string as sent (escapes counted as written); the longest field takes 2,000. */
  stringLength: 16_384,
  /**
   * acknowledgement.signature: a PNG as base64, bounded here by the body limit only, so a drawn
   * signature over 256 KB is answered 413 by the edge that decodes it, not 400 by this scan.
   */
  longStringKeys: ['signature'],
  longStringLength: 64 * 1024 * 1024,
};

interface Container {
  object: boolean;
  count: number;
}

/** What is wrong with the shape of a JSON text, or null when it is within JSON_LIMITS. */
export function jsonShapeProblem(text: string, limits: Readonly<JsonLimits> = JSON_LIMITS): string | null {
  const stack: Container[] = [];
  let values = 0;
  let awaitingFirst = false;
  // The last string read, and the key a value string follows (`"key":` just before it).
  let lastString: [number, number] | null = null;
  let keyBefore: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    const top = stack[stack.length - 1];
    if (awaitingFirst && c !== 125 /* } */ && c !== 93 /* ] */) {
      awaitingFirst = false;
      top.count = 1;
      values++;
    }
    if (c === 34 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 92 /* \ */) i++;
        else if (s === 34) break;
      }
      const length = i - start - 1;
      const long = keyBefore !== null && limits.longStringKeys.includes(keyBefore);
      if (length > (long ? limits.longStringLength : limits.stringLength)) {
        return `A string of the body is longer than ${long ? limits.longStringLength : limits.stringLength} characters.`;
      }
      lastString = [start + 1, i];
      keyBefore = null;
      if (values > limits.values) return `The body holds more than ${limits.values} values.`;
      continue;
    }
    if (c === 58 /* : */ && lastString) {
      keyBefore = text.slice(lastString[0], lastString[1]);
      lastString = null;
      continue;
    }
    lastString = null;
    keyBefore = null;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (stack.length >= limits.depth) return `The body nests deeper than ${limits.depth} levels.`;
      stack.push({ object: c === 123, count: 0 });
      awaitingFirst = true;
    } else if (c === 125 || c === 93) {
      stack.pop();
      awaitingFirst = false;
    } else if (c === 44 /* , */ && top) {
      top.count++;
      values++;
      if (top.object && top.count > limits.keysPerObject) {
        return `An object of the body has more than ${limits.keysPerObject} keys.`;
      }
      if (!top.object && top.count > limits.itemsPerArray) {
        return `An array of the body has more than ${limits.itemsPerArray} items.`;
      }
    }
    if (values > limits.values) return `The body holds more than ${limits.values} values.`;
  }
  return null;
}

/**
 * Fastify's own JSON parser (which refuses __proto__ and constructor.prototype keys), behind the
 * shape limits, so an oversized shape is a 400 before any token, route or validator looks at it.
 */
export function useGuardedJsonParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const problem = jsonShapeProblem(body as string);
    if (problem) {
      done(new ApiProblem('validation-failed', problem), undefined);
      return;
    }
    // The default parser answers through `done`; what it returns (typed as a maybe-promise) is not awaited.
    void parseJson(request, body as string, done);
  });
}
