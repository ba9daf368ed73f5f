import { isLateEntry, type CustodyEvent } from '@jejak/custody';
import type { TrailEntry } from '../read-model.port';
import { copyOwn } from './copy-own';

/**
 * One line of the custody trail: the event as recorded, with its global position, and `late` when
 * it was recorded more than an hour after it occurred (backdating is visible, not silent).
 */
export function toTrailEntry(event: CustodyEvent, position: string): TrailEntry {
  return {
    eventId: event.eventId,
    type: event.type,
    revision: event.revision,
    position,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    commandId: event.commandId,
    correlationId: event.correlationId,
    note: event.note,
    late: isLateEntry(event),
    data: copyOwn({}, event.data),
  };
}
