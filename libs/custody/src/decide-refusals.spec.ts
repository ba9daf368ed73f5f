import type { Actor } from './actor';
import type { CustodyCommand } from './commands';
import { CUSTODY_EVENT_TYPES } from './events';
import { SIGNED } from './testing/acknowledgements';
import { roomOf } from './room-table';
import { ITEM_STATUSES } from './state';
import { ACTORS, aFile, aLetter, context, NOW } from './testing/fixtures';
import { given, type GivenEvent } from './testing/given-when-then';
import { happened, histories } from './testing/histories';
import { anActorGranted, HISTORY_IN, STREAM_EVENT_TYPES, wellFormedData } from './testing/well-formed';

const item = 'item-1';
/** collected and delivered carry a drawn signature unless a test says otherwise: these refusals are about other rules. */
const ACKNOWLEDGED = new Set(['collected', 'delivered']);
const cmd = (type: string, data: object = {}) =>
  ({
    type,
    itemId: item,
    data:
      ACKNOWLEDGED.has(type) && !('acknowledgement' in data) ? { acknowledgement: SIGNED, ...data } : data,
  }) as CustodyCommand;
const minutesFromNow = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

describe('the state machine refuses every event outside its allowed statuses', () => {
  const disposed = [...histories.deposited(), happened.disposed()];
  const cases: [string, GivenEvent[], CustodyCommand, Actor, string][] = [
    ['collected', histories.inTransitToDepot(), cmd('collected'), ACTORS.courier1, 'in_transit'],
    [
      'sorted',
      histories.inTransitToDepot(),
      cmd('sorted', { locationId: 'sort-1', destinationId: 'depot-1' }),
      ACTORS.courier1,
      'in_transit',
    ],
    ['dispatched', histories.inTransitToDepot(), cmd('dispatched'), ACTORS.courier1, 'in_transit'],
    [
      'handover_offered',
      histories.onLoan(),
      cmd('handover_offered', { toCustodianId: 'kurir-1' }),
      ACTORS.officerB,
      'on_loan',
    ],
    [
      'handover_accepted',
      histories.inTransitToDepot(),
      cmd('handover_accepted'),
      ACTORS.courier2,
      'in_transit',
    ],
    [
      'handover_declined',
      histories.deposited(),
      cmd('handover_declined', { reason: 'x' }),
      ACTORS.depot1,
      'deposited',
    ],
    [
      'handover_withdrawn',
      histories.deposited(),
      cmd('handover_withdrawn', { reason: 'x' }),
      ACTORS.depot1,
      'deposited',
    ],
    [
      'arrived',
      histories.collectedFile(),
      cmd('arrived', { locationId: 'depot-1' }),
      ACTORS.courier1,
      'collected',
    ],
    [
      'delivered',
      [happened.registered(aLetter()), happened.collected()],
      cmd('delivered', { receivedBy: 'Budi' }),
      ACTORS.courier1,
      'collected',
    ],
    [
      'intake_confirmed',
      histories.deposited(),
      cmd('intake_confirmed', { storage: { room: 'R1' } }),
      ACTORS.depot1,
      'deposited',
    ],
    [
      'intake_rejected',
      histories.deposited(),
      cmd('intake_rejected', { reason: 'x' }),
      ACTORS.depot1,
      'deposited',
    ],
    [
      'relocated',
      histories.arrivedAtDepot(),
      cmd('relocated', { storage: { room: 'R1' } }),
      ACTORS.depot1,
      'arrived',
    ],
    [
      'lent',
      histories.arrivedAtDepot(),
      cmd('lent', { borrowerUnitId: 'dinas-b', borrowerName: 'B', dueAt: '2027-01-01T00:00:00Z' }),
      ACTORS.depot1,
      'arrived',
    ],
    ['returned', histories.deposited(), cmd('returned'), ACTORS.depot1, 'deposited'],
    ['found', histories.deposited(), cmd('found', { locationId: 'depot-1' }), ACTORS.depot1, 'deposited'],
    ['disposed', histories.onLoan(), cmd('disposed', { baNumber: 'BA-1' }), ACTORS.depot1, 'on_loan'],
    [
      'transferred_static',
      histories.arrivedAtDepot(),
      cmd('transferred_static', { baNumber: 'BA-1' }),
      ACTORS.depot1,
      'arrived',
    ],
    [
      'loan_extended',
      histories.deposited(),
      cmd('loan_extended', { dueAt: '2027-01-01T00:00:00Z', reason: 'x' }),
      ACTORS.depot1,
      'deposited',
    ],
    [
      'reappraised',
      histories.arrivedAtDepot(),
      cmd('reappraised', { disposition: 'musnah', decisionNumber: 'SK-1', reason: 'x' }),
      ACTORS.depot1,
      'arrived',
    ],
    ['voided', histories.collectedFile(), cmd('voided', { reason: 'x' }), ACTORS.officerA, 'collected'],
    ['collected after the end', disposed, cmd('collected'), ACTORS.courier1, 'disposed'],
    [
      'handover_withdrawn after the end',
      disposed,
      cmd('handover_withdrawn', { reason: 'x' }),
      ACTORS.admin,
      'disposed',
    ],
    [
      'reported_missing after the end',
      disposed,
      cmd('reported_missing', { reason: 'x' }),
      ACTORS.admin,
      'disposed',
    ],
  ];

  it.each(cases)('%s', (_name, history, command, actor, status) => {
    given(history)
      .when(command, context(actor))
      .thenRefused('invalid-transition', `cannot record '${command.type}' on an item in status '${status}'`);
  });

  // Every event a room allows from fewer than all statuses, read from the rooms (a new one too):
  // an item in a status it is not allowed from, someone whose role may record it, well-formed data.
  const outsideItsStatuses = STREAM_EVENT_TYPES.flatMap((type) => {
    const status = ITEM_STATUSES.find((s) => HISTORY_IN[s] && !roomOf(type).allowedFrom.includes(s));
    return status ? [[type, status] as const] : [];
  });

  it.each(outsideItsStatuses)('%s from %s, as its room reads', (type, status) => {
    given(HISTORY_IN[status]!())
      .when(cmd(type, wellFormedData(type)), context(anActorGranted(type)))
      .thenRefused('invalid-transition');
  });

  it('covers every event type but registered and corrected (which is allowed from any status)', () => {
    const covered = new Set<string>(outsideItsStatuses.map(([type]) => type));
    expect(CUSTODY_EVENT_TYPES.filter((type) => !covered.has(type))).toEqual(['registered', 'corrected']);
  });

  it('refuses to deliver a file: only letters are delivered', () => {
    given(histories.arrivedAtDepot())
      .when(cmd('delivered', { receivedBy: 'Budi' }), context(ACTORS.courier1))
      .thenRefused('invalid-transition', /only letters are delivered/);
  });

  it('refuses to sort an item that arrived somewhere other than a sorting point', () => {
    given(histories.arrivedAtDepot())
      .when(cmd('sorted', { locationId: 'sort-1', destinationId: 'depot-2' }), context(ACTORS.courier1))
      .thenRefused('invalid-transition', /not a sorting point/);
  });

  it('refuses intake where the item did not arrive at a depot', () => {
    const staffAtKecamatan = { id: 'x', role: 'depot' as const, unitId: 'kec-1' };
    given([...histories.inTransitToDepot(), happened.arrived('kec-1')])
      .when(cmd('intake_confirmed', { storage: { room: 'R1' } }), context(staffAtKecamatan))
      .thenRefused('invalid-transition', /not a depot/);
  });

  it('refuses a second handover offer while one is pending', () => {
    given([...histories.inTransitToDepot(), happened.offered('kurir-2')])
      .when(cmd('handover_offered', { toCustodianId: 'kurir-3' }), context(ACTORS.courier1))
      .thenRefused('invalid-transition', "a handover to 'kurir-2' is already pending");
  });

  it('refuses to accept a handover when none is pending', () => {
    given(histories.inTransitToDepot())
      .when(cmd('handover_accepted'), context(ACTORS.courier2))
      .thenRefused('invalid-transition', /no handover is pending/);
  });
});

