import {
  GENESIS_HASH,
  itemStreamId,
  sealEvents,
  type Actor,
  type CustodyEvent,
  type DecidedEvent,
  type ItemDescription,
} from '@jejak/custody';
import type { RecordedEvent } from '@jejak/event-store';

export const OFFICER: Actor = { id: 'siti', role: 'officer', unitId: 'dinas-a' };
export const COURIER: Actor = { id: 'kurir-1', role: 'courier', unitId: null };
export const DEPOT_STAFF: Actor = { id: 'dewi', role: 'depot', unitId: 'depot-1' };

export function aDescription(overrides: Partial<ItemDescription> = {}): ItemDescription {
  return {
    kind: 'file',
    title: 'Daftar gaji pegawai',
    classificationCode: '800.1.11',
    securityClass: 'biasa',
    originUnitId: 'dinas-a',
    year: 2010,
    ...overrides,
  };
}

/**
 * Writes custody events the way the command side does (sealed, hash-chained, revisions in order)
 * and hands them out as the event store records them, with increasing global positions.
 */
export class CustodyLog {
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private readonly recorded: RecordedEvent[] = [];
  private sequence = 0;

  constructor(private position = 0) {}

  append(
    itemId: string,
    decided: DecidedEvent,
    options: { at: string; recordedAt?: string; actor?: Actor; note?: string; correlationId?: string } = {
      at: '2026-01-01T00:00:00.000Z',
    },
  ): CustodyEvent {
    const head = this.heads.get(itemId) ?? { revision: -1, hash: GENESIS_HASH };
    this.sequence += 1;
    const [event] = sealEvents([decided], {
      itemId,
      eventIds: [`evt-${itemId}-${this.sequence}`],
      prevRevision: head.revision,
      prevHash: head.hash,
      occurredAt: options.at,
      recordedAt: options.recordedAt ?? options.at,
      actor: options.actor ?? OFFICER,
      commandId: `cmd-${this.sequence}`,
      correlationId: options.correlationId ?? null,
      note: options.note ?? null,
    });
    this.heads.set(itemId, { revision: event.revision, hash: event.hash });
    this.position += 1;
    this.recorded.push(toRecordedEvent(event, String(this.position)));
    return event;
  }

  register(itemId: string, description: ItemDescription, at: string): CustodyEvent {
    return this.append(
      itemId,
      {
        type: 'registered',
        data: { ...description, locationId: description.originUnitId, custodianId: description.originUnitId },
      },
      { at },
    );
  }

  /** Everything appended so far, in global order. */
  events(): RecordedEvent[] {
    return [...this.recorded];
  }

  /** Takes (and forgets) what was appended since the last call. */
  drain(): RecordedEvent[] {
    return this.recorded.splice(0, this.recorded.length);
  }
}

export function toRecordedEvent(event: CustodyEvent, position: string): RecordedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    streamId: itemStreamId(event.itemId),
    revision: event.revision,
    position,
    data: { ...event },
    metadata: {},
    recordedAt: event.recordedAt,
  };
}

/** Appends recorded custody events to a real store, as the command side would, in order. */
export async function appendToStore(
  store: {
    append: (
      streamId: string,
      events: { eventId: string; type: string; data: Record<string, unknown> }[],
      expected: 'any',
    ) => Promise<{ position: string }>;
  },
  events: readonly RecordedEvent[],
): Promise<string | null> {
  const results = await Promise.all(
    events.map((event) =>
      store.append(event.streamId, [{ eventId: event.eventId, type: event.type, data: event.data }], 'any'),
    ),
  );
  return results.length > 0 ? results[results.length - 1].position : null;
}
