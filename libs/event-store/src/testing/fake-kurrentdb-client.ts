import { EventEmitter } from 'node:events';
import {
  END,
  EVENT_TYPE,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { AppendStreamState, Filter, Position } from '@kurrent/kurrentdb-client';
import type { KurrentClient } from '../kurrentdb/kurrentdb-event-store';

/**
 * A stand-in for `KurrentDBClient` at its public API, answering as the client's source and the
 * server's documented behaviour say: IndexWriter.CheckCommit's idempotency (ids at the expected
 * positions under an exact revision or no_stream; a bounded cache of recent ids under any /
 * stream_exists, ids never unique across streams), reads from a position include it, a refused
 * append resolves `success: false` with batchAppend.js' revision when throwOnAppendFailure is
 * false, multiStreamAppend needs 25.1 and string metadata. Not a server: nothing here proves what
 * a real one does beyond what those sources say.
 */
interface Stored {
  streamId: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  revision: number;
  position: bigint;
  created: Date;
}

interface Incoming {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

export interface FakeOptions {
  throwOnAppendFailure?: boolean;
  /** Ids the server's idempotency cache holds under any/stream_exists (CommitedEventsMemCacheLimit). */
  idCacheSize?: number;
  serverVersion?: string;
  sendsCaughtUp?: boolean;
}

export type Failure = { error: Error; afterCommit?: boolean };

export class FakeKurrentDbClient {
  readonly log: Stored[] = [];
  private readonly streams = new Map<
    string,
    { events: Stored[]; truncateBefore: number; deleted: boolean }
  >();
  private readonly idCache = new Map<string, { streamId: string; revision: number }>();
  private readonly live = new Set<(event: Stored) => void>();
  private next = 100n;
  /** Thrown by the next calls of that method, in order. */
  readonly failures: Record<'append' | 'multi' | 'subscribe' | 'readAll', Failure[]> = {
    append: [],
    multi: [],
    subscribe: [],
    readAll: [],
  };
  appendCalls = 0;
  disposed = false;

  constructor(private readonly options: FakeOptions = {}) {}

  asClient(): KurrentClient {
    return this as unknown as KurrentClient;
  }

  get capabilities(): Promise<{ serverVersion: string; supports: (method: { path: string }) => boolean }> {
    const version = this.options.serverVersion ?? '24.10.0';
    return Promise.resolve({
      serverVersion: version,
      supports: (method) => method.path.endsWith('/AppendSession') && this.hasMultiAppend(),
    });
  }

  deleteStream(streamId: string): void {
    this.streamOf(streamId).deleted = true;
  }

  async appendToStream(
    streamName: string,
    events: Incoming | Incoming[],
    { streamState = 'any' }: { streamState?: AppendStreamState } = {},
  ): Promise<{ success: boolean; nextExpectedRevision: bigint; position?: Position }> {
    this.appendCalls += 1;
    const failure = this.failures.append.shift();
    if (failure && !failure.afterCommit) throw failure.error;
    const list = Array.isArray(events) ? events : [events];
    const check = this.checkCommit(streamName, streamState, list);
    if (check.kind === 'conflict') {
      if (this.options.throwOnAppendFailure === false) {
        // batchAppend.js: BigInt(wrongExpectedVersion.hasCurrentStreamRevision()).
        return { success: false, nextExpectedRevision: check.current >= 0 ? 1n : -1n, position: undefined };
      }
      throw this.conflict(streamName, streamState, check.current);
    }
    const last = check.kind === 'idempotent' ? check.last : this.write(streamName, list);
    if (failure) throw failure.error;
    return {
      success: true,
      nextExpectedRevision: BigInt(last.revision),
      position: toPosition(last.position),
    };
  }

  async multiStreamAppend(
    requests: { streamName: string; expectedState: AppendStreamState; events: Incoming[] }[],
  ): Promise<{ position: bigint; responses: { streamName: string; revision: bigint }[] }> {
    if (!this.hasMultiAppend()) throw new UnsupportedError('multiStreamAppend', '25.1');
    for (const request of requests)
      for (const event of request.events)
        if (Object.values((event.metadata ?? {}) as object).some((v) => typeof v !== 'string'))
          throw new Error(
            'multiStreamAppend requires metadata to be a plain object with string keys and string values.',
          );
    const failure = this.failures.multi.shift();
    if (failure && !failure.afterCommit) throw failure.error;
    const checks = requests.map((r) => this.checkCommit(r.streamName, r.expectedState, r.events));
    const refused = checks.findIndex((c) => c.kind === 'conflict');
    if (refused >= 0) {
      const check = checks[refused] as { current: number };
      throw this.conflict(requests[refused].streamName, requests[refused].expectedState, check.current);
    }
    const responses = requests.map((r, i) => {
      const check = checks[i];
      const last = check.kind === 'idempotent' ? check.last : this.write(r.streamName, r.events);
      return { streamName: r.streamName, revision: BigInt(last.revision) };
    });
    if (failure) throw failure.error;
    return { position: this.next - 1n, responses };
  }

  readStream(
    streamName: string,
    options: {
      fromRevision?: bigint | typeof START | typeof END;
      direction?: string;
      maxCount?: number;
    } = {},
  ): AsyncIterable<{ event: ReturnType<typeof toEvent> }> {
    const stream = this.streams.get(streamName);
    const backwards = options.direction === 'backwards';
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    return (async function* () {
      await Promise.resolve();
      if (!stream || stream.events.length === 0) throw new StreamNotFoundError(undefined, streamName);
      if (stream.deleted) throw StreamDeletedError.fromStreamName(streamName);
      let visible = stream.events.filter((e) => e.revision >= stream.truncateBefore);
      if (backwards) {
        visible = [...visible].reverse();
        if (typeof options.fromRevision === 'bigint')
          visible = visible.filter((e) => e.revision <= Number(options.fromRevision));
      } else if (typeof options.fromRevision === 'bigint') {
        visible = visible.filter((e) => e.revision >= Number(options.fromRevision));
      }
      for (const e of visible.slice(0, max)) yield { event: toEvent(e) };
    })();
  }

  readAll(
    options: {
      fromPosition?: Position | typeof START | typeof END;
      direction?: string;
      maxCount?: number;
      filter?: Filter;
    } = {},
  ): AsyncIterable<{ event: ReturnType<typeof toEvent> }> {
    const failure = this.failures.readAll.shift();
    const matching = this.log.filter((e) => matches(options.filter, e));
    const from = options.fromPosition;
    const backwards = options.direction === 'backwards';
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    return (async function* () {
      await Promise.resolve();
      if (failure) throw failure.error;
      let list = backwards ? [...matching].reverse() : matching;
      if (from && typeof from === 'object')
        list = list.filter((e) => (backwards ? e.position <= from.commit : e.position >= from.commit));
      for (const e of list.slice(0, max)) yield { event: toEvent(e) };
    })();
  }

  subscribeToAll(
    options: { fromPosition?: Position | typeof START; filter?: Filter } = {},
  ): FakeSubscription {
    const failure = this.failures.subscribe.shift();
    const from =
      options.fromPosition && typeof options.fromPosition === 'object' ? options.fromPosition.commit : 0n;
    const subscription = new FakeSubscription(() => this.live.delete(push));
    const push = (e: Stored): void => {
      if (e.position >= from && matches(options.filter, e)) subscription.push(toEvent(e));
    };
    queueMicrotask(() => {
      // afterCommit: the stored events are delivered first, then the error (a drop mid-stream).
      if (failure && !failure.afterCommit) return subscription.fail(failure.error);
      for (const e of this.log) push(e);
      if (failure) return subscription.fail(failure.error);
      if (this.options.sendsCaughtUp !== false) subscription.emit('caughtUp', {});
      this.live.add(push);
    });
    return subscription;
  }

  async setStreamMetadata(
    streamName: string,
    metadata: { truncateBefore?: number },
  ): Promise<{ success: boolean }> {
    this.streamOf(streamName).truncateBefore = metadata.truncateBefore ?? 0;
    return { success: true };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  /** The stream as the server holds it, truncated events included. */
  stored(streamId: string): Stored[] {
    return this.streams.get(streamId)?.events ?? [];
  }

  private hasMultiAppend(): boolean {
    const [major, minor] = (this.options.serverVersion ?? '24.10').split('.').map(Number);
    return major > 25 || (major === 25 && minor >= 1);
  }

  private streamOf(streamId: string) {
    let stream = this.streams.get(streamId);
    if (!stream) this.streams.set(streamId, (stream = { events: [], truncateBefore: 0, deleted: false }));
    return stream;
  }

  /** IndexWriter.CheckCommit, as far as this adapter meets it. */
  private checkCommit(
    streamId: string,
    state: AppendStreamState,
    events: Incoming[],
  ): { kind: 'ok' } | { kind: 'idempotent'; last: Stored } | { kind: 'conflict'; current: number } {
    const stream = this.streams.get(streamId);
    if (stream?.deleted) throw StreamDeletedError.fromStreamName(streamId);
    const stored = stream?.events ?? [];
    const current = stored.length - 1;
    if (state === 'stream_exists' && current < 0) return { kind: 'conflict', current };
    if (state === 'any' || state === 'stream_exists') {
      const hits = events.map((e) => this.idCache.get(e.id));
      if (!hits[0] || hits[0].streamId !== streamId) return { kind: 'ok' };
      if (hits.some((h) => !h || h.streamId !== streamId)) return { kind: 'conflict', current };
      return { kind: 'idempotent', last: stored[(hits[hits.length - 1] as { revision: number }).revision] };
    }
    const expected = state === 'no_stream' ? -1 : Number(state);
    if (expected < current) {
      for (const [i, e] of events.entries()) {
        if (stored[expected + 1 + i]?.id !== e.id) return { kind: 'conflict', current };
      }
      return { kind: 'idempotent', last: stored[expected + events.length] };
    }
    if (expected > current) return { kind: 'conflict', current };
    return { kind: 'ok' };
  }

  private write(streamId: string, events: Incoming[]): Stored {
    const stream = this.streamOf(streamId);
    let last: Stored | null = null;
    for (const e of events) {
      last = {
        streamId,
        id: e.id,
        type: e.type,
        data: JSON.parse(JSON.stringify(e.data)),
        metadata: JSON.parse(JSON.stringify(e.metadata ?? {})),
        revision: stream.events.length,
        position: this.next,
        created: new Date(),
      };
      this.next += 10n;
      stream.events.push(last);
      this.log.push(last);
      this.idCache.set(e.id, { streamId, revision: last.revision });
      for (const notify of this.live) notify(last);
      if (this.idCache.size > (this.options.idCacheSize ?? 10_000)) {
        this.idCache.delete(this.idCache.keys().next().value as string);
      }
    }
    return last as Stored;
  }

  private conflict(
    streamName: string,
    expected: AppendStreamState,
    current: number,
  ): WrongExpectedVersionError {
    return new WrongExpectedVersionError(undefined, {
      streamName,
      expected,
      current: current < 0 ? 'no_stream' : BigInt(current),
    });
  }
}

export class FakeSubscription extends EventEmitter {
  private readonly queue: unknown[] = [];
  private error: Error | null = null;
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(private readonly onEnd: () => void) {
    super();
  }

  push(event: unknown): void {
    this.queue.push({ event });
    this.wake?.();
  }

  fail(error: Error): void {
    this.error = error;
    this.wake?.();
  }

  async unsubscribe(): Promise<void> {
    this.ended = true;
    this.onEnd();
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<unknown> {
    for (;;) {
      if (this.queue.length > 0) {
        yield this.queue.shift();
        continue;
      }
      if (this.error) throw this.error;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

const toPosition = (position: bigint): Position => ({ commit: position, prepare: position });

function toEvent(e: Stored) {
  return {
    streamId: e.streamId,
    id: e.id,
    revision: BigInt(e.revision),
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    isJson: true,
    created: e.created,
    position: toPosition(e.position),
  };
}

function matches(filter: Filter | undefined, e: Stored): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === EVENT_TYPE ? e.type : e.streamId;
  if ('prefixes' in filter) return filter.prefixes.some((p) => subject.startsWith(p));
  return new RegExp(filter.regex).test(subject);
}
