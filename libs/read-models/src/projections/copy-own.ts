/**
 * `{ ...source }` into `target`, key by key. Spreading objects that came out of JSON.parse, of
 * many shapes, took V8's slow path here: some 40 µs per item view, a fifth of a rebuild's time.
 */
export function copyOwn<T extends object>(target: T, source: object): T {
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i += 1) {
    (target as Record<string, unknown>)[keys[i]] = (source as Record<string, unknown>)[keys[i]];
  }
  return target;
}
