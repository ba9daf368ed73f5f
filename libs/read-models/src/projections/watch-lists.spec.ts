import type { ItemView } from '../read-model.port';
import { hoursBefore, toIsoInstant, watchInstants, withHandoverLapse } from './watch-lists';

const view = (overrides: Partial<ItemView>): ItemView => ({
  itemId: 'a1',
  kind: 'file',
  title: 't',
  classificationCode: '000',
  securityClass: 'biasa',
  originUnitId: 'dinas-a',
  status: 'registered',
  locationId: 'dinas-a',
  custodianId: 'dinas-a',
  since: '2026-01-01T00:00:00.000Z',
  pendingHandover: null,
  destinationId: null,
  storage: null,
  loan: null,
  depotId: null,
  revision: 0,
  position: '1',
  registeredAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  retentionEndsAt: '2020-01-01T00:00:00.000Z',
  ...overrides,
});

describe('watchInstants', () => {
  it('puts nothing on a watch list for a registered item', () => {
    expect(watchInstants(view({}))).toEqual({
      inTransitSince: null,
      handoverPendingSince: null,
      loanDueAt: null,
      retentionEndsAt: null,
    });
  });

  it('tracks in-transit since and a pending handover since its offer', () => {
    const offeredAt = '2026-01-02T05:00:00.000Z';
    const instants = watchInstants(
      view({
        status: 'in_transit',
        since: '2026-01-02T00:00:00.000Z',
        pendingHandover: {
          fromCustodianId: 'k1',
          toCustodianId: 'k2',
          offeredAt,
          eventId: 'e',
          offeredById: 'k1',
          expiresAt: null,
          kind: 'handover',
          locationId: null,
        },
      }),
    );
    expect(instants.inTransitSince).toBe('2026-01-02T00:00:00.000Z');
    expect(instants.handoverPendingSince).toBe(offeredAt);
  });

  it('takes the due date of a loan, a date-only one as midnight UTC', () => {
    const loan = {
      depotId: 'd',
      borrowerUnitId: 'u',
      borrowerName: 'n',
      lentAt: '2026-01-01T00:00:00.000Z',
      dueAt: '2026-02-01',
    };
    expect(watchInstants(view({ status: 'on_loan', loan })).loanDueAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('watches retention only while the file is deposited', () => {
    expect(watchInstants(view({ status: 'deposited' })).retentionEndsAt).toBe('2020-01-01T00:00:00.000Z');
    expect(watchInstants(view({ status: 'on_loan' })).retentionEndsAt).toBeNull();
  });
});

describe('hoursBefore / toIsoInstant', () => {
  it('subtracts hours from now', () => {
    expect(hoursBefore('2026-01-02T00:00:00.000Z', 36)).toBe('2025-12-31T12:00:00.000Z');
  });
  it('normalises offsets to UTC and rejects garbage', () => {
    expect(toIsoInstant('2026-01-01T07:00:00+07:00')).toBe('2026-01-01T00:00:00.000Z');
    expect(toIsoInstant('not a date')).toBeNull();
  });
});

describe('withHandoverLapse', () => {
  const pending = (expiresAt: string | null) =>
    view({
      pendingHandover: {
        fromCustodianId: 'k1',
        toCustodianId: 'k2',
        offeredAt: '2026-01-02T05:00:00.000Z',
        eventId: 'e',
        offeredById: 'k1',
        expiresAt,
        kind: 'handover',
        locationId: null,
      },
    });

  it('says whether the offer has lapsed as of now; one without expiresAt never does', () => {
    const lapsesAt = '2026-01-03T05:00:00.000Z';
    expect(withHandoverLapse(pending(lapsesAt), '2026-01-03T04:59:59.999Z').pendingHandover?.lapsed).toBe(
      false,
    );
    expect(withHandoverLapse(pending(lapsesAt), lapsesAt).pendingHandover?.lapsed).toBe(true);
    expect(withHandoverLapse(pending(null), '2099-01-01T00:00:00.000Z').pendingHandover?.lapsed).toBe(false);
    expect(withHandoverLapse(view({}), lapsesAt).pendingHandover).toBeNull();
  });
});
