import fc from 'fast-check';
import { canonicalJson } from '@jejak/custody';
import { eventLeafData, eventLeafHash, fastCanonicalJson } from './event-leaf';
import { leafHash } from './rfc9162-hash';

const outcome = (f: () => string): string => {
  try {
    return `ok:${f()}`;
  } catch (error) {
    return `threw:${(error as Error).message}`;
  }
};

describe('the leaf data of an event', () => {
  it('is byte for byte the canonical JSON the hash chain uses, and refuses what it refuses', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.anything({ withDate: true, withNullPrototype: true, withSparseArray: true }),
        ),
        (value) => {
          expect(outcome(() => fastCanonicalJson(value))).toBe(outcome(() => canonicalJson(value)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is the canonical text too where JSON.stringify of sorted keys would not be', () => {
    const ownProto = JSON.parse('{"b":1,"__proto__":{"x":2}}') as unknown;
    const awkward: unknown[] = [
      { 10: 'a', 9: 'b', x: 'c' }, // integer-like keys: an object lists them first, in numeric order
      ownProto,
      [1, , 3], // eslint-disable-line no-sparse-arrays
      { at: new Date(0), when: { toJSON: () => ({ z: 1, a: 2 }) } },
      { f: () => 1, s: Symbol('s'), u: undefined },
    ];
    for (const value of awkward) expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
    expect(fastCanonicalJson(awkward[0])).toBe('{"10":"a","9":"b","x":"c"}');
  });

  it('sorts keys and drops undefined members, as RFC 8785 and JSON do', () => {
    expect(eventLeafData({ b: 1, a: [undefined, 'é'], c: undefined }).toString('utf8')).toBe(
      '{"a":[null,"é"],"b":1}',
    );
  });

  it('hashes to the RFC 9162 leaf hash of that data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(outcome(() => eventLeafHash(value).toString('hex'))).toBe(
          outcome(() => leafHash(eventLeafData(value)).toString('hex')),
        );
      }),
      { numRuns: 500 },
    );
  });
});
