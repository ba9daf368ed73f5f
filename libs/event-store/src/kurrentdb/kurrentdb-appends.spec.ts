import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  DeadlineExceededError,
  NotLeaderError,
  UnavailableError,
  UnsupportedError,
} from '@kurrent/kurrentdb-client';
import {
  DuplicateEventIdError,
  StreamDeletedError,
  WrongExpectedRevisionError,
  type EventToAppend,
} from '../event-store.port';
import { FakeKurrentDbClient, type FakeOptions } from '../testing/fake-kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { CHUNK_BYTES, MULTI_APPEND_JOURNAL, STAGING_PREFIX } from './multi-append-journal';

const event = (data: Record<string, unknown> = { n: 1 }): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ItemRegistered',
  data,
  metadata: { requestHash: null, tokenId: 't1' },
});

async function open(options: FakeOptions = {}) {
  const fake = new FakeKurrentDbClient(options);
  const warnings: string[] = [];
  const store = new KurrentDbEventStore({
    connectionString: 'unused',
    client: fake.asClient(),
    retryDelayMs: 1,
    warn: (m) => warnings.push(m),
  });
  await store.connect();
  return { fake, store, warnings };
}

// A leader change as grpc-js reports it (CommandError.js reads these two metadata entries).
const notLeader = () =>
  new NotLeaderError({
    metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' },
  } as never);

describe('KurrentDbEventStore appends, against the client as its source answers', () => {
  it('refuses a reused id with another payload that the server took as an idempotent re-append', async () => {
    const { fake, store } = await open();
    const original = event({ title: 'A' });
    await store.append('item-1', [original], 'no_stream');
    await store.append('item-1', [event()], 0);
    // The server compares ids only: under no_stream it answers success for the id at revision 0.
    const error = await store
      .append('item-1', [{ ...original, data: { title: 'B' } }], 'no_stream')
      .catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(fake.stored('item-1').map((e) => e.data)).toEqual([{ title: 'A' }, { n: 1 }]);
  });

  it('compares payloads as the server stores them: key order and Dates do not make a duplicate', async () => {
    const { store } = await open();
    const original = { ...event(), data: { b: 1, a: { y: [1, 2], x: new Date('2026-01-01T00:00:00Z') } } };
    const first = await store.append('item-1', [original], 'no_stream');
    const reordered = { ...original, data: { a: { x: '2026-01-01T00:00:00.000Z', y: [1, 2] }, b: 1 } };
    expect(await store.append('item-1', [reordered], 'no_stream')).toEqual(first);
    await expect(
      store.append('item-1', [{ ...original, data: { b: 1, a: { y: [2, 1] } } }], 'no_stream'),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
  });

  it('checks what it wrote on the leader, where a follower may not hold it yet', async () => {
    const { fake, store } = await open();
    const reads = jest.spyOn(fake, 'readStream');
    await store.append('item-1', [event()], 'no_stream');
    expect(reads).toHaveBeenCalledWith('item-1', expect.objectContaining({ requiresLeader: true }));
    await store.readStream('item-1');
    expect(reads).toHaveBeenLastCalledWith('item-1', expect.objectContaining({ requiresLeader: false }));
  });

  it('under any, finds an id the server no longer has in its cache instead of writing it twice', async () => {
    const { fake, store } = await open({ idCacheSize: 1 });
    const batch = [event(), event()];
    const first = await store.append('item-1', batch, 'no_stream');
    await store.append('item-2', [event()], 'no_stream');
    expect(await store.append('item-1', batch, 'any')).toEqual(first);
    expect(fake.stored('item-1')).toHaveLength(2);
    await expect(store.append('item-1', [{ ...batch[0], data: { n: 2 } }], 'any')).rejects.toBeInstanceOf(
      DuplicateEventIdError,
    );
  });

  it('with throwOnAppendFailure=false, a refused append is a conflict with the actual revision', async () => {
    const { fake, store } = await open({ throwOnAppendFailure: false });
    await store.append('item-1', [event(), event(), event()], 'no_stream');
    const error = await store.append('item-1', [event()], 0).catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    // batchAppend.js would have said 1 (a boolean turned BigInt); the adapter reads the stream.
    expect(error).toMatchObject({ expected: 0, actual: 2 });
    expect(fake.stored('item-1')).toHaveLength(3);
    await expect(store.append('item-9', [event()], 'stream_exists')).rejects.toMatchObject({ actual: -1 });
  });

  it('retries an exact-revision append after Unavailable, NotLeader and a lost reply, writing once', async () => {
    const { fake, store } = await open();
    await store.append('item-1', [event()], 'no_stream');
    fake.failures.append.push({ error: new UnavailableError() }, { error: notLeader() });
    fake.failures.append.push({ error: new DeadlineExceededError(), afterCommit: true });
    const appended = [event()];
    const result = await store.append('item-1', appended, 0);
    expect(result.revision).toBe(1);
    expect(fake.stored('item-1').map((e) => e.id)).toEqual([
      fake.stored('item-1')[0].id,
      appended[0].eventId,
    ]);
    expect(fake.appendCalls).toBe(1 + 4);
  });

  it('does not retry an append under any, where the server could write it twice', async () => {
    const { fake, store } = await open();
    fake.failures.append.push({ error: new DeadlineExceededError(), afterCommit: true });
    await expect(store.append('item-1', [event()], 'any')).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(fake.appendCalls).toBe(1);
  });

  it('gives up after the configured attempts', async () => {
    const { fake, store } = await open();
    for (let i = 0; i < 4; i++) fake.failures.append.push({ error: new UnavailableError() });
    await expect(store.append('item-1', [event()], 'no_stream')).rejects.toBeInstanceOf(UnavailableError);
    expect(fake.stored('item-1')).toEqual([]);
  });

  it('reports a stream deleted on the server as StreamDeletedError on append and read', async () => {
    const { fake, store } = await open();
    await store.append('item-1', [event()], 'no_stream');
    fake.deleteStream('item-1');
    await expect(store.append('item-1', [event()], 0)).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.readStream('item-1')).rejects.toMatchObject({
      name: 'StreamDeletedError',
      streamId: 'item-1',
    });
  });

  it('pings without $all rights and names the missing right when $all is refused', async () => {
    const { fake, store } = await open();
    fake.failures.readAll.push({ error: new AccessDeniedError() });
    await expect(store.ping()).resolves.toBeUndefined();
    await expect(store.headPosition()).rejects.toThrow(/must be allowed to read \$all/);
  });
});

