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
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { AllStreamSubscription, Filter, Position, ReadPosition } from '@kurrent/kurrentdb-client';
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
} from '../event-store.port';
import {
  decodePosition,
  encodePosition,
  isAfter,
  toRecordedEvent,
  toStreamState,
  toWrongExpectedRevision,
} from './kurrentdb-mapping';
import { MultiAppendJournal } from './multi-append-journal';

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://host:2113?tls=false` or `esdb://…`. */
  connectionString: string;
  /** Delay before resubscribing after the server went away (doubles up to 10 s). */
  reconnectDelayMs?: number;
}

const DEFAULT_PAGE_SIZE = 500;
const MAX_RECONNECT_DELAY_MS = 10_000;

/** A read that resumes exactly: the full position of the last event delivered, or the caller's checkpoint. */
interface ResumePoint {
  from: ReadPosition;
  /** Events not strictly after this are skipped (reads from a position include it). */
  last: Position | null;
  /** A checkpoint given as a commit position: skip everything at that commit too. */
  afterCommit: bigint | null;
}

const resumeFrom = (after: string | null | undefined): ResumePoint =>
  after
    ? { from: decodePosition(after), last: null, afterCommit: BigInt(after) }
    : { from: START, last: null, afterCommit: null };

const isNew = (point: ResumePoint, position: Position | undefined): boolean => {
  if (!position) return false;
  if (point.afterCommit !== null && position.commit <= point.afterCommit) return false;
  return point.last === null || isAfter(position, point.last);
};

/**
 * EventStoreDB/KurrentDB adapter. Not atomic across streams: appendMany goes through a write-ahead
 * intent journal that `repair()` completes after a crash.
 */
export class KurrentDbEventStore implements EventStore {
  readonly supportsAtomicMultiStream = false;

  private readonly client: KurrentDBClient;
  private readonly journal = new MultiAppendJournal(this);
  private readonly reconnectDelayMs: number;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.reconnectDelayMs = options.reconnectDelayMs ?? 500;
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId} has no events`);
    const data = events.map((e) =>
      jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata ?? {} }),
    );
    try {
      const result = await this.client.appendToStream(streamId, data, {
        streamState: toStreamState(expectedRevision),
      });
      return { revision: Number(result.nextExpectedRevision), position: encodePosition(result.position) };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A retry after a lost reply carries the original expected revision: find the earlier write.
      const earlier = await this.findEarlierAppend(streamId, events, expectedRevision);
      if (earlier) return earlier;
      throw toWrongExpectedRevision(error, streamId, expectedRevision);
    }
  }

  appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return Promise.resolve([]);
    return this.journal.run(appends);
  }

  /** Finishes appendMany calls interrupted by a crash. Call once on connect. */
  repair(): Promise<number> {
    return this.journal.repair();
  }

  /** Test seam: leaves an appendMany as a crash after its first stream would. */
  interruptAppendMany(appends: StreamAppend[]): Promise<void> {
    return this.journal.runFirstOnly(appends);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
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
      })) {
        const event = toRecordedEvent(resolved);
        if (event && Date.parse(event.recordedAt) <= until) out.push(event);
      }
    } catch (error) {
      if (error instanceof ServerStreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = options.batchSize ?? DEFAULT_PAGE_SIZE;
    const point = resumeFrom(options.after);
    const filter = this.filterFor(options.streamPrefixes);
    for (;;) {
      let seen = 0;
      let fresh = 0;
      for await (const resolved of this.client.readAll({
        fromPosition: point.from,
        maxCount: pageSize,
        filter,
      })) {
        seen += 1;
        const position = resolved.event?.position;
        if (!isNew(point, position)) continue;
        fresh += 1;
        point.last = position as Position;
        point.from = position as Position;
        const event = toRecordedEvent(resolved);
        if (event) yield event;
      }
      if (fresh === 0 || seen < pageSize) return;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const point = resumeFrom(options.after);
    const filter = this.filterFor(options.streamPrefixes);
    let stopped = false;
    let current: AllStreamSubscription | null = null;
    let caughtUp = false;

    const runOnce = async (): Promise<void> => {
      current = this.client.subscribeToAll({ fromPosition: point.last ?? point.from, filter });
      current.on('caughtUp', () => {
        if (!caughtUp && !stopped) options.onCaughtUp?.();
        caughtUp = true;
      });
      for await (const resolved of current) {
        if (stopped) return;
        const position = resolved.event?.position;
        if (!isNew(point, position)) continue;
        const event = toRecordedEvent(resolved);
        if (event) await deliver(event);
        point.last = position as Position;
      }
    };

    const deliver = async (event: RecordedEvent): Promise<void> => {
      try {
        await options.onEvent(event);
      } catch (error) {
        stopped = true;
        throw new HandlerError(error instanceof Error ? error : new Error(String(error)));
      }
    };

    const loop = async (): Promise<void> => {
      let delay = this.reconnectDelayMs;
      while (!stopped) {
        try {
          await runOnce();
          delay = this.reconnectDelayMs;
        } catch (error) {
          if (error instanceof HandlerError || stopped) throw error;
          // The server went away: resubscribe from the last delivered position.
          await new Promise((r) => setTimeout(r, delay));
          delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS);
        }
      }
    };

    const running = loop().catch((error: unknown) => {
      if (error instanceof HandlerError) options.onError?.(error.cause);
      else if (!stopped) options.onError?.(error instanceof Error ? error : new Error(String(error)));
    });
    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        this.subscriptions.delete(subscription);
        await current?.unsubscribe().catch(() => undefined);
        await running;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<string | null> {
    const read = this.client.readAll({
      fromPosition: END,
      direction: BACKWARDS,
      maxCount: 1,
      filter: excludeSystemEvents(),
    });
    for await (const resolved of read) return encodePosition(resolved.event?.position);
    return null;
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }))
      break;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private filterFor(prefixes: string[] | undefined): Filter {
    return prefixes && prefixes.length > 0 ? streamNameFilter({ prefixes }) : excludeSystemEvents();
  }

  /**
   * The server's own idempotency compares ids only and only at the expected revision; this looks
   * where the original write must be, and also refuses a reused id with another payload.
   */
  private async findEarlierAppend(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | null> {
    const start = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : null;
    if (start === null) return null;
    const stored = await this.readStream(streamId, {
      fromRevision: start,
      toRevision: start + events.length - 1,
    });
    if (stored.length === 0 || stored[0].eventId !== events[0].eventId) return null;
    events.forEach((event, i) => {
      const row = stored[i];
      const same =
        row?.eventId === event.eventId &&
        row.type === event.type &&
        JSON.stringify(row.data) === JSON.stringify(event.data);
      if (!same) throw new DuplicateEventIdError(event.eventId);
    });
    const last = stored[stored.length - 1];
    return { revision: last.revision, position: last.position };
  }
}

class HandlerError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}
