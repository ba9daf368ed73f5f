/**
 * The event store port: the system of record. Every adapter (sqlite/, kurrentdb/) implements it
 * and passes the same contract suite (event-store.contract.ts).
 */

/** Expected state of a stream before an append. A number is the exact revision of its last event. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

export type JsonObject = { [key: string]: unknown };

export interface EventToAppend {
  /** Caller-chosen, unique in the store (a UUID, or derived deterministically from an idempotency key). */
  eventId: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
  /**
   * The RFC 8785 canonical JSON of `data`, when the caller already has it (the domain's sealing
   * does: `sealedCanonicalText`). An adapter may keep this text instead of serialising `data` again;
   * it must be exactly canonicalJson(data).
   */
  canonicalData?: string;
}

export interface RecordedEvent {
  eventId: string;
  type: string;
  streamId: string;
  /** 0-based revision within the stream. */
  revision: number;
  /** Global position as a decimal string (64-bit on EventStoreDB); compare with BigInt. */
  position: string;
  data: JsonObject;
  metadata: JsonObject;
  /** Server time of the commit, ISO 8601 UTC. */
  recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event of this append (the stream's revision now). */
  revision: number;
  /** Global position of the last event of this append. */
  position: string;
}

export interface StreamAppend {
  streamId: string;
  events: EventToAppend[];
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** Inclusive. */
  fromRevision?: number;
  /** Inclusive. */
  toRevision?: number;
  /** Only events recorded at or before this ISO time. */
  recordedUntil?: string;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Absent = from the start. */
  after?: string | null;
  /** Only streams whose id starts with one of these. */
  streamPrefixes?: string[];
  /** Page size for the underlying reads. */
  batchSize?: number;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Called in global order, one at a time; the next waits for the returned promise. */
  onEvent: (event: RecordedEvent) => void | Promise<void>;
  /** Called when the subscription has caught up with the head (then goes on live). */
  onCaughtUp?: () => void;
  onError?: (error: Error) => void;
}

export interface Subscription {
  /** Stops delivering; resolves once no handler is running. */
  stop(): Promise<void>;
}

export interface EventStore {
  /** Whether appendMany is atomic across streams on this backend. */
  readonly supportsAtomicMultiStream: boolean;

  /**
   * Whether a reused event id is refused in another stream too (DuplicateEventIdError). Absent =
   * true. KurrentDB keys ids per stream (IndexWriter.CheckCommit), so its adapter says false: there
   * a reused id is refused within its stream only.
   */
  readonly eventIdsUniqueAcrossStreams?: boolean;

  /**
   * Appends to one stream if it is in the expected state. Re-appending the same event ids with the
   * same payloads is a no-op success returning the original revision and position.
   * @throws WrongExpectedRevisionError, DuplicateEventIdError
   */
  append(
    streamId: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;

  /** All or nothing where `supportsAtomicMultiStream`; otherwise in order, stream by stream. */
  appendMany(appends: StreamAppend[]): Promise<AppendResult[]>;

  /** Events of one stream, oldest first; empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Every event in global order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** Catch up from `after`, then live, without gap or duplicate at the switch. */
  subscribeToAll(options: SubscribeOptions): Subscription;

  /** Position of the last event in the store, or null when it is empty. */
  headPosition(): Promise<string | null>;

  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision; -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** The same event id was appended before with another payload or to another stream. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} already exists with other content`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The stream was deleted on the server (KurrentDB); the embedded store never deletes. */
export class StreamDeletedError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} was deleted on the server`);
    this.name = 'StreamDeletedError';
  }
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export const comparePositions = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
