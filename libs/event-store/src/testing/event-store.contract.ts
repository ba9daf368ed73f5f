import { randomUUID } from 'node:crypto';
import {
  AppendResult,
  comparePositions,
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  RecordedEvent,
  StreamAppend,
  WrongExpectedRevisionError,
} from '../event-store.port';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
  /** Commits so far, where the backend groups appends into shared commits (SQLite). */
  commitCount?: () => number;
  /**
   * Where appendMany is not atomic: leave an appendMany half done, as if the process died after the
   * first stream; `repair` must then finish it.
   */
  interruptAppendMany?: (appends: StreamAppend[]) => Promise<void>;
  repair?: () => Promise<void>;
}

const event = (type = 'ItemRegistered', data: Record<string, unknown> = { n: 1 }): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { actor: 'contract' },
});

const events = (count: number, data: Record<string, unknown> = {}): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => event('ItemRegistered', { ...data, i }));

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const expectStrictlyIncreasing = (positions: string[]): void => {
  for (let i = 1; i < positions.length; i++)
    expect(comparePositions(positions[i - 1], positions[i])).toBe(-1);
};

/** The behaviour every EventStore adapter must show; stream ids are unique per test so a shared server works. */
export function describeEventStoreContract(name: string, factory: () => Promise<EventStoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    // fsync-bound on a shared machine: allow for slow disks rather than fail on them.
    jest.setTimeout(20_000);
    let subject: EventStoreUnderTest;
    let store: EventStore;
    let prefix: string;
    const stream = (label: string) => `${prefix}${label}`;

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
      prefix = `ct${randomUUID().slice(0, 8)}-`;
    });
    afterEach(async () => subject.cleanup());

    describe('expected revision', () => {
      it('no_stream creates a stream at revision 0 and refuses an existing one with its revision', async () => {
        const id = stream('item-1');
        expect((await store.append(id, [event()], 'no_stream')).revision).toBe(0);
        const error = await rejection(store.append(id, [event()], 'no_stream'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: id, expected: 'no_stream', actual: 0 });
      });

      it('an exact revision must be the last one; a stale one is refused with the actual revision', async () => {
        const id = stream('item-1');
        await store.append(id, events(2), 'no_stream');
        expect((await store.append(id, [event()], 1)).revision).toBe(2);
        const error = await rejection(store.append(id, [event()], 1));
        expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', expected: 1, actual: 2 });
        const missing = await rejection(store.append(stream('nothing'), [event()], 0));
        expect(missing).toMatchObject({ name: 'WrongExpectedRevisionError', actual: -1 });
      });

      it('any appends whatever the state', async () => {
        const id = stream('item-1');
        expect((await store.append(id, [event()], 'any')).revision).toBe(0);
        expect((await store.append(id, events(2), 'any')).revision).toBe(2);
      });

      it('stream_exists refuses a missing stream with actual -1 and accepts an existing one', async () => {
        const id = stream('item-1');
        const error = await rejection(store.append(id, [event()], 'stream_exists'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ actual: -1 });
        await store.append(id, [event()], 'no_stream');
        expect((await store.append(id, [event()], 'stream_exists')).revision).toBe(1);
      });

      it('a refused append records nothing', async () => {
        const id = stream('item-1');
        await store.append(id, events(1), 'no_stream');
        await rejection(store.append(id, events(3), 5));
        expect(await store.readStream(id)).toHaveLength(1);
      });
    });

    describe('idempotency', () => {
      it('re-appending the same event ids returns the original revision and position and adds nothing', async () => {
        const id = stream('item-1');
        await store.append(id, [event()], 'no_stream');
        const batch = events(2);
        const first = await store.append(id, batch, 0);
        await store.append(id, [event()], 2);
        // The retry carries the now stale expected revision of the original request.
        expect(await store.append(id, batch, 0)).toEqual(first);
        expect(await store.append(id, batch, 'any')).toEqual(first);
        const stored = await store.readStream(id);
        expect(stored.map((e) => e.eventId)).toEqual([
          stored[0].eventId,
          batch[0].eventId,
          batch[1].eventId,
          stored[3].eventId,
        ]);
      });

      it('the same event id with another payload is a DuplicateEventIdError', async () => {
        const id = stream('item-1');
        const original = event('ItemRegistered', { title: 'A' });
        await store.append(id, [original], 'no_stream');
        const changed = { ...original, data: { title: 'B' } };
        expect(await rejection(store.append(id, [changed], 'any'))).toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('the same event id in another stream is a DuplicateEventIdError where ids are unique store-wide', async () => {
        const original = event();
        await store.append(stream('item-1'), [original], 'no_stream');
        if (store.eventIdsUniqueAcrossStreams === false) {
          // KurrentDB: ids are keyed per stream; the other stream takes it, the first is untouched.
          await store.append(stream('item-2'), [original], 'no_stream');
          expect((await store.readStream(stream('item-1'))).map((e) => e.eventId)).toEqual([
            original.eventId,
          ]);
          return;
        }
        const error = await rejection(store.append(stream('item-2'), [original], 'no_stream'));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(stream('item-2'))).toEqual([]);
      });

      it('the same event id with another payload under an exact revision is refused and records nothing', async () => {
        const id = stream('item-1');
        const original = event('ItemRegistered', { title: 'A' });
        await store.append(id, [original], 'no_stream');
        await store.append(id, [event()], 0);
        const changed = { ...original, data: { title: 'B' } };
        expect(await rejection(store.append(id, [changed], 'no_stream'))).toBeInstanceOf(
          DuplicateEventIdError,
        );
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('appendMany', () => {
      it('appends to every stream and returns one result per stream', async () => {
        const results = await store.appendMany([
          { streamId: stream('a'), events: events(2), expectedRevision: 'no_stream' },
          { streamId: stream('b'), events: events(1), expectedRevision: 'no_stream' },
        ]);
        expect(results.map((r) => r.revision)).toEqual([1, 0]);
        expect(comparePositions(results[0].position, results[1].position)).toBe(-1);
        expect(await store.readStream(stream('b'))).toHaveLength(1);
      });

      it('is all or nothing where the backend supports it, else repair completes an interrupted one', async () => {
        await store.append(stream('b'), events(1), 'no_stream');
        if (store.supportsAtomicMultiStream) {
          const error = await rejection(
            store.appendMany([
              { streamId: stream('a'), events: events(2), expectedRevision: 'no_stream' },
              { streamId: stream('b'), events: events(1), expectedRevision: 'no_stream' },
            ]),
          );
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(await store.readStream(stream('a'))).toEqual([]);
          expect(await store.readStream(stream('b'))).toHaveLength(1);
          return;
        }
        if (!subject.interruptAppendMany || !subject.repair)
          throw new Error('non-atomic store needs repair hooks');
        const appends: StreamAppend[] = [
          { streamId: stream('a'), events: events(2), expectedRevision: 'no_stream' },
          { streamId: stream('b'), events: events(1), expectedRevision: 0 },
        ];
        await subject.interruptAppendMany(appends);
        await subject.repair();
        expect((await store.readStream(stream('a'))).map((e) => e.eventId)).toEqual(
          appends[0].events.map((e) => e.eventId),
        );
        expect((await store.readStream(stream('b'))).map((e) => e.eventId).slice(1)).toEqual([
          appends[1].events[0].eventId,
        ]);
      });
    });

    describe('reading', () => {
      it('orders events of all streams by strictly increasing position, in commit order', async () => {
        const written: AppendResult[] = [];
        for (const label of ['a', 'b', 'a', 'c', 'b'])
          written.push(await store.append(stream(label), [event()], 'any'));
        const all = await collect(store.readAll({ streamPrefixes: [prefix], batchSize: 2 }));
        expect(all.map((e) => e.position)).toEqual(written.map((w) => w.position));
        expectStrictlyIncreasing(all.map((e) => e.position));
        expect(all.map((e) => e.streamId)).toEqual(['a', 'b', 'a', 'c', 'b'].map(stream));
        const oneByOne = await collect(store.readAll({ streamPrefixes: [prefix], batchSize: 1 }));
        expect(oneByOne.map((e) => e.position)).toEqual(written.map((w) => w.position));
        const rest = await collect(
          store.readAll({ after: written[1].position, streamPrefixes: [prefix], batchSize: 1 }),
        );
        expect(rest.map((e) => e.position)).toEqual(written.slice(2).map((w) => w.position));
      });

      it('readAll starts strictly after the given position and filters by stream prefix', async () => {
        await store.append(stream('item-1'), events(3), 'no_stream');
        await store.append(stream('other-1'), events(2), 'no_stream');
        const items = await collect(store.readAll({ streamPrefixes: [stream('item-')] }));
        expect(items.map((e) => e.revision)).toEqual([0, 1, 2]);
        const rest = await collect(store.readAll({ after: items[0].position, streamPrefixes: [prefix] }));
        expect(rest).toHaveLength(4);
        expect(rest[0]).toEqual(items[1]);
      });

      it('readStream returns a revision range, the events recorded until a time, and [] for no stream', async () => {
        const id = stream('item-1');
        const data = events(5, { title: 'Surat' });
        await store.append(id, data, 'no_stream');
        const range = await store.readStream(id, { fromRevision: 1, toRevision: 3 });
        expect(range.map((e) => e.revision)).toEqual([1, 2, 3]);
        expect(range[0]).toMatchObject({ eventId: data[1].eventId, type: 'ItemRegistered', streamId: id });
        expect(range[0].data).toEqual({ title: 'Surat', i: 1 });
        expect(range[0].metadata).toMatchObject({ actor: 'contract' });
        expect(new Date(range[0].recordedAt).toISOString()).toBe(range[0].recordedAt);
        expect(await store.readStream(id, { recordedUntil: '2000-01-01T00:00:00Z' })).toEqual([]);
        expect(
          await store.readStream(id, { recordedUntil: new Date(Date.now() + 60_000).toISOString() }),
        ).toHaveLength(5);
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('headPosition reaches the last appended position; ping answers', async () => {
        const last = await store.append(stream('item-1'), events(2), 'no_stream');
        const head = await store.headPosition();
        expect(head).not.toBeNull();
        expect(comparePositions(head as string, last.position)).toBeGreaterThanOrEqual(0);
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('subscribeToAll', () => {
      it('switches from catch-up to live without gap or duplicate while 20 writers append', async () => {
        for (let i = 0; i < 30; i++) await store.append(stream(`pre-${i % 5}`), [event()], 'any');
        const received: RecordedEvent[] = [];
        let caughtUp = false;
        const writers = Array.from({ length: 20 }, async (_, w) => {
          for (let i = 0; i < 10; i++)
            await store.append(stream(`live-${w}`), [event()], i === 0 ? 'no_stream' : i - 1);
        });
        const subscription = store.subscribeToAll({
          streamPrefixes: [prefix],
          batchSize: 7,
          onEvent: async (e) => {
            received.push(e);
            if (received.length % 11 === 0) await new Promise((r) => setTimeout(r, 1));
          },
          onCaughtUp: () => (caughtUp = true),
        });
        await Promise.all(writers);
        await waitFor(() => received.length >= 230);
        await new Promise((r) => setTimeout(r, 50));
        await subscription.stop();
        const all = await collect(store.readAll({ streamPrefixes: [prefix] }));
        expect(received.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
        expect(all).toHaveLength(230);
        expectStrictlyIncreasing(received.map((e) => e.position));
        expect(caughtUp).toBe(true);
      });

      it('resumes after a checkpoint with exactly the rest, then live events', async () => {
        const id = stream('item-1');
        await store.append(id, events(10), 'no_stream');
        const history = await collect(store.readAll({ streamPrefixes: [prefix] }));
        const received: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({
          after: history[3].position,
          streamPrefixes: [prefix],
          onEvent: (e) => void received.push(e),
        });
        await store.append(id, events(2), 9);
        await waitFor(() => received.length >= 8);
        await new Promise((r) => setTimeout(r, 50));
        await subscription.stop();
        expect(received.map((e) => e.revision)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
      });

      it('delivers an event committed while the handler is busy, with no later write to wake it', async () => {
        const id = stream('item-1');
        await store.append(id, events(2), 'no_stream');
        const received: RecordedEvent[] = [];
        let appended: Promise<AppendResult> | null = null;
        const subscription = store.subscribeToAll({
          streamPrefixes: [prefix],
          onEvent: async (e) => {
            if (!appended) appended = store.append(id, [event()], 1);
            await appended;
            await new Promise((r) => setTimeout(r, 10));
            received.push(e);
          },
        });
        await waitFor(() => received.length >= 3, 3_000);
        await subscription.stop();
        expect(received.map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('calls the handler one at a time and stop() waits for the running one', async () => {
        await store.append(stream('item-1'), events(5), 'no_stream');
        let running = 0;
        let maxRunning = 0;
        let handled = 0;
        const subscription = store.subscribeToAll({
          streamPrefixes: [prefix],
          onEvent: async () => {
            running += 1;
            maxRunning = Math.max(maxRunning, running);
            await new Promise((r) => setTimeout(r, 5));
            running -= 1;
            handled += 1;
          },
        });
        await waitFor(() => handled >= 2);
        await subscription.stop();
        expect(running).toBe(0);
        expect(maxRunning).toBe(1);
      });
    });

    describe('concurrency', () => {
      it('N concurrent single appends to different streams all succeed (sharing commits where grouped)', async () => {
        const before = subject.commitCount?.();
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.append(stream(`item-${i}`), [event()], 'no_stream')),
        );
        expect(results.every((r) => r.revision === 0)).toBe(true);
        expect(new Set(results.map((r) => r.position)).size).toBe(50);
        if (before !== undefined && subject.commitCount)
          expect(subject.commitCount() - before).toBeLessThan(50);
      });

      it('of concurrent appends to one stream with the same expected revision exactly one wins', async () => {
        const id = stream('item-1');
        await store.append(id, [event()], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(id, [event()], 0)),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(
          lost.every((o) => o.reason instanceof WrongExpectedRevisionError && o.reason.actual === 1),
        ).toBe(true);
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });
  });
}