describe('roles and units', () => {
  it.each(STREAM_EVENT_TYPES)('an auditor may not record %s', (type) => {
    given(histories.deposited())
      .when(cmd(type, wellFormedData(type)), context(ACTORS.auditor))
      .thenRefused('forbidden', /never write/);
  });

  it('an auditor may not register', () => {
    given([])
      .when(cmd('registered', aFile()), context(ACTORS.auditor))
      .thenRefused('forbidden', /never write/);
  });

  it('a courier may not register, an officer of another unit may not register for dinas-a', () => {
    given([])
      .when(cmd('registered', aFile()), context(ACTORS.courier1))
      .thenRefused('forbidden', "role 'courier'");
    given([])
      .when(cmd('registered', aFile()), context(ACTORS.officerB))
      .thenRefused('forbidden', /origin unit/);
  });

  it('a courier may not move an item in another courier’s custody', () => {
    given(histories.inTransitToDepot())
      .when(cmd('arrived'), context(ACTORS.courier2))
      .thenRefused('forbidden', /custodian/);
    given(histories.arrivedAtDepot())
      .when(cmd('collected'), context(ACTORS.courier2))
      .thenRefused('forbidden');
  });

  it('an officer may not hand over an item held by another unit', () => {
    given(histories.registeredFile())
      .when(cmd('handover_offered', { toCustodianId: 'kurir-2' }), context(ACTORS.officerB))
      .thenRefused('forbidden', /custodian/);
    given(histories.registeredFile())
      .when(cmd('handover_offered', { toCustodianId: 'kurir-2' }), context(ACTORS.officerA))
      .then([
        {
          type: 'handover_offered',
          data: {
            fromCustodianId: 'dinas-a',
            toCustodianId: 'kurir-2',
            locationId: 'dinas-a',
            expiresAt: '2026-12-01T08:00:00.000Z',
            kind: 'release',
          },
        },
      ]);
  });

  it('depot staff may not take in an item at another depot', () => {
    given(histories.arrivedAtDepot())
      .when(cmd('intake_confirmed', { storage: { room: 'R1' } }), context(ACTORS.depot2))
      .thenRefused('forbidden', /depot/);
  });

  it('only the addressee may accept a handover', () => {
    given([...histories.inTransitToDepot(), happened.offered('kurir-2')])
      .when(cmd('handover_accepted'), context(ACTORS.courier1))
      .thenRefused('forbidden', /addressee/);
  });

  it('admin may not carry items', () => {
    given(histories.registeredFile()).when(cmd('collected'), context(ACTORS.admin)).thenRefused('forbidden');
  });
});

