import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  START,
  streamNameFilter,
  StreamNotFoundError as ServerStreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { Filter, Position } from '@kurrent/kurrentdb-client';
import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { isSafeToRetry, mapServerError } from './kurrentdb-errors';
import {
  encodePosition,
  fromCurrentState,
  isAfter,
  toMultiAppendMetadata,
  toRecordedEvent,
  toStreamState,
  toWrongExpectedRevision,
} from './kurrentdb-mapping';
import { detectServerFeatures, versionWarnings, type ServerFeatures } from './kurrentdb-server-features';
import { isNew, resumeFrom, subscribeWithResume } from './kurrentdb-subscription';
import { MultiAppendJournal } from './multi-append-journal';

/** The part of the client this adapter uses: what the unit specs stand in for. */
export type KurrentClient = Pick<
  KurrentDBClient,
  | 'appendToStream'
  | 'multiStreamAppend'
  | 'readStream'
  | 'readAll'
  | 'subscribeToAll'
  | 'setStreamMetadata'
  | 'dispose'
>;

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://host:2113?tls=false` or `esdb://…`. */
  connectionString: string;
  /** Test seam: a client standing in for the one the connection string would make. */
  client?: KurrentClient;
  /** Delay before resubscribing after the server went away (doubles up to 10 s). */
  reconnectDelayMs?: number;
  /** Attempts of an append that may be retried (exact revision or no_stream). */
  appendAttempts?: number;
  retryDelayMs?: number;
  /** Where a warning about the server goes (an old version); default process.emitWarning. */
  warn?: (message: string) => void;
}

const DEFAULT_PAGE_SIZE = 500;
const MAX_RECONNECT_DELAY_MS = 10_000;
const MAX_TRANSIENT_FAILURES = 6;
/** Read to prove the server answers: a user stream, so no $all rights are needed for it. */
const PING_STREAM = 'jejak-ping';

/**
 * EventStoreDB/KurrentDB adapter. appendMany is atomic with multiStreamAppend where the server has
 * it (25.1+, found at `connect`), else it goes through a write-ahead journal that `repair()`
 * completes after a crash.
 */
export class KurrentDbEventStore implements EventStore {
  /** KurrentDB keys event ids per stream: a reused id is only refused within its stream. */
  readonly eventIdsUniqueAcrossStreams = false;

