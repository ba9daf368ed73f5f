import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.port';
import type { AppendResult, EventToAppend, RecordedEvent, StreamAppend } from '../event-store.port';

/** Not `$` streams: system streams need admin rights the service should not hold. */
export const MULTI_APPEND_JOURNAL = 'jejak-multi-append-journal';
export const STAGING_PREFIX = 'jejak-multi-append-staged-';
export const INTENT_RECORDED = 'MultiAppendIntended';
export const INTENT_COMPLETED = 'MultiAppendCompleted';
export const EVENTS_STAGED = 'MultiAppendStaged';

/**
 * Bytes of event JSON per staged chunk. KurrentDB refuses an append over MaxAppendSize (1 MiB by
 * default, MaxAppendSizeExceededError); a chunk is one append, so it stays well below that
 * whatever the size of the whole appendMany (a 500-row import with 1,000-character titles).
 */
export const CHUNK_BYTES = 256 * 1024;
/** Completed intents between truncations of the journal. */
const COMPACT_EVERY = 100;

export interface JournalPort {
  /** The adapter's own append: idempotent for the same ids and payloads. */
  append(
    streamId: string,
    events: EventToAppend[],
    expected: StreamAppend['expectedRevision'],
  ): Promise<AppendResult>;
  /** For the journal's own streams (fresh ids, no idempotency checks needed). */
  appendRaw(
    streamId: string,
    events: EventToAppend[],
    expected: StreamAppend['expectedRevision'],
  ): Promise<void>;
  /** Oldest first; what lies before the stream's truncation point is not returned. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** Sets the stream's `$tb`: events before `revision` are no longer read (and scavenged). */
  truncateBefore(streamId: string, revision: number): Promise<void>;
}

interface Piece {
  streamId: string;
  expectedRevision: StreamAppend['expectedRevision'];
  events: EventToAppend[];
}

