import { START } from '@kurrent/kurrentdb-client';
import type {
  AllStreamSubscription,
  Filter,
  KurrentDBClient,
  Position,
  ReadPosition,
} from '@kurrent/kurrentdb-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { isTransient, mapServerError } from './kurrentdb-errors';
import { decodePosition, isAfter, toRecordedEvent } from './kurrentdb-mapping';

/** A read that resumes exactly: the full position of the last event delivered, or the caller's checkpoint. */
export interface ResumePoint {
  from: ReadPosition;
  /** Events not strictly after this are skipped (reads from a position include it). */
  last: Position | null;
  /** A checkpoint given as a commit position: skip everything at that commit too. */
  afterCommit: bigint | null;
}

export const resumeFrom = (after: string | null | undefined): ResumePoint =>
  after
    ? { from: decodePosition(after), last: null, afterCommit: BigInt(after) }
    : { from: START, last: null, afterCommit: null };

export const isNew = (point: ResumePoint, position: Position | undefined): boolean => {
  if (!position) return false;
  if (point.afterCommit !== null && position.commit <= point.afterCommit) return false;
  return point.last === null || isAfter(position, point.last);
};

export interface SubscriptionSettings {
  filter: Filter;
  /** Delay before resubscribing after a transient error (doubles up to maxDelayMs). */
  reconnectDelayMs: number;
  maxDelayMs: number;
  /** Consecutive transient failures (no event delivered in between) before onError. */
  maxTransientFailures: number;
  /** The last event matching the filter now, or null; where onCaughtUp is due at the latest. */
  findHead: () => Promise<Position | null>;
}

class HandlerError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * subscribeToAll with resumption. Transient errors (server gone, leader change, a pre-24.2 server
 * dropping a slow live subscription) resubscribe from the last delivered position with backoff;
 * after `maxTransientFailures` in a row, or at once for anything else (access denied, a bad
 * filter), the error goes to onError and the subscription ends, so the caller can say it is stuck.
 * onCaughtUp comes from the server's CaughtUp message (23.10+) or, on older servers that never
 * send it, once the head found at the start has been delivered.
 */
export function subscribeWithResume(
  client: Pick<KurrentDBClient, 'subscribeToAll'>,
  options: SubscribeOptions,
  settings: SubscriptionSettings,
  onStopped: (subscription: Subscription) => void,
): Subscription {
  const point = resumeFrom(options.after);
  let stopped = false;
  let current: AllStreamSubscription | null = null;
  let caughtUp = false;
  let head: Position | null | undefined;
  let failures = 0;
  let wake: (() => void) | null = null;

  const markCaughtUp = (): void => {
    if (caughtUp || stopped) return;
    caughtUp = true;
    failures = 0;
    options.onCaughtUp?.();
  };

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const deliver = async (event: RecordedEvent): Promise<void> => {
    try {
      await options.onEvent(event);
    } catch (error) {
      stopped = true;
      throw new HandlerError(asError(error));
    }
  };

  const runOnce = async (): Promise<void> => {
    if (!caughtUp && head === undefined) {
      head = await settings.findHead();
      if (head === null || !isNew(point, head)) markCaughtUp();
    }
    if (stopped) return;
    current = client.subscribeToAll({ fromPosition: point.last ?? point.from, filter: settings.filter });
    current.on('caughtUp', markCaughtUp);
    for await (const resolved of current) {
      if (stopped) return;
      const position = resolved.event?.position;
      if (!isNew(point, position)) continue;
      const event = toRecordedEvent(resolved);
      if (event) await deliver(event);
      point.last = position as Position;
      failures = 0;
      if (head && !isAfter(head, point.last)) markCaughtUp();
    }
  };

  const loop = async (): Promise<void> => {
    let delay = settings.reconnectDelayMs;
    while (!stopped) {
      try {
        await runOnce();
        // The server ended the stream without an error: resubscribe, not in a tight loop.
        if (!stopped) await pause(settings.reconnectDelayMs);
        delay = settings.reconnectDelayMs;
      } catch (error) {
        if (error instanceof HandlerError || stopped) throw error;
        if (!isTransient(error)) throw mapServerError(error, { readsAll: true });
        failures += 1;
        if (failures >= settings.maxTransientFailures) throw error;
        await pause(delay);
        delay = Math.min(delay * 2, settings.maxDelayMs);
      }
    }
  };

  const running = loop()
    .catch((error: unknown) => {
      if (error instanceof HandlerError) options.onError?.(error.cause);
      else if (!stopped) options.onError?.(asError(error));
    })
    .finally(() => onStopped(subscription));
  const subscription: Subscription = {
    stop: async () => {
      stopped = true;
      wake?.();
      await (current as AllStreamSubscription | null)?.unsubscribe().catch(() => undefined);
      await running;
    },
  };
  return subscription;
}
