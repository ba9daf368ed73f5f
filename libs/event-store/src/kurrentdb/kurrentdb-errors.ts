import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError as ServerStreamDeletedError,
  StreamTombstonedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
} from '@kurrent/kurrentdb-client';
import { ExpectedRevision, StreamDeletedError } from '../event-store.port';

/**
 * Errors after which the same request may succeed: the client itself reconnects on Unavailable,
 * Cancelled and NotLeader (Client.shouldReconnect), a deadline or a server timeout (Aborted) says
 * nothing about the outcome, and a server before 24.2 ends a live subscription that is too slow
 * with one of these too. UnknownError covers grpc-js' transport failures it could not classify.
 */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof UnknownError
  );
}

/**
 * An append may be sent again after a transient error only where the server's idempotency check
 * is exact: under an exact revision or no_stream, KurrentDB's IndexWriter.CheckCommit compares
 * the ids stored at the expected positions (read from the index), so a retry of a write that did
 * commit is an idempotent success or a WrongExpectedVersion the adapter resolves. Under `any` or
 * `stream_exists` it only consults a bounded cache of recent ids and could write the events twice.
 */
export function isSafeToRetry(error: unknown, expected: ExpectedRevision): boolean {
  if (expected === 'any' || expected === 'stream_exists') return false;
  return (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError
  );
}

export const ALL_STREAM_RIGHTS =
  'the KurrentDB user of EVENTSTORE_URL must be allowed to read $all (by default only $admins may): ' +
  'add it to the $r entry of the ACL of $all, see README "Production on KurrentDB and MongoDB"';

/** The server's answer in the port's terms, with a message an operator can act on. */
export function mapServerError(error: unknown, context: { streamId?: string; readsAll?: boolean }): unknown {
  if (error instanceof ServerStreamDeletedError || error instanceof StreamTombstonedError) {
    const streamId =
      error instanceof StreamTombstonedError ? error.stream : error.streamName || context.streamId || '?';
    return new StreamDeletedError(streamId);
  }
  if (error instanceof AccessDeniedError) {
    const what = context.readsAll ? 'reading $all' : `stream ${context.streamId ?? '?'}`;
    const hint = context.readsAll
      ? ALL_STREAM_RIGHTS
      : 'the KurrentDB user needs read and write rights on its streams (README "Production on KurrentDB and MongoDB")';
    const mapped = new Error(`KurrentDB denied access to ${what}: ${hint}`);
    mapped.name = 'AccessDeniedError';
    return mapped;
  }
  return error;
}
