import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';

export interface CommitSource {
  /** Events strictly after `after`, in global order, at most `limit`. Synchronous: one snapshot. */
  readPage(after: number, limit: number): RecordedEvent[];
  /** Registers a listener fired after each COMMIT; returns its removal. */
  onCommit(listener: () => void): () => void;
}

const DEFAULT_PAGE_SIZE = 1000;

/**
 * Catch-up then live through one loop: it always reads "after the last delivered position", so the
 * switch to live can neither skip nor repeat an event. Commits only wake the loop (no polling); a
 * commit that lands while a page is being delivered marks the loop dirty so it reads again.
 */
export function subscribeToCommits(options: SubscribeOptions, source: CommitSource): Subscription {
  const pageSize = options.batchSize ?? DEFAULT_PAGE_SIZE;
  let last = options.after ? Number(options.after) : 0;
  let stopped = false;
  let dirty = true;
  let wake: (() => void) | null = null;

  const removeListener = source.onCommit(() => {
    dirty = true;
    wake?.();
  });

  const loop = async (): Promise<void> => {
    let caughtUp = false;
    while (!stopped) {
      dirty = false;
      const page = source.readPage(last, pageSize);
      for (const event of page) {
        if (stopped) return;
        await options.onEvent(event);
        last = Number(event.position);
      }
      if (page.length === pageSize) continue;
      if (!caughtUp) {
        caughtUp = true;
        options.onCaughtUp?.();
      }
      if (!dirty && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  };

  const running = loop().catch((error: unknown) => {
    stopped = true;
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  });
  // `running` never rejects (caught above), so neither does this.
  void running.finally(removeListener);

  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
