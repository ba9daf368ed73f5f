import {
  GENESIS_HASH,
  sealTransferEvents,
  transferStreamId,
  type Actor,
  type DecidedTransferEvent,
  type TransferEvent,
} from '@jejak/custody';
import type { RecordedEvent } from '@jejak/event-store';

const OFFICER: Actor = { id: 'siti', role: 'officer', unitId: 'dinas-a' };
const COURIER: Actor = { id: 'kurir-1', role: 'courier', unitId: null };

/** Transfer streams as the command side records them, for the read models' list of transfers. */
export class TransferLog {
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private readonly recorded: RecordedEvent[] = [];

  constructor(private position: number) {}

  append(transferId: string, decided: DecidedTransferEvent, at: string, actor: Actor = COURIER): this {
    const head = this.heads.get(transferId) ?? { revision: -1, hash: GENESIS_HASH };
    const [event] = sealTransferEvents([decided], {
      transferId,
      eventIds: [`evt-${transferId}-${head.revision + 1}`],
      prevRevision: head.revision,
      prevHash: head.hash,
      occurredAt: at,
      recordedAt: at,
      actor,
      commandId: null,
      correlationId: transferId,
      note: null,
    });
    this.heads.set(transferId, { revision: event.revision, hash: event.hash });
    this.position += 1;
    this.recorded.push(toRecorded(event, String(this.position)));
    return this;
  }

  events(): RecordedEvent[] {
    return [...this.recorded];
  }
}

function toRecorded(event: TransferEvent, position: string): RecordedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    streamId: transferStreamId(event.transferId),
    revision: event.revision,
    position,
    data: { ...event },
    metadata: {},
    recordedAt: event.recordedAt,
  };
}

/**
 * Three transfers: `trf-a` carried by two couriers and half taken in at the depot, `trf-b`
 * cancelled, `trf-c` to a unit, collected. Positions start after `after`.
 */
export function transferScenario(after: number): RecordedEvent[] {
  const created = (baNumber: string, fromId: string, toId: string, itemIds: string[]) =>
    ({ type: 'transfer_created', data: { baNumber, fromId, toId, itemIds } }) as const;
  return new TransferLog(after)
    .append(
      'trf-a',
      created('BA-1/ARS/2026', 'dinas-a', 'depot-1', ['a-1', 'a-2']),
      '2026-11-01T01:00:00.000Z',
      OFFICER,
    )
    .append(
      'trf-a',
      { type: 'collected', data: { locationId: 'dinas-a', custodianId: 'kurir-1' } },
      '2026-11-01T02:00:00.000Z',
    )
    .append(
      'trf-b',
      created('BA-2/ARS/2026', 'kec-1', 'depot-1', ['b-1']),
      '2026-11-05T01:00:00.000Z',
      OFFICER,
    )
    .append(
      'trf-a',
      { type: 'dispatched', data: { fromLocationId: 'dinas-a', destinationId: 'depot-1' } },
      '2026-11-05T02:00:00.000Z',
    )
    .append(
      'trf-a',
      { type: 'handover_offered', data: { fromCustodianId: 'kurir-1', toCustodianId: 'kurir-2' } },
      '2026-11-05T03:00:00.000Z',
    )
    .append(
      'trf-a',
      { type: 'handover_accepted', data: { fromCustodianId: 'kurir-1', toCustodianId: 'kurir-2' } },
      '2026-11-05T04:00:00.000Z',
    )
    .append(
      'trf-b',
      { type: 'cancelled', data: { reason: 'salah daftar' } },
      '2026-11-05T05:00:00.000Z',
      OFFICER,
    )
    .append('trf-a', { type: 'arrived', data: { locationId: 'depot-1' } }, '2026-11-06T01:00:00.000Z')
    .append(
      'trf-a',
      {
        type: 'intake_recorded',
        data: { results: [{ itemId: 'a-1', outcome: 'received', storage: { room: 'R1' } }] },
      },
      '2026-11-06T02:00:00.000Z',
    )
    .append(
      'trf-c',
      created('BA-3/ARS/2026', 'dinas-a', 'kec-1', ['c-1']),
      '2026-11-10T01:00:00.000Z',
      OFFICER,
    )
    .append(
      'trf-c',
      { type: 'collected', data: { locationId: 'dinas-a', custodianId: 'kurir-2' } },
      '2026-11-10T02:00:00.000Z',
    )
    .events();
}
