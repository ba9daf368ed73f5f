import type { EventStore, RecordedEvent } from '@jejak/event-store';
import { CUSTODY_PROJECTION, PROJECTED_STREAM_PREFIXES, projectEvents } from './projector/project-events';
import type { ReadModelRebuild, ReadModelStore } from './read-model.port';

export interface RebuildProgress {
  applied: number;
  /** Unknown: the log's positions are not a count of projected events on every backend. */
  total: number | null;
  eventsPerSecond: number;
}

/**
 * Events per transaction. Large: a rebuild writes tables nobody reads yet, the cost of a batch
 * (loading its items, a commit) is spread over more events, and an item's events, usually close
 * together in the log, more often fall into one batch and are written once.
 */
const BATCH_SIZE = 5000;
/** Each pass is shorter than the last; a live projector that keeps outrunning this many is a bug. */
const MAX_PASSES = 20;

/**
 * Replays the whole log into fresh tables while the live read models keep answering, then swaps
 * them in once the rebuild has caught up with the live projector.
 */
export async function rebuildReadModels(
  eventStore: EventStore,
  store: ReadModelStore,
  options: { onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<{ applied: number }> {
  const rebuild = await store.beginRebuild();
  const startedAt = Date.now();
  let applied = 0;
  const report = (): void =>
    options.onProgress?.({
      applied,
      total: null,
      eventsPerSecond: Math.round(applied / Math.max((Date.now() - startedAt) / 1000, 0.001)),
    });
  try {
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      await replayInto(eventStore, rebuild, (count) => {
        applied += count;
        report();
      });
      if (await rebuild.swap()) return { applied };
    }
    throw new Error(`rebuild could not catch up with the live projector after ${MAX_PASSES} passes`);
  } catch (error) {
    await rebuild.abort();
    throw error;
  }
}

async function replayInto(
  eventStore: EventStore,
  rebuild: ReadModelRebuild,
  onApplied: (count: number) => void,
): Promise<void> {
  let pending: RecordedEvent[] = [];
  const flush = async (): Promise<void> => {
    const batch = await projectEvents(pending, rebuild);
    if (batch) await rebuild.applyBatch(batch);
    // The embedded stores answer synchronously: without a turn of the event loop per batch, a
    // rebuild never sees a signal or its parent's disconnect, and outlives a killed `jejak`.
    await new Promise<void>((resolve) => setImmediate(resolve));
    onApplied(pending.length);
    pending = [];
  };
  const after = await rebuild.checkpoint(CUSTODY_PROJECTION);
  for await (const event of eventStore.readAll({
    after,
    streamPrefixes: PROJECTED_STREAM_PREFIXES,
    batchSize: BATCH_SIZE,
  })) {
    pending.push(event);
    if (pending.length >= BATCH_SIZE) await flush();
  }
  if (pending.length > 0) await flush();
}
