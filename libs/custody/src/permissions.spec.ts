import { CUSTODY_EVENT_TYPES } from './events';
import {
  authorize,
  CUSTODY_PERMISSIONS,
  describePermissions,
  type AuthorizationContext,
} from './permissions';
import { ACTORS, aFile, aLetter, anItemState, lookupLocation } from './testing/fixtures';

const ctx: AuthorizationContext = { locations: lookupLocation };

describe('authorize', () => {
  it('never lets an auditor write, whatever the event', () => {
    const state = anItemState();
    for (const type of CUSTODY_EVENT_TYPES) {
      expect(authorize(type, ACTORS.auditor, state, ctx)).toMatchObject({
        code: 'forbidden',
        message: /never write/,
      });
    }
  });

  it('lets an officer register only for their own unit', () => {
    expect(authorize('registered', ACTORS.officerA, null, { ...ctx, description: aFile() })).toBeNull();
    expect(authorize('registered', ACTORS.officerB, null, { ...ctx, description: aFile() })).toMatchObject({
      code: 'forbidden',
      message: /origin unit/,
    });
  });

  it('lets admin register, report missing, find and correct, but not carry or take in', () => {
    const state = anItemState();
    expect(authorize('registered', ACTORS.admin, null, { ...ctx, description: aFile() })).toBeNull();
    expect(authorize('reported_missing', ACTORS.admin, state, ctx)).toBeNull();
    expect(authorize('corrected', ACTORS.admin, state, ctx)).toBeNull();
    expect(authorize('found', ACTORS.admin, anItemState({ status: 'missing' }), ctx)).toBeNull();
    expect(authorize('collected', ACTORS.admin, state, ctx)).toMatchObject({
      message: "role 'admin' may not record 'collected'",
    });
    expect(authorize('intake_confirmed', ACTORS.admin, state, ctx)?.code).toBe('forbidden');
  });

  it('lets any courier collect an item held by a unit, but not one in another courier’s custody', () => {
    expect(authorize('collected', ACTORS.courier2, anItemState(), ctx)).toBeNull();
    const withCourier1 = anItemState({ status: 'arrived', custodianId: 'kurir-1', locationId: 'depot-1' });
    expect(authorize('collected', ACTORS.courier1, withCourier1, ctx)).toBeNull();
    expect(authorize('collected', ACTORS.courier2, withCourier1, ctx)?.code).toBe('forbidden');
  });

  it('lets a courier move only items in their own custody', () => {
    const inTransit = anItemState({ status: 'in_transit', custodianId: 'kurir-1', locationId: null });
    expect(authorize('arrived', ACTORS.courier1, inTransit, ctx)).toBeNull();
    expect(authorize('arrived', ACTORS.courier2, inTransit, ctx)).toMatchObject({
      code: 'forbidden',
      message: /custodian/,
    });
  });

  it('lets only the addressee of a pending handover accept it (person or member of the unit)', () => {
    const pendingTo = (toCustodianId: string) =>
      anItemState({
        status: 'in_transit',
        custodianId: 'kurir-1',
        pendingHandover: {
          fromCustodianId: 'kurir-1',
          toCustodianId,
          offeredAt: '2026-11-30T07:00:00Z',
          eventId: 'e',
          offeredById: 'kurir-1',
          expiresAt: null,
          kind: 'handover',
          locationId: null,
        },
      });
    expect(authorize('handover_accepted', ACTORS.courier2, pendingTo('kurir-2'), ctx)).toBeNull();
    expect(authorize('handover_accepted', ACTORS.courier1, pendingTo('kurir-2'), ctx)?.code).toBe(
      'forbidden',
    );
    expect(authorize('handover_declined', ACTORS.officerB, pendingTo('dinas-b'), ctx)).toBeNull();
    expect(authorize('handover_declined', ACTORS.officerA, pendingTo('dinas-b'), ctx)?.code).toBe(
      'forbidden',
    );
  });

  it('lets depot staff act only at their own depot', () => {
    const arrivedAtDepot1 = anItemState({ status: 'arrived', custodianId: 'kurir-1', locationId: 'depot-1' });
    expect(authorize('intake_confirmed', ACTORS.depot1, arrivedAtDepot1, ctx)).toBeNull();
    expect(authorize('intake_confirmed', ACTORS.depot2, arrivedAtDepot1, ctx)?.code).toBe('forbidden');
    const lent = anItemState({
      status: 'on_loan',
      depotId: 'depot-1',
      locationId: 'dinas-b',
      custodianId: 'dinas-b',
    });
    expect(authorize('returned', ACTORS.depot1, lent, ctx)).toBeNull();
    expect(authorize('returned', ACTORS.depot2, lent, ctx)?.code).toBe('forbidden');
  });

  it('lets an officer of the addressee unit record a letter delivered, not an officer elsewhere', () => {
    const letter = anItemState({
      description: aLetter(),
      status: 'arrived',
      custodianId: 'kurir-1',
      locationId: 'dinas-b',
    });
    expect(authorize('delivered', ACTORS.officerB, letter, ctx)).toBeNull();
    expect(authorize('delivered', ACTORS.officerA, letter, ctx)?.code).toBe('forbidden');
  });

  it('lets the unit where a missing item turned up record it found', () => {
    const missing = anItemState({ status: 'missing', custodianId: 'kurir-1', locationId: null });
    expect(authorize('found', ACTORS.depot2, missing, { ...ctx, foundAt: 'depot-2' })).toBeNull();
    expect(authorize('found', ACTORS.depot2, missing, { ...ctx, foundAt: 'depot-1' })?.code).toBe(
      'forbidden',
    );
  });
});

describe('describePermissions', () => {
  it('lists every event type with at least one grant and never an auditor', () => {
    const rows = describePermissions();
    expect(new Set(rows.map((row) => row.type))).toEqual(new Set(CUSTODY_EVENT_TYPES));
    expect(rows.some((row) => row.role === 'auditor')).toBe(false);
    expect(rows).toHaveLength(
      Object.values(CUSTODY_PERMISSIONS).reduce((sum, grants) => sum + grants.length, 0),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ type: 'registered', role: 'officer', scope: 'origin-unit' }),
    );
  });
});
