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
