import type { Actor } from './actor';
import type { CustodyCommand } from './commands';
import type { PartyLookup } from './party';
import { ACTORS, aFile, context, lookupParty, NOW } from './testing/fixtures';
import { given, givenEventId, type GivenEvent } from './testing/given-when-then';
import { happened, histories } from './testing/histories';

const item = 'item-1';
const cmd = (type: string, data: object = {}) => ({ type, itemId: item, data }) as CustodyCommand;
const hoursFromNow = (hours: number) => new Date(Date.parse(NOW) + hours * 3_600_000).toISOString();

/** An offer as recorded since offers lapse, made by `by` (the offerer). */
const offer = (
  toCustodianId: string,
  expiresAt: string | undefined,
  by: Actor = ACTORS.courier1,
  extra: object = {},
): GivenEvent => ({
  type: 'handover_offered',
  data: {
    fromCustodianId: by.role === 'courier' ? by.id : by.unitId!,
    toCustodianId,
    locationId: null,
    ...(expiresAt ? { expiresAt } : {}),
    ...extra,
  },
  actor: by,
});

const inTransitOfferedTo = (to = 'kurir-2', expiresAt: string | undefined = hoursFromNow(3)) => [
  ...histories.inTransitToDepot(),
  offer(to, expiresAt),
];

describe('a handover is offered only to an active person or unit of the directory', () => {
  const lookAlike = 'kurir-\u0031'.replace('k', '\u043a'); // Cyrillic ka
  it.each([
    ['a mistyped id', 'kurir-01'],
    ['NOBODY', 'NOBODY'],
    ['a Cyrillic look-alike', lookAlike],
    ['a place id in other case', 'DEPOT-1'],
  ])('refuses %s with unknown-party', (_name, toCustodianId) => {
    given(histories.inTransitToDepot())
      .when(cmd('handover_offered', { toCustodianId }), context(ACTORS.courier1))
      .thenRefused('unknown-party', /toCustodianId .* is not a person or unit of the directory/);
  });

  it('refuses a 900,000-character id without echoing it', () => {
    const { decision } = given(histories.inTransitToDepot()).when(
      cmd('handover_offered', { toCustodianId: 'K'.repeat(900_000) }),
      context(ACTORS.courier1),
    );
    expect(decision).toMatchObject({ ok: false, refusal: { code: 'unknown-party' } });
    if (!decision.ok) {
      expect(decision.refusal.message).toMatch(/an id of 900000 characters/);
      expect(decision.refusal.message.length).toBeLessThan(200);
    }
  });

  it('refuses a deactivated person', () => {
    const gone: PartyLookup = (id) => {
      const party = lookupParty(id);
      return party && id === 'kurir-2' ? { ...party, active: false } : party;
    };
    given(histories.inTransitToDepot())
      .when(
        cmd('handover_offered', { toCustodianId: 'kurir-2' }),
        context(ACTORS.courier1, { parties: gone }),
      )
      .thenRefused('unknown-party', /deactivated/);
  });

  it('records when the offer lapses: its time plus the configured hours', () => {
    given(histories.inTransitToDepot())
      .when(
        cmd('handover_offered', { toCustodianId: 'kurir-2' }),
        context(ACTORS.courier1, { occurredAt: hoursFromNow(-1), handoverTtlHours: 2 }),
      )
      .then([
        {
          type: 'handover_offered',
          data: {
            fromCustodianId: 'kurir-1',
            toCustodianId: 'kurir-2',
            locationId: null,
            expiresAt: hoursFromNow(1),
            kind: 'handover',
          },
        },
      ]);
  });

  it('lets a courier hand over to a unit of the directory too', () => {
    given(histories.inTransitToDepot())
      .when(cmd('handover_offered', { toCustodianId: 'depot-2' }), context(ACTORS.courier1))
      .thenState({
        pendingHandover: expect.objectContaining({ toCustodianId: 'depot-2', kind: 'handover' }),
      });
  });
});

describe('a lapsed offer', () => {
  it('cannot be accepted: 409 naming the lapse time', () => {
    given(inTransitOfferedTo('kurir-2', hoursFromNow(-1)))
      .when(cmd('handover_accepted'), context(ACTORS.courier2))
      .thenRefused('invalid-transition', `lapsed at ${hoursFromNow(-1)}`);
  });

  it('does not block a new offer', () => {
    given(inTransitOfferedTo('kurir-2', hoursFromNow(-1)))
      .when(cmd('handover_offered', { toCustodianId: 'kurir-2' }), context(ACTORS.courier1))
      .thenState({
        custodianId: 'kurir-1',
        pendingHandover: expect.objectContaining({ toCustodianId: 'kurir-2', expiresAt: hoursFromNow(24) }),
      });
  });

  it('while still open blocks a new one, saying until when', () => {
    given(inTransitOfferedTo('kurir-2', hoursFromNow(3)))
      .when(cmd('handover_offered', { toCustodianId: 'depot-2' }), context(ACTORS.courier1))
      .thenRefused('invalid-transition', `already pending until ${hoursFromNow(3)}`);
  });

  it('recorded before offers lapsed (no expiresAt) never lapses and can still be accepted', () => {
    given(inTransitOfferedTo('kurir-2', undefined))
      .when(cmd('handover_accepted'), context(ACTORS.courier2))
      .thenState({ custodianId: 'kurir-2', pendingHandover: null });
  });

  it('still open is accepted as before', () => {
    given(inTransitOfferedTo('kurir-2'))
      .when(cmd('handover_accepted'), context(ACTORS.courier2))
      .then([{ type: 'handover_accepted', data: { fromCustodianId: 'kurir-1', toCustodianId: 'kurir-2' } }]);
  });
});

