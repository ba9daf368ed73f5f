import type { AppendResult, RecordedEvent } from '../event-store.port';
import type { ChainStart, Checked, SealedEvent, StreamFold, StreamHead } from './command-pipeline';
import type { IdempotentRequest } from './idempotent-request';

/** One stream of a many-streams command: its event `i` is `request.id(...idScope, i)`. */
export interface StreamOfMany {
  streamId: string;
  idScope: readonly string[];
}

/** Each stream's events, or the caller's own refusal of the whole command (e.g. row errors). */
export type ManyDecision<D, R> =
  { ok: true; events: ReadonlyMap<string, readonly D[]> } | { ok: false; refusal: R };

/** One decision over many streams (a daftar arsip import: one registration per item). */
export interface ManyStreamsSpec<D, E extends SealedEvent, S extends StreamHead, Ctx, R> {
  streams: readonly StreamOfMany[];
  fold: StreamFold<E, S>;
  context(now: string): Checked<Ctx>;
  /** Given the state of every stream this request has not recorded before (null when new). */
  decide(states: ReadonlyMap<string, S | null>, ctx: Ctx): ManyDecision<D, R>;
  seal(streamId: string, decided: readonly D[], chain: ChainStart, ctx: Ctx): E[];
  request?: IdempotentRequest;
  tokenId: string;
  /** Decide only: answer what would be recorded, recording nothing. */
  dryRun?: boolean;
  /** Streams per appendMany; atomic within a batch where the store is. */
  batchSize?: number;
  /** Before the first batch and after each: how many of the decided streams are recorded so far. */
  onAppended?(streams: number): void;
}

export type HandledMany<D, R> =
  | { ok: false; refusal: R }
  | {
      ok: true;
      /** Streams this very request recorded before (a retry): their events as stored. */
      earlier: ReadonlyMap<string, RecordedEvent[]>;
      decided: ReadonlyMap<string, readonly D[]>;
      /** One per recorded stream, in the order of `streams` (none on a dry run). */
      results: AppendResult[];
    };