describe('KurrentDbEventStore appendMany', () => {
  const appends = () => [
    { streamId: 'item-a', events: [event(), event()], expectedRevision: 'no_stream' as const },
    { streamId: 'item-b', events: [event()], expectedRevision: 'no_stream' as const },
  ];

  it('is atomic with multiStreamAppend on 25.1, metadata intact, and writes no journal', async () => {
    const { fake, store } = await open({ serverVersion: '25.1.0' });
    expect(store.supportsAtomicMultiStream).toBe(true);
    const batch = appends();
    const results = await store.appendMany(batch);
    expect(results.map((r) => r.revision)).toEqual([1, 0]);
    expect((await store.readStream('item-a'))[0].metadata).toEqual({ requestHash: null, tokenId: 't1' });
    expect(fake.stored(MULTI_APPEND_JOURNAL)).toEqual([]);
    // A retry after a lost reply answers the first results.
    expect(await store.appendMany(batch)).toEqual(results);
    expect(fake.stored('item-a')).toHaveLength(2);
  });

  it('falls back to the journal where the client says the server lacks multiStreamAppend', async () => {
    const { fake, store, warnings } = await open({ serverVersion: '23.10.1' });
    expect(store.supportsAtomicMultiStream).toBe(false);
    expect(warnings.join()).toMatch(/24\.2/);
    await store.appendMany(appends());
    expect(fake.stored(MULTI_APPEND_JOURNAL).map((e) => e.type)).toEqual([
      'MultiAppendIntended',
      'MultiAppendCompleted',
    ]);
    const spy = jest.spyOn(fake, 'multiStreamAppend');
    expect(spy).not.toHaveBeenCalled();
  });

  it('switches to the journal when multiStreamAppend turns out unsupported', async () => {
    const { fake, store } = await open({ serverVersion: '25.1.0' });
    jest
      .spyOn(fake, 'multiStreamAppend')
      .mockRejectedValueOnce(new UnsupportedError('multiStreamAppend', '25.1'));
    await store.appendMany(appends());
    expect(store.supportsAtomicMultiStream).toBe(false);
    expect(fake.stored('item-b')).toHaveLength(1);
  });

  it('journal: stages a large batch in chunks below the append limit; the intent carries no payload', async () => {
    const { fake, store } = await open();
    const title = 'T'.repeat(1000);
    const batch = Array.from({ length: 500 }, (_, i) => ({
      streamId: `item-${i}`,
      events: [event({ title, note: 'N'.repeat(2000) })],
      expectedRevision: 'no_stream' as const,
    }));
    const sizes: number[] = [];
    const append = fake.appendToStream.bind(fake);
    jest.spyOn(fake, 'appendToStream').mockImplementation(async (stream, events, options) => {
      sizes.push(Buffer.byteLength(JSON.stringify(events)));
      return append(stream, events, options);
    });
    await store.appendMany(batch);
    // Over 2 MiB in all: beyond KurrentDB's default MaxAppendSize of 1 MiB as one intent would have been.
    expect(sizes.reduce((a, b) => a + b)).toBeGreaterThan(2 * 1024 * 1024);
    expect(Math.max(...sizes)).toBeLessThan(CHUNK_BYTES * 1.1);
    const [intent] = fake.stored(MULTI_APPEND_JOURNAL);
    expect(Buffer.byteLength(JSON.stringify(intent.data))).toBeLessThan(2048);
    expect(fake.stored('item-499')).toHaveLength(1);
    // The staged copy is cut off once the streams are written.
    const staging = String((intent.data as { staging: string }).staging);
    expect(staging.startsWith(STAGING_PREFIX)).toBe(true);
    expect(await store.readStream(staging)).toEqual([]);
  });

  it('journal: without the right to truncate, appends still succeed and a warning names the right', async () => {
    const { fake, store, warnings } = await open();
    jest.spyOn(fake, 'setStreamMetadata').mockRejectedValue(new AccessDeniedError());
    expect((await store.appendMany(appends())).map((r) => r.revision)).toEqual([1, 0]);
    expect(await store.repair()).toBe(0);
    expect(warnings.filter((w) => /metadata-write rights/.test(w))).toHaveLength(2);
  });

  it('journal: repair completes an interrupted batch from its staged events, then cuts the journal', async () => {
    const { fake, store } = await open();
    const batch = appends();
    await store.interruptAppendMany(batch);
    expect(fake.stored('item-b')).toEqual([]);
    expect(await store.repair()).toBe(1);
    expect(fake.stored('item-b').map((e) => e.id)).toEqual([batch[1].events[0].eventId]);
    expect(await store.readStream(MULTI_APPEND_JOURNAL)).toEqual([]);
    expect(await store.repair()).toBe(0);
  });
});
