import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.port';
import type { AppendResult, RecordedEvent, StreamAppend } from '../event-store.port';

/** Not a `$` stream: system streams need admin rights the service should not hold. */
export const MULTI_APPEND_JOURNAL = 'jejak-multi-append-journal';
export const INTENT_RECORDED = 'MultiAppendIntended';
export const INTENT_COMPLETED = 'MultiAppendCompleted';

export interface JournalPort {
  append(
    streamId: string,
    events: StreamAppend['events'],
    expectedRevision: StreamAppend['expectedRevision'],
  ): Promise<AppendResult>;
  readStream(streamId: string): Promise<RecordedEvent[]>;
}

/**
 * Write-ahead intent for backends without atomic multi-stream appends: the intent (with every
 * event id) is durable before the first stream is touched, so `repair` can finish it after a
 * crash. Re-running is safe because re-appending the same event ids is an idempotent success.
 */
export class MultiAppendJournal {
  constructor(private readonly port: JournalPort) {}

  async run(appends: StreamAppend[]): Promise<AppendResult[]> {
    const intentId = await this.recordIntent(appends);
    return this.complete(intentId, appends);
  }

  /** Test seam and crash model: the intent and the first stream are written, then nothing. */
  async runFirstOnly(appends: StreamAppend[]): Promise<void> {
    await this.recordIntent(appends);
    const [first] = appends;
    await this.port.append(first.streamId, first.events, first.expectedRevision);
  }

  /** Finishes every intent that has no completion record; returns how many it re-ran. */
  async repair(): Promise<number> {
    const journal = await this.port.readStream(MULTI_APPEND_JOURNAL);
    const completed = new Set(journal.filter((e) => e.type === INTENT_COMPLETED).map((e) => e.data.intentId));
    const unfinished = journal.filter((e) => e.type === INTENT_RECORDED && !completed.has(e.eventId));
    for (const intent of unfinished) {
      await this.complete(intent.eventId, intent.data.appends as StreamAppend[]).catch(() => undefined);
    }
    return unfinished.length;
  }

  private async recordIntent(appends: StreamAppend[]): Promise<string> {
    const intentId = randomUUID();
    await this.port.append(
      MULTI_APPEND_JOURNAL,
      [{ eventId: intentId, type: INTENT_RECORDED, data: { appends } }],
      'any',
    );
    return intentId;
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
      const refused = error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
      if (!refused) throw error;
      await this.recordCompletion(intentId, error instanceof Error ? error.message : String(error));
      throw error;
    }
    await this.recordCompletion(intentId, null);
    return results;
  }

  private async recordCompletion(intentId: string, failure: string | null): Promise<void> {
    const data = { intentId, failure };
    await this.port.append(
      MULTI_APPEND_JOURNAL,
      [{ eventId: randomUUID(), type: INTENT_COMPLETED, data }],
      'any',
    );
  }
}
