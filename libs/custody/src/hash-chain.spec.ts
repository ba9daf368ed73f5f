import { createHash } from 'node:crypto';
import type { CustodyEvent, DecidedEvent } from './events';
import { canonicalJson } from './canonical-json';
import {
  chainEvents,
  ChainWalker,
  GENESIS_HASH,
  hashEvent,
  sealedCanonicalText,
  sealEvents,
  type SealContext,
  verifyChain,
} from './hash-chain';
import { ACTORS, aFile } from './testing/fixtures';

const registered: DecidedEvent = {
  type: 'registered',
  data: { ...aFile(), locationId: 'dinas-a', custodianId: 'dinas-a' },
};
const collected: DecidedEvent = {
  type: 'collected',
  data: { locationId: 'dinas-a', custodianId: 'kurir-1' },
};
const dispatched: DecidedEvent = {
  type: 'dispatched',
  data: { fromLocationId: 'dinas-a', destinationId: 'depot-1' },
};

function sealContext(overrides: Partial<SealContext> = {}): SealContext {
  return {
    itemId: 'item-42',
    eventIds: ['e-0'],
    prevRevision: -1,
    prevHash: GENESIS_HASH,
    occurredAt: '2026-11-30T07:00:00.000Z',
    recordedAt: '2026-11-30T07:00:01.000Z',
    actor: ACTORS.officerA,
    commandId: 'cmd-1',
    correlationId: null,
    note: null,
    ...overrides,
  };
}

function aStream(): CustodyEvent[] {
  const first = sealEvents([registered], sealContext());
  const rest = sealEvents(
    [collected, dispatched],
    sealContext({
      eventIds: ['e-1', 'e-2'],
      prevRevision: 0,
      prevHash: first[0].hash,
      actor: ACTORS.courier1,
    }),
  );
  return [...first, ...rest];
}

