import { CustodyLog, COURIER } from '../testing/custody-events.fixture';
import { toTrailEntry } from './trail-entry.projection';

describe('toTrailEntry', () => {
  it('keeps who, when, where and the note of the event, with its global position', () => {
    const log = new CustodyLog();
    const event = log.append(
      'a1',
      { type: 'collected', data: { locationId: 'kec-1', custodianId: 'kurir-1' } },
      { at: '2026-03-01T10:00:00.000Z', actor: COURIER, note: 'dua boks', correlationId: 'tr-1' },
    );
    expect(toTrailEntry(event, '42')).toEqual({
      eventId: event.eventId,
      type: 'collected',
      revision: 0,
      position: '42',
      occurredAt: '2026-03-01T10:00:00.000Z',
      recordedAt: '2026-03-01T10:00:00.000Z',
      actor: COURIER,
      commandId: event.commandId,
      correlationId: 'tr-1',
      note: 'dua boks',
      late: false,
      data: { locationId: 'kec-1', custodianId: 'kurir-1' },
    });
  });

  it('marks an event recorded more than an hour after it occurred as late', () => {
    const log = new CustodyLog();
    const at = { at: '2026-03-01T10:00:00.000Z' };
    const onTime = log.append(
      'a1',
      { type: 'voided', data: { reason: 'x' } },
      { ...at, recordedAt: '2026-03-01T11:00:00.000Z' },
    );
    const late = log.append(
      'a2',
      { type: 'voided', data: { reason: 'x' } },
      { ...at, recordedAt: '2026-03-01T11:00:01.000Z' },
    );
    expect(toTrailEntry(onTime, '1').late).toBe(false);
    expect(toTrailEntry(late, '2').late).toBe(true);
  });
});