describe('handover_withdrawn', () => {
  const withdraw = cmd('handover_withdrawn', { reason: 'salah alamat' });
  const withdrawn = {
    type: 'handover_withdrawn',
    data: {
      fromCustodianId: 'kurir-1',
      toCustodianId: 'kurir-2',
      offerEventId: givenEventId(3),
      reason: 'salah alamat',
    },
  } as const;

  it('clears the offer by its offerer, custody unchanged, the reason kept', () => {
    const when = given(inTransitOfferedTo()).when(withdraw, context(ACTORS.courier1));
    when.then([withdrawn]);
    when.thenState({ custodianId: 'kurir-1', status: 'in_transit', pendingHandover: null });
  });

  it('clears it by an admin, even one to a party that does not exist (recorded before parties were checked)', () => {
    given(inTransitOfferedTo('KRR-017', undefined))
      .when(withdraw, context(ACTORS.admin))
      .thenState({ custodianId: 'kurir-1', pendingHandover: null });
  });

  it('clears a lapsed one too', () => {
    given(inTransitOfferedTo('kurir-2', hoursFromNow(-5)))
      .when(withdraw, context(ACTORS.courier1))
      .then([withdrawn]);
  });

  it('is refused to anyone but the offerer or an admin (the addressee declines instead)', () => {
    given(inTransitOfferedTo())
      .when(withdraw, context(ACTORS.courier2))
      .thenRefused('forbidden', /offerer/);
    given(inTransitOfferedTo())
      .when(withdraw, context(ACTORS.officerA))
      .thenRefused('forbidden', /offerer/);
    given(inTransitOfferedTo())
      .when(withdraw, context(ACTORS.auditor))
      .thenRefused('forbidden', /never write/);
  });

  it('is refused without a pending offer, and without a reason', () => {
    given(histories.inTransitToDepot())
      .when(withdraw, context(ACTORS.courier1))
      .thenRefused('invalid-transition', /no handover is pending/);
    given(inTransitOfferedTo())
      .when(cmd('handover_withdrawn'), context(ACTORS.courier1))
      .thenRefused('validation-failed', /reason/);
  });

  it('by a colleague of the unit that offered a release', () => {
    const colleague = { id: 'rahma', role: 'officer' as const, unitId: 'dinas-a' };
    given([
      ...histories.registeredFile(),
      offer('kurir-1', hoursFromNow(3), ACTORS.officerA, { kind: 'release', locationId: 'dinas-a' }),
    ])
      .when(withdraw, context(colleague))
      .thenState({ status: 'registered', custodianId: 'dinas-a', pendingHandover: null });
  });
});