describe('which refusal comes first: the role, then the status, then custody, unit or depot', () => {
  it('depot staff taking in an item still on its way to their depot hear the status (409), not 403', () => {
    given(histories.inTransitToDepot())
      .when(cmd('intake_confirmed', { storage: { room: 'R1' } }), context(ACTORS.depot1))
      .thenRefused(
        'invalid-transition',
        "cannot record 'intake_confirmed' on an item in status 'in_transit'",
      );
  });

  it('so do the staff of another depot: the status is wrong whoever asks', () => {
    given(histories.inTransitToDepot())
      .when(cmd('intake_confirmed', { storage: { room: 'R1' } }), context(ACTORS.depot2))
      .thenRefused(
        'invalid-transition',
        "cannot record 'intake_confirmed' on an item in status 'in_transit'",
      );
  });

  it('a courier who does not hold a registered item is told it cannot arrive from registered', () => {
    for (const courier of [ACTORS.courier1, ACTORS.courier2]) {
      given(histories.registeredFile())
        .when(cmd('arrived', { locationId: 'depot-1' }), context(courier))
        .thenRefused('invalid-transition', "cannot record 'arrived' on an item in status 'registered'");
    }
  });

  it('once the status allows the event, the wrong courier or depot is refused 403', () => {
    given(histories.inTransitToDepot())
      .when(cmd('arrived', { locationId: 'depot-1' }), context(ACTORS.courier2))
      .thenRefused('forbidden', "courier 'kurir-2' may not record 'arrived' on this item");
    given(histories.arrivedAtDepot())
      .when(cmd('intake_confirmed', { storage: { room: 'R1' } }), context(ACTORS.depot2))
      .thenRefused('forbidden', "depot 'agus' may not record 'intake_confirmed' on this item");
  });

  it('a role that may never record the event is refused 403 before the status is looked at', () => {
    given(histories.registeredFile())
      .when(cmd('arrived', { locationId: 'depot-1' }), context(ACTORS.officerA))
      .thenRefused('forbidden', "role 'officer' may not record 'arrived'");
    given(histories.inTransitToDepot())
      .when(cmd('intake_confirmed', { storage: { room: 'R1' } }), context(ACTORS.courier1))
      .thenRefused('forbidden', "role 'courier' may not record 'intake_confirmed'");
  });

  it('an auditor is refused 403 even where the status would refuse anyone', () => {
    given([...histories.deposited(), happened.disposed()])
      .when(cmd('collected'), context(ACTORS.auditor))
      .thenRefused('forbidden', /never write/);
  });

  it('accepting with no handover pending is 409 for a role that may accept, 403 for one that never may', () => {
    given(histories.inTransitToDepot())
      .when(cmd('handover_accepted'), context(ACTORS.depot2))
      .thenRefused('invalid-transition', /no handover is pending/);
    given(histories.inTransitToDepot())
      .when(cmd('handover_accepted'), context(ACTORS.admin))
      .thenRefused('forbidden', "role 'admin' may not record 'handover_accepted'");
  });
});

