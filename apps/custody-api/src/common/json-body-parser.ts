import type { FastifyInstance } from 'fastify';
import { ApiProblem } from './problem';

/** No body of this API nests deeper than a few levels; thousands of levels would overflow the validators' stack. */
export const MAX_JSON_DEPTH = 32;

/** Deepest nesting of objects and arrays in a JSON text, counting only brackets outside strings. */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return deepest;
}

/**
 * Fastify's own JSON parser (which refuses __proto__ and constructor.prototype keys), behind a
 * nesting limit so a deeply nested body is a 400, not a stack overflow in the validators.
 */
export function useGuardedJsonParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepth(body as string, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(
        new ApiProblem('validation-failed', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`),
        undefined,
      );
      return;
    }
    // The default parser answers through `done`; what it returns (typed as a maybe-promise) is not awaited.
    void parseJson(request, body as string, done);
  });
}
