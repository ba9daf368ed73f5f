import { GENESIS_HASH, sealedCanonicalText, type Decision, type Refusal } from '@jejak/custody';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type JsonObject,
  type RecordedEvent,
  type StreamAppend,
} from '../event-store.port';
import { CommandRefusedError, ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-errors';
import { idSourceFor, type IdempotentRequest } from './idempotent-request';
import { KeyedSerializer } from './keyed-serializer';
import type { HandledMany, ManyStreamsSpec } from './many-streams';

/** What every chained stream's state keeps about its stream. */
export interface StreamHead {
  revision: number;
  headHash: string;
  eventIds: readonly string[];
}

/** The envelope every sealed event carries, whatever its stream. */
export interface SealedEvent {
  eventId: string;
  type: string;
  revision: number;
  prevHash: string;
  hash: string;
}

/** How a stream folds into its state (Emmett's Decider, less decide, which needs a context). */
export interface StreamFold<E, S> {
  /** The one place stored JSON becomes a typed event. */
  decode(data: JsonObject): E;
  evolve(state: S | null, event: E): S;
}

/** Where the next events chain on: after `prevRevision`, linked to `prevHash`, with these ids. */
export interface ChainStart {
  prevRevision: number;
  prevHash: string;
  eventIds: readonly string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** Other streams a decision writes to (a transfer's claims before it, its item mirrors after). */
export interface Companions {
  before?: StreamAppend[];
  after?: StreamAppend[];
}

/** Least-recently-used states of recently written streams: a hint, checked by the append. */
export interface StateCache<S> {
  get(streamId: string): S | undefined;
  set(streamId: string, state: S): void;
  delete(streamId: string): void;
}

/** One command on one stream, as its adapter (item, transfer, import) describes it. */
export interface CommandSpec<D, E extends SealedEvent, S extends StreamHead, Ctx, G = undefined> {
  streamId: string;
  fold: StreamFold<E, S>;
  /** Made from the server time of each attempt; a refusal here (a bad occurredAt) ends the command. */
  context(now: string): Checked<Ctx>;
  /** What else the decision needs from the store (a transfer's manifest items), read each attempt. */
  gather?(state: S | null): Promise<G>;
  decide(state: S | null, ctx: Ctx, gathered: G): Decision<D>;
  /**
   * What a decision that holds takes from outside the stream before it is recorded (a kode serah
   * bound to its courier, a drawn signature kept): atomic in its own store, so a rival that got
   * there first refuses the command here (recording nothing), as decide would have. Not run for a
   * request recorded before (its events are answered as stored); it may run again on a retry
   * after a concurrent append, so what it does must be idempotent.
   */
  settle?(decided: readonly D[], state: S | null, ctx: Ctx, gathered: G): Promise<Refusal | null>;
  seal(decided: readonly D[], chain: ChainStart, ctx: Ctx): E[];
  companions?(decided: readonly D[], state: S | null, ctx: Ctx, gathered: G): Companions;
  /** The caller's pinned revision: a conflict is then answered, never retried. */
  expectedRevision?: number;
  request?: IdempotentRequest;
  /** Names this stream's events under the request: event `i` is `request.id(...idScope, i)`. */
  idScope?: readonly string[];
  tokenId: string;
  cache?: StateCache<S>;
  /** A creation: try first as if the stream did not exist, without reading it. */
  expectsNew?: boolean;
}

export type Handled<E, S> =
  | { replayed: false; events: E[]; state: S; appends: StreamAppend[]; results: AppendResult[] }
  /** The request was recorded before: its events as stored, the last one and the state after it. */
  | { replayed: true; recorded: RecordedEvent[]; last: RecordedEvent; state: S };

/** Attempts of an unpinned command against other writers (other processes) before a 409. */
export const MAX_ATTEMPTS = 20;

/**
 * The one way a command is recorded: load the stream (or take the cached state), fold it, decide,
 * seal the events into the stream's hash chain, append with the expected revision. A request seen
 * before (Idempotency-Key) answers as the first time; a concurrent append is retried against the
 * latest state unless the caller pinned a revision. Commands on one stream queue in this process.
 */
export class CommandPipeline {
  private readonly queue = new KeyedSerializer();

  constructor(
    private readonly store: EventStore,
    private readonly maxAttempts = MAX_ATTEMPTS,
  ) {}

  handle<D, E extends SealedEvent, S extends StreamHead, Ctx, G = undefined>(
    spec: CommandSpec<D, E, S, Ctx, G>,
  ): Promise<Handled<E, S>> {
    return this.queue.run(spec.streamId, () => this.attempts(spec));
  }

  /**
   * One command over many streams (a daftar arsip import: one registration per item), through the
   * same stages: read each stream (one this request recorded before counts as done), decide once
   * over all of them, seal each stream's events into its own chain, append in batches with each
   * stream's expected revision. A refusal records nothing. Not retried and not queued: a concurrent
   * writer on one of the streams ends the command with a ConcurrencyConflictError, the batches
   * before it staying recorded.
   */
  async handleMany<D, E extends SealedEvent, S extends StreamHead, Ctx, R>(
    spec: ManyStreamsSpec<D, E, S, Ctx, R>,
  ): Promise<HandledMany<D, R>> {
    const { fold, request } = spec;
    const ids = idSourceFor(request);
    const earlier = new Map<string, RecordedEvent[]>();
    const states = new Map<string, S | null>();
    for (const { streamId, idScope } of spec.streams) {
      const recorded = await this.store.readStream(streamId);
      const replay =
        request && earlierOrOther(() => findEarlier(recorded, ids(...idScope, 0), request.requestHash, fold));
      if (replay) earlier.set(streamId, replay.recorded);
      else states.set(streamId, foldRecorded(recorded, fold));
    }

    const ctx = spec.context(new Date().toISOString());
    if (!ctx.ok) throw new CommandRefusedError(ctx.refusal);
    const decision = spec.decide(states, ctx.value);
    if (!decision.ok) return decision;
    const decided = decision.events;
    if (spec.dryRun) return { ok: true, earlier, decided, results: [] };

    const metadata = requestMetadata(request, spec.tokenId);
    const appends = spec.streams.flatMap(({ streamId, idScope }) => {
      const events = decided.get(streamId) ?? [];
      if (events.length === 0) return [];
      const state = states.get(streamId) ?? null;
      const chain = chainStart(
        state,
        events.map((_, index) => ids(...idScope, index)),
      );
      return [
        toStreamAppend(
          streamId,
          spec.seal(streamId, events, chain, ctx.value),
          metadata,
          expectedAfter(state),
        ),
      ];
    });

    const results: AppendResult[] = [];
    const batchSize = spec.batchSize ?? appends.length;
    spec.onAppended?.(0);
    for (let start = 0; start < appends.length; start += batchSize) {
      const batch = appends.slice(start, start + batchSize);
      try {
        results.push(...(await this.store.appendMany(batch)));
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        const expected = batch.find((a) => a.streamId === error.streamId)?.expectedRevision;
        throw new ConcurrencyConflictError(
          error.streamId,
          typeof expected === 'number' ? expected : -1,
          error.actual,
          false,
        );
      }
      spec.onAppended?.(start + batch.length);
    }
    return { ok: true, earlier, decided, results };
  }

  /** The stream's state, folded from the store (null when it does not exist). */
  async load<E, S>(streamId: string, fold: StreamFold<E, S>): Promise<S | null> {
    return foldRecorded(await this.store.readStream(streamId), fold);
  }

  private async attempts<D, E extends SealedEvent, S extends StreamHead, Ctx, G>(
    spec: CommandSpec<D, E, S, Ctx, G>,
  ): Promise<Handled<E, S>> {
    const { streamId, fold, cache, request, expectedRevision: pinned } = spec;
    const ids = idSourceFor(request);
    const scope = spec.idScope ?? [];
    const eventIds: string[] = [];
    const eventId = (index: number): string => (eventIds[index] ??= ids(...scope, index));
    const metadata = requestMetadata(request, spec.tokenId);

    // Optimistic first: a cached state (or, for a creation, "no stream yet") skips reading the
    // stream and is validated by the append's expected revision. Any answer but success is given
    // only from a fresh read, so answers are those of reading the stream every time.
    let optimistic = true;
    for (let attempt = 1; ;) {
      const cached = optimistic ? cache?.get(streamId) : undefined;
      const fromCache =
        optimistic &&
        (cached !== undefined
          ? !(request && cached.eventIds.includes(eventId(0)))
          : spec.expectsNew === true);
      let state: S | null;
      if (fromCache) {
        state = cached ?? null;
      } else {
        const recorded = await this.store.readStream(streamId);
        const earlier = request && findEarlier(recorded, eventId(0), request.requestHash, fold);
        if (earlier) return earlier;
        state = foldRecorded(recorded, fold);
      }
      const readAgain = (): boolean => {
        if (!fromCache) return false;
        cache?.delete(streamId);
        optimistic = false;
        return true;
      };

      if (pinned !== undefined && state && state.revision !== pinned) {
        if (readAgain()) continue;
        throw new ConcurrencyConflictError(streamId, pinned, state.revision, true);
      }
      const ctx = spec.context(new Date().toISOString());
      if (!ctx.ok) throw new CommandRefusedError(ctx.refusal);
      const gathered = (spec.gather ? await spec.gather(state) : undefined) as G;
      const decision = spec.decide(state, ctx.value, gathered);
      if (!decision.ok) {
        if (readAgain()) continue;
        throw new CommandRefusedError(decision.refusal);
      }
      const unsettled = spec.settle ? await spec.settle(decision.events, state, ctx.value, gathered) : null;
      if (unsettled) {
        if (readAgain()) continue;
        throw new CommandRefusedError(unsettled);
      }
      const chain = chainStart(
        state,
        decision.events.map((_, index) => eventId(index)),
      );
      const sealed = spec.seal(decision.events, chain, ctx.value);
      const own = toStreamAppend(streamId, sealed, metadata, expectedAfter(state));
      const companions = spec.companions?.(decision.events, state, ctx.value, gathered) ?? {};
      const appends = [...(companions.before ?? []), own, ...(companions.after ?? [])];
      try {
        const results =
          appends.length === 1
            ? [await this.store.append(streamId, own.events, own.expectedRevision)]
            : await this.store.appendMany(appends);
        // The state after, from the events as stored (a JSON round trip, as a replay sees them).
        const after = own.events.reduce<S | null>(
          (next, event) =>
            fold.evolve(next, fold.decode(JSON.parse(JSON.stringify(event.data)) as JsonObject)),
          state,
        )!;
        cache?.set(streamId, after);
        return { replayed: false, events: sealed, state: after, appends, results };
      } catch (error) {
        cache?.delete(streamId);
        const raced = error instanceof DuplicateEventIdError || error instanceof WrongExpectedRevisionError;
        if (raced && readAgain()) continue;
        if (error instanceof DuplicateEventIdError) throw new IdempotencyKeyReusedError();
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (pinned !== undefined || attempt >= this.maxAttempts) {
          throw new ConcurrencyConflictError(
            error.streamId,
            pinned ?? state?.revision ?? -1,
            error.actual,
            pinned !== undefined,
          );
        }
        attempt++;
        await pause(attempt);
      }
    }
  }
}

/** Where the next events of a stream in `state` chain on. */
export const chainStart = (state: StreamHead | null, eventIds: readonly string[]): ChainStart => ({
  prevRevision: state ? state.revision : -1,
  prevHash: state ? state.headHash : GENESIS_HASH,
  eventIds,
});

const expectedAfter = (state: StreamHead | null): StreamAppend['expectedRevision'] =>
  state ? state.revision : 'no_stream';

/** What every event of a request carries besides itself: which body and which token sent it. */
export const requestMetadata = (
  request: IdempotentRequest | null | undefined,
  tokenId: string,
): JsonObject => ({
  requestHash: request?.requestHash ?? null,
  tokenId,
});

/**
 * Events as the store takes them: the sealed event is the data (with its canonical JSON as sealed,
 * so the store does not serialise it again), the request's marks the metadata.
 */
export function toStreamAppend(
  streamId: string,
  sealed: readonly SealedEvent[],
  metadata: JsonObject,
  expectedRevision: StreamAppend['expectedRevision'],
): StreamAppend {
  const events: EventToAppend[] = sealed.map((event) => ({
    eventId: event.eventId,
    type: event.type,
    data: { ...event },
    metadata,
    canonicalData: sealedCanonicalText(event),
  }));
  return { streamId, events, expectedRevision };
}

export function foldRecorded<E, S>(recorded: readonly RecordedEvent[], fold: StreamFold<E, S>): S | null {
  return recorded.reduce<S | null>((state, r) => fold.evolve(state, fold.decode(r.data)), null);
}

/**
 * Many streams are decided together: a stream the key recorded for another body is not an error
 * of the whole command but one more existing stream, which decide refuses by its state (an import
 * names it by row).
 */
function earlierOrOther<T>(find: () => T | null): T | null {
  try {
    return find();
  } catch (error) {
    if (error instanceof IdempotencyKeyReusedError) return null;
    throw error;
  }
}

/** A retry of a request already recorded: its events (first to last of the same body), or a reused key. */
function findEarlier<E, S>(
  recorded: readonly RecordedEvent[],
  firstEventId: string,
  requestHash: string,
  fold: StreamFold<E, S>,
): Extract<Handled<E, S>, { replayed: true }> | null {
  const first = recorded.findIndex((r) => r.eventId === firstEventId);
  if (first < 0) return null;
  if (recorded[first].metadata.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  let last = first;
  while (last + 1 < recorded.length && recorded[last + 1].metadata.requestHash === requestHash) last++;
  const mine = recorded.slice(0, last + 1);
  return { replayed: true, recorded: mine, last: recorded[last], state: foldRecorded(mine, fold)! };
}

/** Other processes append too: a short random wait keeps retries from colliding again in step. */
const pause = (attempt: number): Promise<void> =>
  attempt <= 2
    ? Promise.resolve()
    : new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