describe('classified items', () => {
  it.each(['rahasia', 'sangat_rahasia'] as const)('never enter, %s, whoever asks', (securityClass) => {
    for (const actor of [ACTORS.officerA, ACTORS.officerB, ACTORS.auditor]) {
      given([])
        .when(cmd('registered', aFile({ securityClass })), context(actor))
        .thenRefused('classified-not-accepted', securityClass);
    }
  });

  it('terbatas is accepted', () => {
    given([])
      .when(cmd('registered', aFile({ securityClass: 'terbatas' })), context(ACTORS.officerA))
      .thenState({ status: 'registered' });
  });
});

describe('stream existence', () => {
  it('refuses an event on an item that does not exist', () => {
    given([])
      .when(cmd('collected'), context(ACTORS.courier1))
      .thenRefused('not-found', "item 'item-1' does not exist");
  });

  it('refuses to register an item twice', () => {
    given(histories.registeredFile())
      .when(cmd('registered', aFile()), context(ACTORS.officerA))
      .thenRefused('already-exists');
  });
});

describe('field validation', () => {
  const fieldsOf = (
    history: GivenEvent[],
    command: CustodyCommand,
    actor: Actor = ACTORS.admin,
    at = NOW,
  ) => {
    const { decision } = given(history).when(command, context(actor, { occurredAt: at }));
    expect(decision.ok).toBe(false);
    if (decision.ok) return [];
    expect(decision.refusal.code).toBe('validation-failed');
    return (decision.refusal.errors ?? []).map((error) => error.field);
  };

  it('accepts a scan up to five minutes ahead of the server, refuses one more', () => {
    given(histories.registeredFile())
      .when(cmd('collected'), context(ACTORS.courier1, { occurredAt: minutesFromNow(4) }))
      .thenState({ since: minutesFromNow(4) });
    expect(
      fieldsOf(histories.registeredFile(), cmd('collected'), ACTORS.courier1, minutesFromNow(6)),
    ).toEqual(['occurredAt']);
  });

  it('accepts late offline scans and normalises their time to UTC', () => {
    given(histories.registeredFile())
      .when(cmd('collected'), context(ACTORS.courier1, { occurredAt: '2026-11-29T15:00:00+07:00' }))
      .thenState({ since: '2026-11-29T08:00:00.000Z' });
  });

  it.each(['yesterday', '2026-11-30', '2026-11-30T08:00:00', '2026-13-45T08:00:00Z'])(
    'refuses occurredAt %p',
    (occurredAt) => {
      expect(fieldsOf(histories.registeredFile(), cmd('collected'), ACTORS.courier1, occurredAt)).toEqual([
        'occurredAt',
      ]);
    },
  );

  it('names every bad field of a registration', () => {
    const bad = {
      kind: 'box',
      title: ' ',
      classificationCode: '',
      securityClass: 'biasa',
      originUnitId: 'nowhere',
      year: 1800,
    };
    expect(fieldsOf([], cmd('registered', bad))).toEqual([
      'kind',
      'title',
      'classificationCode',
      'originUnitId',
      'year',
    ]);
  });

  it('needs an addressee for a letter, a sane period and non-negative retention years', () => {
    expect(fieldsOf([], cmd('registered', aLetter({ addresseeUnitId: undefined })))).toEqual([
      'addresseeUnitId',
    ]);
    expect(
      fieldsOf([], cmd('registered', aFile({ year: undefined, period: { from: 2017, to: 2015 } }))),
    ).toEqual(['period']);
    const retention = { activeYears: -1, inactiveYears: 1.5, disposition: 'bakar' };
    expect(fieldsOf([], cmd('registered', { ...aFile(), retention }))).toEqual([
      'retention.activeYears',
      'retention.inactiveYears',
      'retention.disposition',
    ]);
  });

  it('checks fields before existence: an unknown location is reported even on a missing item', () => {
    expect(fieldsOf([], cmd('collected', { locationId: 'nowhere' }), ACTORS.courier1)).toEqual([
      'locationId',
    ]);
  });

  it('refuses sorting at a place that is not a sorting point', () => {
    const command = cmd('sorted', { locationId: 'kec-1', destinationId: 'depot-1' });
    expect(fieldsOf(histories.collectedFile(), command, ACTORS.courier1)).toEqual(['locationId']);
  });

  it('needs a destination to dispatch', () => {
    expect(fieldsOf(histories.collectedFile(), cmd('dispatched'), ACTORS.courier1)).toEqual([
      'destinationId',
    ]);
  });

  it('needs storage.room for intake and a reason to reject, decline or report missing', () => {
    expect(
      fieldsOf(histories.arrivedAtDepot(), cmd('intake_confirmed', { storage: { room: '' } }), ACTORS.depot1),
    ).toEqual(['storage.room']);
    expect(fieldsOf(histories.arrivedAtDepot(), cmd('intake_rejected', {}), ACTORS.depot1)).toEqual([
      'reason',
    ]);
    expect(fieldsOf(histories.deposited(), cmd('reported_missing', { reason: '' }), ACTORS.depot1)).toEqual([
      'reason',
    ]);
  });

  it('needs a borrower that exists and a due date after the lending', () => {
    const past = { borrowerUnitId: 'dinas-b', borrowerName: 'Budi', dueAt: '2026-11-01T00:00:00Z' };
    expect(fieldsOf(histories.deposited(), cmd('lent', past), ACTORS.depot1)).toEqual(['dueAt']);
    const unknown = { ...past, borrowerUnitId: 'nowhere', dueAt: '2027-01-01T00:00:00Z' };
    expect(fieldsOf(histories.deposited(), cmd('lent', unknown), ACTORS.depot1)).toEqual(['borrowerUnitId']);
  });

  it('needs a BA number to dispose', () => {
    expect(fieldsOf(histories.deposited(), cmd('disposed', {}), ACTORS.depot1)).toEqual(['baNumber']);
  });

  it('refuses a handover to the current custodian', () => {
    expect(
      fieldsOf(
        histories.collectedFile(),
        cmd('handover_offered', { toCustodianId: 'kurir-1' }),
        ACTORS.courier1,
      ),
    ).toEqual(['toCustodianId']);
  });

  it('refuses a correction naming an event of another stream', () => {
    const command = cmd('corrected', { correctsEventId: 'someone-elses', reason: 'x' });
    expect(fieldsOf(histories.deposited(), command)).toEqual(['correctsEventId']);
  });
});

describe('malformed commands from the edge', () => {
  it('refuses an empty item id and a command without data', () => {
    const { decision } = given([]).when(
      { type: 'registered', itemId: '', data: aFile() },
      context(ACTORS.officerA),
    );
    expect(decision).toMatchObject({
      ok: false,
      refusal: { code: 'validation-failed', errors: [{ field: 'itemId' }] },
    });
    given(histories.registeredFile())
      .when(
        { type: 'collected', itemId: item, data: undefined } as unknown as CustodyCommand,
        context(ACTORS.courier1),
      )
      .thenRefused('validation-failed', /data/);
  });
});
