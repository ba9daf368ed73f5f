import { NO_STREAM, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { WrongExpectedRevisionError } from '../event-store.port';
import {
  decodePosition,
  encodePosition,
  fromCurrentState,
  isAfter,
  toRecordedEvent,
  toMultiAppendMetadata,
  toStreamState,
  toWrongExpectedRevision,
} from './kurrentdb-mapping';

describe('KurrentDB mapping', () => {
  it('maps every expected revision to the client stream state', () => {
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState(7)).toBe(7n);
    expect(toStreamState(-1)).toBe('no_stream');
    expect(() => toStreamState(1.5)).toThrow(RangeError);
  });

  it('reports a missing or deleted stream as revision -1 and a revision as a number', () => {
    expect(fromCurrentState(NO_STREAM)).toBe(-1);
    expect(fromCurrentState(undefined)).toBe(-1);
    expect(fromCurrentState(-5n)).toBe(-1);
    expect(fromCurrentState(41n)).toBe(41);
  });

  it('turns the server conflict into WrongExpectedRevisionError with the actual revision', () => {
    const serverError = new WrongExpectedVersionError(undefined, {
      streamName: 'item-1',
      expected: 3n,
      current: 5n,
    });
    const mapped = toWrongExpectedRevision(serverError, 'item-1', 3);
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ streamId: 'item-1', expected: 3, actual: 5 });
  });

  it('writes positions as the decimal commit position, beyond 2^53 without loss', () => {
    const big = 2n ** 60n + 3n;
    expect(encodePosition({ commit: big, prepare: big })).toBe('1152921504606846979');
    expect(decodePosition('1152921504606846979')).toEqual({ commit: big, prepare: big });
    expect(encodePosition(undefined)).toBe('-1');
    expect(encodePosition({ commit: 2n ** 64n - 1n, prepare: 120n })).toBe('120');
    expect(() => decodePosition('12abc')).toThrow(RangeError);
  });

  it('orders positions by commit, then prepare', () => {
    expect(isAfter({ commit: 10n, prepare: 12n }, { commit: 10n, prepare: 11n })).toBe(true);
    expect(isAfter({ commit: 10n, prepare: 11n }, { commit: 10n, prepare: 11n })).toBe(false);
    expect(isAfter({ commit: 9n, prepare: 20n }, { commit: 10n, prepare: 1n })).toBe(false);
  });

  it('maps a JSON event of $all and skips links and binary events', () => {
    const created = new Date('2026-01-02T03:04:05.000Z');
    const event = {
      streamId: 'item-1',
      id: 'e1',
      isJson: true,
      revision: 2n,
      type: 'ItemMoved',
      created,
      data: { to: 'loc-1' },
      metadata: { actor: 'a' },
      position: { commit: 500n, prepare: 500n },
    };
    expect(toRecordedEvent({ event } as never)).toEqual({
      eventId: 'e1',
      type: 'ItemMoved',
      streamId: 'item-1',
      revision: 2,
      position: '500',
      data: { to: 'loc-1' },
      metadata: { actor: 'a' },
      recordedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(
      toRecordedEvent({ event: { ...event, isJson: false, data: new Uint8Array([1]) } } as never),
    ).toBeNull();
    expect(toRecordedEvent({ link: event } as never)).toBeNull();
  });

  it('carries metadata through multiStreamAppend as one string property and unwraps it on read', () => {
    const metadata = { requestHash: null, tokenId: 't1', n: 2 };
    const properties = toMultiAppendMetadata(metadata);
    expect(Object.values(properties).every((v) => typeof v === 'string')).toBe(true);
    const event = {
      streamId: 'item-1',
      id: 'e1',
      isJson: true,
      revision: 0n,
      type: 'ItemRegistered',
      created: new Date('2026-01-02T03:04:05.000Z'),
      data: {},
      // The server may add properties of its own beside ours.
      metadata: { ...properties, '$schema.name': 'ItemRegistered' },
      position: { commit: 5n, prepare: 5n },
    };
    expect(toRecordedEvent({ event } as never)?.metadata).toEqual(metadata);
    const foreign = { ...event, metadata: new Uint8Array([0xff, 0x01]) };
    expect(toRecordedEvent({ event: foreign } as never)?.metadata).toEqual({});
  });
});