/** Splits the appends into chunks of about CHUNK_BYTES, at event boundaries. */
export function chunkAppends(appends: StreamAppend[]): Piece[][] {
  const chunks: Piece[][] = [];
  let chunk: Piece[] = [];
  let size = 0;
  for (const { streamId, expectedRevision, events } of appends) {
    let piece: Piece | null = null;
    for (const event of events) {
      const bytes = Buffer.byteLength(JSON.stringify(event));
      if (size > 0 && size + bytes > CHUNK_BYTES) {
        chunks.push(chunk);
        chunk = [];
        size = 0;
        piece = null;
      }
      if (!piece) {
        piece = { streamId, expectedRevision, events: [] };
        chunk.push(piece);
      }
      piece.events.push(event);
      size += bytes;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** The appends again from their chunks: pieces of one stream joined in order. */
export function joinChunks(chunks: Piece[][]): StreamAppend[] {
  const appends: StreamAppend[] = [];
  for (const piece of chunks.flat()) {
    const last = appends[appends.length - 1];
    if (last && last.streamId === piece.streamId) last.events.push(...piece.events);
    else
      appends.push({
        streamId: piece.streamId,
        expectedRevision: piece.expectedRevision,
        events: [...piece.events],
      });
  }
  return appends;
}

/**
 * Write-ahead intent for servers without multiStreamAppend. The events are staged first in a
 * stream of their own, in chunks each far below the append limit; then a small intent (no
 * payload) goes into the journal; then the streams are written and a completion recorded. After a
 * crash `repair` completes every intent without a completion from its staged events: re-running
 * is safe because re-appending the same ids and payloads is an idempotent success. Finished
 * intents are cut off the journal (`$tb`), so `repair` reads only what is recent or unfinished.
 */
export class MultiAppendJournal {
  private completedSinceCompaction = 0;

  constructor(
    private readonly port: JournalPort,
    /** A truncation the server refused (no metadata-write right): the journal keeps growing. */
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  async run(appends: StreamAppend[]): Promise<AppendResult[]> {
    const intent = await this.recordIntent(appends);
    let finished = false;
    try {
      const results = await this.complete(intent.intentId, appends);
      finished = true;
      return results;
    } catch (error) {
      // Unfinished (server gone): the staged events stay for repair.
      finished = isRefusal(error);
      throw error;
    } finally {
      if (finished)
        await this.afterCompletion(intent).catch((error: unknown) => this.warnNotTruncated(error));
    }
  }

  /** Test seam and crash model: staged, intended and the first stream written, then nothing. */
  async runFirstOnly(appends: StreamAppend[]): Promise<void> {
    await this.recordIntent(appends);
    const [first] = appends;
    await this.port.append(first.streamId, first.events, first.expectedRevision);
  }

  /** Finishes every intent that has no completion record; returns how many it re-ran. */
  async repair(): Promise<number> {
    const { unfinished } = await this.readJournal();
    const stuck: number[] = [];
    for (const intent of unfinished) {
      const done = await this.repairOne(intent).catch(() => false);
      if (!done) stuck.push(intent.revision);
    }
    await this.compact(stuck).catch((error: unknown) => this.warnNotTruncated(error));
    return unfinished.length;
  }

  private async repairOne(intent: RecordedEvent): Promise<boolean> {
    // An intent of the first journal format carried its events inline.
    if (Array.isArray(intent.data.appends)) {
      await this.complete(intent.eventId, intent.data.appends as StreamAppend[]).catch((error: unknown) => {
        if (!isRefusal(error)) throw error;
      });
      return true;
    }
    const staging = String(intent.data.staging);
    const staged = (await this.port.readStream(staging)).filter((e) => e.type === EVENTS_STAGED);
    if (staged.length !== Number(intent.data.chunks)) return false;
    const appends = joinChunks(staged.map((e) => e.data.pieces as Piece[]));
    await this.complete(intent.eventId, appends).catch((error: unknown) => {
      if (!isRefusal(error)) throw error;
    });
    await this.port.truncateBefore(staging, staged.length).catch(() => undefined);
    return true;
  }

  /** Cuts the journal before its oldest unfinished intent (one still running elsewhere stays). */
  private async compact(keep: number[] = []): Promise<void> {
    const { events, unfinished } = await this.readJournal();
    if (events.length === 0) return;
    const open = [...keep, ...unfinished.map((e) => e.revision)];
    const cut = open.length > 0 ? Math.min(...open) : events[events.length - 1].revision + 1;
    if (cut > events[0].revision) await this.port.truncateBefore(MULTI_APPEND_JOURNAL, cut);
  }

  private async readJournal(): Promise<{ events: RecordedEvent[]; unfinished: RecordedEvent[] }> {
    const events = await this.port.readStream(MULTI_APPEND_JOURNAL);
    const completed = new Set(events.filter((e) => e.type === INTENT_COMPLETED).map((e) => e.data.intentId));
    const unfinished = events.filter((e) => e.type === INTENT_RECORDED && !completed.has(e.eventId));
    return { events, unfinished };
  }

  private async recordIntent(
    appends: StreamAppend[],
  ): Promise<{ intentId: string; staging: string; chunks: number }> {
    const intentId = randomUUID();
    const staging = `${STAGING_PREFIX}${intentId}`;
    const chunks = chunkAppends(appends);
    for (const [index, pieces] of chunks.entries()) {
      await this.port.appendRaw(
        staging,
        [{ eventId: randomUUID(), type: EVENTS_STAGED, data: { pieces } }],
        index === 0 ? 'no_stream' : index - 1,
      );
    }
    const data = { staging, chunks: chunks.length, streams: appends.map((a) => a.streamId).slice(0, 20) };
    await this.port.appendRaw(
      MULTI_APPEND_JOURNAL,
      [{ eventId: intentId, type: INTENT_RECORDED, data }],
      'any',
    );
    return { intentId, staging, chunks: chunks.length };
  }

  /**
   * A conflict ends the intent as failed (recorded, so repair does not retry it) and is rethrown;
   * any other error (server gone) leaves it unfinished for repair.
   */
  private async complete(intentId: string, appends: StreamAppend[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    try {
      for (const { streamId, events, expectedRevision } of appends) {
        results.push(await this.port.append(streamId, events, expectedRevision));
      }
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await this.recordCompletion(intentId, error instanceof Error ? error.message : String(error));
      throw error;
    }
    await this.recordCompletion(intentId, null);
    return results;
  }

  private warnNotTruncated(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.warn(`the multi-append journal could not be truncated (${reason}): it needs metadata-write rights`);
  }

  private async afterCompletion(intent: { staging: string; chunks: number }): Promise<void> {
    await this.port.truncateBefore(intent.staging, intent.chunks);
    this.completedSinceCompaction += 1;
    if (this.completedSinceCompaction < COMPACT_EVERY) return;
    this.completedSinceCompaction = 0;
    await this.compact();
  }

  private async recordCompletion(intentId: string, failure: string | null): Promise<void> {
    await this.port.appendRaw(
      MULTI_APPEND_JOURNAL,
      [{ eventId: randomUUID(), type: INTENT_COMPLETED, data: { intentId, failure } }],
      'any',
    );
  }
}

const isRefusal = (error: unknown): boolean =>
  error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