describe('the holder releases an item to a courier: the acceptance is the collection', () => {
  it('an officer of the unit offers a registered file to a courier: a release at the unit', () => {
    given(histories.registeredFile())
      .when(cmd('handover_offered', { toCustodianId: 'kurir-1' }), context(ACTORS.officerA))
      .thenState({
        status: 'registered',
        custodianId: 'dinas-a',
        pendingHandover: expect.objectContaining({
          kind: 'release',
          offeredById: 'siti',
          fromCustodianId: 'dinas-a',
          toCustodianId: 'kurir-1',
          locationId: 'dinas-a',
        }),
      });
  });

  it("the courier's acceptance is recorded as collected, released by the offerer's account", () => {
    const released = [
      ...histories.registeredFile(),
      offer('kurir-1', hoursFromNow(3), ACTORS.officerA, { kind: 'release', locationId: 'dinas-a' }),
    ];
    const when = given(released).when(cmd('handover_accepted'), context(ACTORS.courier1));
    when.then([
      {
        type: 'collected',
        data: {
          locationId: 'dinas-a',
          custodianId: 'kurir-1',
          fromCustodianId: 'dinas-a',
          acknowledgement: { method: 'account', byId: 'siti', placeId: 'dinas-a' },
        },
      } as never,
    ]);
    when.thenState({ status: 'collected', custodianId: 'kurir-1', pendingHandover: null });
  });

  it('a depot clerk releases a deposited file from the depot', () => {
    given(histories.deposited())
      .when(cmd('handover_offered', { toCustodianId: 'kurir-2' }), context(ACTORS.depot1))
      .thenState({
        status: 'deposited',
        pendingHandover: expect.objectContaining({
          kind: 'release',
          locationId: 'depot-1',
          offeredById: 'dewi',
        }),
      });
  });

  it('only to a courier, and only where the item is', () => {
    for (const toCustodianId of ['budi', 'dinas-b']) {
      given(histories.registeredFile())
        .when(cmd('handover_offered', { toCustodianId }), context(ACTORS.officerA))
        .thenRefused('validation-failed', /must be a courier/);
    }
    given(histories.registeredFile())
      .when(
        cmd('handover_offered', { toCustodianId: 'kurir-1', locationId: 'kec-1' }),
        context(ACTORS.officerA),
      )
      .thenRefused('validation-failed', /where the item is/);
  });

  it('never by a courier, nor by an officer of another unit', () => {
    given(histories.registeredFile())
      .when(cmd('handover_offered', { toCustodianId: 'kurir-2' }), context(ACTORS.courier1))
      .thenRefused('forbidden');
    given(histories.registeredFile())
      .when(cmd('handover_offered', { toCustodianId: 'kurir-2' }), context(ACTORS.officerB))
      .thenRefused('forbidden', /custodian/);
  });

  it('a release not taken is cleared once custody moves some other way (the offer offers nothing then)', () => {
    const releasedThenLent = [
      ...histories.deposited(),
      offer('kurir-2', hoursFromNow(3), ACTORS.depot1, { kind: 'release', locationId: 'depot-1' }),
      happened.lent(),
    ];
    expect(given(releasedThenLent).state).toMatchObject({ status: 'on_loan', pendingHandover: null });
  });
});

describe('found names an active custodian, by someone allowed at that place', () => {
  const missingOnTheWay = [...histories.inTransitToDepot(), happened.missing(null, 'kurir-1')];
  const missingFromDinasA = [...histories.registeredFile(aFile()), happened.missing('dinas-a', 'dinas-a')];

  it('refuses the attacker: an officer of another unit naming a custodian that does not exist', () => {
    given(missingFromDinasA)
      .when(cmd('found', { locationId: 'dinas-b', custodianId: 'KUR-9999' }), context(ACTORS.officerB))
      .thenRefused('unknown-party', /KUR-9999/);
  });

  it('refuses an officer putting it in the custody of a courier (the courier records found themself)', () => {
    given(missingFromDinasA)
      .when(cmd('found', { locationId: 'dinas-b', custodianId: 'kurir-1' }), context(ACTORS.officerB))
      .thenRefused('forbidden', /a courier who holds it records 'found' themself/);
  });

  it('refuses an officer recording it found at another unit', () => {
    given(missingFromDinasA)
      .when(cmd('found', { locationId: 'dinas-a' }), context(ACTORS.officerB))
      .thenRefused('forbidden');
  });

  it('refuses a unit as custodian somewhere else than its place', () => {
    given(missingFromDinasA)
      .when(cmd('found', { locationId: 'dinas-a', custodianId: 'dinas-b' }), context(ACTORS.officerA))
      .thenRefused('validation-failed', /not where it was found/);
  });

  it('an officer of the place records it with the unit, the default, or one of its people', () => {
    given(missingFromDinasA)
      .when(cmd('found', { locationId: 'dinas-b' }), context(ACTORS.officerB))
      .then([{ type: 'found', data: { locationId: 'dinas-b', custodianId: 'dinas-b' } }]);
    given(missingFromDinasA)
      .when(cmd('found', { locationId: 'dinas-b', custodianId: 'budi' }), context(ACTORS.officerB))
      .thenState({ status: 'arrived', locationId: 'dinas-b', custodianId: 'budi' });
  });

  it('the courier it went missing with names themself, by default too', () => {
    given(missingOnTheWay)
      .when(cmd('found', { locationId: 'kec-1' }), context(ACTORS.courier1))
      .then([{ type: 'found', data: { locationId: 'kec-1', custodianId: 'kurir-1' } }]);
    given(missingOnTheWay)
      .when(cmd('found', { locationId: 'kec-1', custodianId: 'kurir-2' }), context(ACTORS.courier1))
      .thenRefused('forbidden', /themself/);
    given(missingOnTheWay)
      .when(cmd('found', { locationId: 'kec-1' }), context(ACTORS.courier2))
      .thenRefused('forbidden');
  });

  it('an admin names any active party, never an unknown one', () => {
    given(missingOnTheWay)
      .when(cmd('found', { locationId: 'kec-1', custodianId: 'kurir-2' }), context(ACTORS.admin))
      .thenState({ custodianId: 'kurir-2' });
    given(missingOnTheWay)
      .when(cmd('found', { locationId: 'kec-1', custodianId: 'NOBODY' }), context(ACTORS.admin))
      .thenRefused('unknown-party');
  });
});