  private readonly client: KurrentClient;
  private readonly journal: MultiAppendJournal;
  private readonly reconnectDelayMs: number;
  private readonly appendAttempts: number;
  private readonly retryDelayMs: number;
  private readonly warn: (message: string) => void;
  private readonly subscriptions = new Set<Subscription>();
  private features: ServerFeatures = { version: null, multiStreamAppend: false };

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = options.client ?? KurrentDBClient.connectionString(options.connectionString);
    this.reconnectDelayMs = options.reconnectDelayMs ?? 500;
    this.appendAttempts = options.appendAttempts ?? 4;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.warn = options.warn ?? ((message) => process.emitWarning(message));
    this.journal = new MultiAppendJournal(
      {
        append: (streamId, events, expected) => this.append(streamId, events, expected),
        appendRaw: async (streamId, events, expected) => {
          const written = await this.write(streamId, events, expected);
          if ('conflict' in written) throw new WrongExpectedRevisionError(streamId, expected, -1);
        },
        readStream: (streamId) => this.readStream(streamId),
        truncateBefore: async (streamId, revision) =>
          void (await this.client.setStreamMetadata(streamId, { truncateBefore: revision })),
      },
      this.warn,
    );
  }

  get supportsAtomicMultiStream(): boolean {
    return this.features.multiStreamAppend;
  }

  /** Proves the server answers, learns what it can do, and finishes interrupted appendMany calls. */
  async connect(): Promise<void> {
    await this.ping();
    this.features = await detectServerFeatures(this.client);
    for (const warning of versionWarnings(this.features.version)) this.warn(warning);
    // Also on 25.1+: a journal left by an older server (or before an upgrade) is finished first.
    await this.repair();
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId} has no events`);
    // Under any/stream_exists the server only checks a bounded cache of recent ids: an older id
    // would be written a second time, so look in the stream first.
    if (expectedRevision === 'any' || expectedRevision === 'stream_exists') {
      const earlier = await this.findInStream(streamId, events);
      if (earlier) return earlier;
    }
    const written = await this.write(streamId, events, expectedRevision);
    if ('conflict' in written) {
      const earlier = await this.findEarlierAppend(streamId, events, expectedRevision);
      if (earlier) return earlier;
      throw new WrongExpectedRevisionError(
        streamId,
        expectedRevision,
        await this.actualRevision(written, streamId),
      );
    }
    // The server answers an idempotent re-append exactly like a new one, and compares ids only:
    // read what the stream holds at those revisions and compare the payloads.
    return this.verifyStored(streamId, events, written.revision);
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    if (this.features.multiStreamAppend) {
      try {
        return await this.appendAtomically(appends);
      } catch (error) {
        // Thrown by the client before anything is sent (appendToStream/index.js).
        if (!(error instanceof UnsupportedError)) throw error;
        this.features = { ...this.features, multiStreamAppend: false };
      }
    }
    return this.journal.run(appends);
  }

  /** Finishes appendMany calls interrupted by a crash (journal mode). Called by `connect`. */
  repair(): Promise<number> {
    return this.journal.repair();
  }

  /** Test seam: leaves an appendMany as a crash after its first stream would. */
  interruptAppendMany(appends: StreamAppend[]): Promise<void> {
    return this.journal.runFirstOnly(appends);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamFrom(streamId, options, false);
  }

  /**
   * `fromLeader` for the adapter's own checks right after a write: a follower (nodePreference
   * other than leader) may not hold it yet.
   */
  private async readStreamFrom(
    streamId: string,
    options: ReadStreamOptions,
    fromLeader: boolean,
  ): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const maxCount = options.toRevision === undefined ? undefined : options.toRevision - from + 1;
    if (maxCount !== undefined && maxCount <= 0) return [];
    const until = options.recordedUntil ? new Date(options.recordedUntil).getTime() : Infinity;
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(from),
        direction: FORWARDS,
        maxCount,
        requiresLeader: fromLeader,
      })) {
        const event = toRecordedEvent(resolved);
        if (event && Date.parse(event.recordedAt) <= until) out.push(event);
      }
    } catch (error) {
      if (error instanceof ServerStreamNotFoundError) return [];
      throw mapServerError(error, { streamId });
    }
    return out;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = options.batchSize ?? DEFAULT_PAGE_SIZE;
    const point = resumeFrom(options.after);
    const filter = this.filterFor(options.streamPrefixes);
    for (;;) {
      // A read from a position includes the event there: a page read from one starts with an event
      // already delivered (or excluded by `after`), so ask for one more. Asking for exactly
      // batchSize made every page after the first hold only that event with batchSize 1.
      const maxCount = point.last === null && point.from === START ? pageSize : pageSize + 1;
      const before = point.last;
      let seen = 0;
      try {
        for await (const resolved of this.client.readAll({
          fromPosition: point.last ?? point.from,
          maxCount,
          filter,
        })) {
          seen += 1;
          const position = resolved.event?.position;
          if (!position) continue;
          const fresh = isNew(point, position);
          if (!point.last || isAfter(position, point.last)) point.last = position;
          const event = fresh ? toRecordedEvent(resolved) : null;
          if (event) yield event;
        }
      } catch (error) {
        throw mapServerError(error, { readsAll: true });
      }
      const advanced = point.last !== null && (before === null || isAfter(point.last, before));
      if (seen < maxCount || !advanced) return;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const filter = this.filterFor(options.streamPrefixes);
    const subscription = subscribeWithResume(
      this.client,
      options,
      {
        filter,
        reconnectDelayMs: this.reconnectDelayMs,
        maxDelayMs: MAX_RECONNECT_DELAY_MS,
        maxTransientFailures: MAX_TRANSIENT_FAILURES,
        findHead: () => this.lastPosition(filter),
      },
      (stopped) => this.subscriptions.delete(stopped),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<string | null> {
    const last = await this.lastPosition(excludeSystemEvents());
    return last ? encodePosition(last) : null;
  }

  async ping(): Promise<void> {
    try {
      for await (const _ of this.client.readStream(PING_STREAM, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      }))
        break;
    } catch (error) {
      if (error instanceof ServerStreamNotFoundError) return;
      throw mapServerError(error, { streamId: PING_STREAM });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private filterFor(prefixes: string[] | undefined): Filter {
    return prefixes && prefixes.length > 0 ? streamNameFilter({ prefixes }) : excludeSystemEvents();
  }

  private async lastPosition(filter: Filter): Promise<Position | null> {
    try {
      for await (const resolved of this.client.readAll({
        fromPosition: END,
        direction: BACKWARDS,
        maxCount: 1,
        filter,
      }))
        return resolved.event?.position ?? null;
    } catch (error) {
      throw mapServerError(error, { readsAll: true });
    }
    return null;
  }

  /**
   * One appendToStream, sent again after a transient error where that is safe. A conflict comes
   * back as `{ conflict }`: thrown by the client, or resolved with `success: false` when the
   * connection string says `throwOnAppendFailure=false` (append.js / batchAppend.js).
   */
  private async write(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<{ revision: number; position: string } | { conflict: bigint | null }> {
    const data = events.map((e) =>
      jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata ?? {} }),
    );
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.client.appendToStream(streamId, data, {
          streamState: toStreamState(expected),
        });
        // batchAppend.js reports the current revision of a refused append as BigInt(hasCurrentStreamRevision()),
        // i.e. 1n or -1n: not to be trusted, so it is read again.
        if (!result.success) return { conflict: null };
        return { revision: Number(result.nextExpectedRevision), position: encodePosition(result.position) };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          return { conflict: BigInt(fromCurrentState(error.actualState)) };
        }
        if (attempt >= this.appendAttempts || !isSafeToRetry(error, expected)) {
          throw mapServerError(error, { streamId });
        }
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * attempt));
      }
    }
  }

  private async actualRevision(written: { conflict: bigint | null }, streamId: string): Promise<number> {
    if (written.conflict !== null) return Number(written.conflict);
    try {
      const last = this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
        requiresLeader: true,
      });
      for await (const resolved of last) return Number(resolved.event?.revision ?? -1n);
    } catch (error) {
      if (error instanceof ServerStreamNotFoundError) return -1;
      throw mapServerError(error, { streamId });
    }
    return -1;
  }

  private async appendAtomically(appends: StreamAppend[]): Promise<AppendResult[]> {
    const requests = appends.map(({ streamId, events, expectedRevision }) => ({
      streamName: streamId,
      expectedState: toStreamState(expectedRevision),
      events: events.map((e) =>
        jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: toMultiAppendMetadata(e.metadata) }),
      ),
    }));
    const safe = appends.every((a) => a.expectedRevision !== 'any' && a.expectedRevision !== 'stream_exists');
    let result: Awaited<ReturnType<KurrentClient['multiStreamAppend']>> | null = null;
    for (let attempt = 1; result === null; attempt++) {
      try {
        result = await this.client.multiStreamAppend(requests);
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) return this.resolveMultiConflict(appends, error);
        const retry = safe && attempt < this.appendAttempts && isSafeToRetry(error, 0);
        if (!retry) throw mapServerError(error, {});
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * attempt));
      }
    }
    const revisions = new Map(result.responses.map((r) => [r.streamName, Number(r.revision)]));
    const results: AppendResult[] = [];
    for (const { streamId, events } of appends) {
      const revision = revisions.get(streamId);
      if (revision === undefined) throw new Error(`multiStreamAppend did not answer for ${streamId}`);
      results.push(await this.verifyStored(streamId, events, revision));
    }
    return results;
  }

  /** A retried multi-append that had committed finds every stream holding its events. */
  private async resolveMultiConflict(
    appends: StreamAppend[],
    error: WrongExpectedVersionError,
  ): Promise<AppendResult[]> {
    const earlier: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of appends) {
      const found = await this.findEarlierAppend(streamId, events, expectedRevision);
      if (!found) break;
      earlier.push(found);
    }
    if (earlier.length === appends.length) return earlier;
    const refused = appends.find((a) => a.streamId === error.streamName) ?? appends[0];
    throw toWrongExpectedRevision(error, refused.streamId, refused.expectedRevision);
  }

  /** The events stored at the revisions the server reported must be these, payloads included. */
  private async verifyStored(
    streamId: string,
    events: EventToAppend[],
    lastRevision: number,
  ): Promise<AppendResult> {
    const first = lastRevision - events.length + 1;
    const stored = await this.readStreamFrom(
      streamId,
      { fromRevision: first, toRevision: lastRevision },
      true,
    );
    return this.compare(stored, events, streamId);
  }

  private compare(stored: RecordedEvent[], events: EventToAppend[], streamId: string): AppendResult {
    events.forEach((event, i) => {
      const row = stored[i];
      if (!row || row.eventId !== event.eventId) {
        throw new Error(
          `stream ${streamId}: the server acknowledged event ${event.eventId} but does not hold it`,
        );
      }
      if (row.type !== event.type || !samePayload(row.data, event.data))
        throw new DuplicateEventIdError(event.eventId);
    });
    const last = stored[events.length - 1];
    return { revision: last.revision, position: last.position };
  }

  /** An earlier append of these ids anywhere in the stream (any / stream_exists). */
  private async findInStream(streamId: string, events: EventToAppend[]): Promise<AppendResult | null> {
    const stored = await this.readStreamFrom(streamId, {}, true);
    const start = stored.findIndex((e) => e.eventId === events[0].eventId);
    if (start < 0) return null;
    return this.compare(stored.slice(start, start + events.length), events, streamId);
  }

  /**
   * After a conflict: the server's own idempotency compares ids only and only at the expected
   * revision; this looks where the original write must be, and refuses a reused id with another
   * payload.
   */
  private async findEarlierAppend(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | null> {
    const start = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : null;
    if (start === null) return null;
    const stored = await this.readStreamFrom(
      streamId,
      { fromRevision: start, toRevision: start + events.length - 1 },
      true,
    );
    if (stored.length === 0 || stored[0].eventId !== events[0].eventId) return null;
    return this.compare(stored, events, streamId);
  }
}

/**
 * Same JSON value, whatever the key order the server's JSON round trip gave back; what is sent is
 * compared as JSON too (a Date becomes its string, undefined disappears), as the server stores it.
 */
function samePayload(stored: unknown, sent: unknown): boolean {
  return canonical(stored) === canonical(JSON.parse(JSON.stringify(sent ?? null)));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