describe('sealEvents', () => {
  it('numbers revisions from prevRevision + 1 and links each prevHash to the previous hash', () => {
    const stream = aStream();
    expect(stream.map((event) => event.revision)).toEqual([0, 1, 2]);
    expect(stream[0].prevHash).toBe(GENESIS_HASH);
    expect(stream[1].prevHash).toBe(stream[0].hash);
    expect(stream[2].prevHash).toBe(stream[1].hash);
    expect(stream.map((event) => event.eventId)).toEqual(['e-0', 'e-1', 'e-2']);
    expect(stream[1]).toMatchObject({
      itemId: 'item-42',
      type: 'collected',
      actor: ACTORS.courier1,
      commandId: 'cmd-1',
    });
  });

  it('hashes prevHash followed by the canonical JSON of the event without its hash', () => {
    const [event] = sealEvents([collected], sealContext({ prevRevision: 4, prevHash: 'a'.repeat(64) }));
    const { hash, ...withoutHash } = event;
    const sortedKeys = Object.fromEntries(Object.entries(withoutHash).sort(([a], [b]) => (a < b ? -1 : 1)));
    const text = JSON.stringify(sortedKeys, (key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
        : value,
    );
    expect(hash).toBe(
      createHash('sha256')
        .update('a'.repeat(64) + text)
        .digest('hex'),
    );
    expect(hashEvent(event)).toBe(hash);
  });

  it("keeps each sealed event's canonical JSON, hash included, as the verifiable log hashes it", () => {
    const stream = aStream();
    for (const event of stream) expect(sealedCanonicalText(event)).toBe(canonicalJson(event));
    // Members on either side of "hash", nested keys out of order, a member JSON leaves out.
    const [odd] = chainEvents<string, { revision: number; prevHash: string; hash: string }>(
      ['x'],
      { prevRevision: 0, prevHash: 'b'.repeat(64) },
      (value, _index, link) => ({
        zeta: { y: [2, { b: 1, a: 'é' }], x: null },
        hasha: value,
        gone: undefined,
        has: true,
        revision: link.revision,
        prevHash: link.prevHash,
      }),
    );
    expect(odd.hash).toBe(hashEvent(odd));
    expect(sealedCanonicalText(odd)).toBe(canonicalJson(odd));
    // Only the very object sealed: a copy, which could have been changed since, has none.
    expect(sealedCanonicalText({ ...odd })).toBeUndefined();
  });

  it('refuses when the number of event ids does not match the events', () => {
    expect(() => sealEvents([collected, dispatched], sealContext({ eventIds: ['only-one'] }))).toThrow(
      /event ids/,
    );
  });
});

describe('verifyChain', () => {
  it('accepts an untouched stream and reports its length and head', () => {
    const stream = aStream();
    expect(verifyChain(stream)).toEqual({ valid: true, length: 3, headHash: stream[2].hash, problems: [] });
  });

  it('treats an empty stream as valid with the genesis head', () => {
    expect(verifyChain([])).toEqual({ valid: true, length: 0, headHash: GENESIS_HASH, problems: [] });
  });

  it('names the revision whose title was edited after sealing', () => {
    const stream = aStream();
    const tampered = stream.map((event) =>
      event.type === 'registered' ? { ...event, data: { ...event.data, title: 'Judul yang diubah' } } : event,
    );
    const report = verifyChain(tampered);
    expect(report.valid).toBe(false);
    expect(report.firstBrokenRevision).toBe(0);
    expect(report.problems).toEqual([expect.objectContaining({ revision: 0, problem: 'hash-mismatch' })]);
  });

  it('catches a rewritten event whose hash was recomputed, through the next prevHash', () => {
    const stream = aStream();
    const forged = { ...stream[1], data: { locationId: 'dinas-a', custodianId: 'kurir-2' } } as CustodyEvent;
    forged.hash = hashEvent(forged);
    const report = verifyChain([stream[0], forged, stream[2]]);
    expect(report.firstBrokenRevision).toBe(2);
    expect(report.problems).toEqual([
      expect.objectContaining({ revision: 2, problem: 'prev-hash-mismatch' }),
    ]);
  });

  it('reports a deleted event as a revision gap', () => {
    const stream = aStream();
    const report = verifyChain([stream[0], stream[2]]);
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.problem)).toEqual(['revision-gap', 'prev-hash-mismatch']);
    expect(report.firstBrokenRevision).toBe(2);
  });

  it('reports an event without a usable hash as unparsable', () => {
    const stream = aStream();
    const broken = { ...stream[1], hash: 'not-a-hash' };
    const report = verifyChain([stream[0], broken, stream[2]]);
    expect(report.problems[0]).toMatchObject({ revision: 1, problem: 'unparsable' });
  });

  it('reports an event holding a fraction (cannot be canonicalised) as unparsable', () => {
    const stream = aStream();
    const withFraction = { ...stream[0], data: { ...stream[0].data, year: 2010.5 } } as CustodyEvent;
    expect(verifyChain([withFraction]).problems).toEqual([
      expect.objectContaining({ revision: 0, problem: 'unparsable' }),
    ]);
  });
});

describe('ChainWalker', () => {
  it('verifies streams interleaved as a walk of the whole store meets them, one event at a time', () => {
    const first = aStream();
    const second = aStream();
    const walker = new ChainWalker();
    const problems = [
      walker.next('item-a', 0, first[0]),
      walker.next('item-b', 0, second[0]),
      walker.next('item-a', 1, first[1]),
      walker.next('item-b', 1, { ...second[1], note: 'edited' }),
      walker.next('item-a', 2, first[2]),
    ];
    expect(problems.map((found) => found.map((p) => p.problem))).toEqual([[], [], [], ['hash-mismatch'], []]);
    expect(walker.streamCount).toBe(2);
    expect(walker.eventCount).toBe(5);
    expect(walker.headOf('item-a')).toBe(first[2].hash);
  });

  it('names a gap in the store: an event missing between two of a stream', () => {
    const stream = aStream();
    const walker = new ChainWalker();
    walker.next('item-a', 0, stream[0]);
    expect(walker.next('item-a', 2, stream[2]).map((p) => p.problem)).toEqual([
      'revision-gap',
      'prev-hash-mismatch',
    ]);
  });
});
