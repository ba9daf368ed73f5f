import {
  ANY,
  AppendStreamState,
  CurrentStreamState,
  NO_STREAM,
  Position,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { ExpectedRevision, JsonObject, RecordedEvent, WrongExpectedRevisionError } from '../event-store.port';

/** The server reports "no position" (stream reads on older servers) as the max unsigned 64-bit value. */
const NO_POSITION = 2n ** 64n - 1n;

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (!Number.isSafeInteger(expected) || expected < -1)
    throw new RangeError(`invalid expected revision ${expected}`);
  return expected === -1 ? NO_STREAM : BigInt(expected);
}

/** The port counts a missing stream as revision -1; the server says "no_stream" (or -5/-6 when deleted). */
export function fromCurrentState(state: CurrentStreamState | undefined): number {
  if (state === undefined || state === NO_STREAM || typeof state !== 'bigint' || state < 0n) return -1;
  return Number(state);
}

export function toWrongExpectedRevision(
  error: WrongExpectedVersionError,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(streamId, expected, fromCurrentState(error.actualState));
}

/**
 * Public positions are the commit position as a decimal string. The prepare position stays
 * internal (subscriptions resume from the full {commit, prepare}), so no information is lost
 * where it matters for resuming.
 */
export function encodePosition(position: Position | undefined): string {
  if (!position) return '-1';
  if (position.commit !== NO_POSITION && position.commit >= 0n) return position.commit.toString(10);
  if (position.prepare !== NO_POSITION && position.prepare >= 0n) return position.prepare.toString(10);
  return '-1';
}

/** Start of a read strictly after `after`; events at exactly that commit position must still be skipped. */
export function decodePosition(after: string): Position {
  if (!/^\d+$/.test(after)) throw new RangeError(`invalid position ${after}`);
  const commit = BigInt(after);
  return { commit, prepare: commit };
}

/** Strictly after, in $all order ({commit, prepare} lexicographic). */
export function isAfter(position: Position, last: Position): boolean {
  return (
    position.commit > last.commit || (position.commit === last.commit && position.prepare > last.prepare)
  );
}

const asJsonObject = (value: unknown): JsonObject => {
  if (value instanceof Uint8Array) {
    if (value.length === 0) return {};
    try {
      return asJsonObject(JSON.parse(Buffer.from(value).toString('utf8')) as unknown);
    } catch {
      // Metadata another writer stored as bytes that are not JSON: not ours to read.
      return {};
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
};

/**
 * multiStreamAppend (client 1.3, server 25.1) takes metadata as string properties only
 * (multiStreamAppend.js refuses anything else), so ours travels as one JSON string property.
 */
export const METADATA_PROPERTY = 'jejak-metadata';

export function toMultiAppendMetadata(metadata: JsonObject | undefined): Record<string, string> {
  return { [METADATA_PROPERTY]: JSON.stringify(metadata ?? {}) };
}

/** Metadata as written by appendToStream, or unwrapped from multiStreamAppend's property. */
function fromStoredMetadata(metadata: JsonObject): JsonObject {
  const wrapped = metadata[METADATA_PROPERTY];
  return typeof wrapped === 'string' ? asJsonObject(JSON.parse(wrapped)) : metadata;
}

/** Null for links and for events written by others in a non-JSON form (skipped by our reads). */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event || !event.isJson) return null;
  return {
    eventId: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
    data: asJsonObject(event.data),
    metadata: fromStoredMetadata(asJsonObject(event.metadata)),
    recordedAt: event.created.toISOString(),
  };
}
