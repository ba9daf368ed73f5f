import { ACTORS, aFile, context, NOW } from './testing/fixtures';
import { given } from './testing/given-when-then';
import { happened, histories } from './testing/histories';

const item = 'item-1';
const shelf = { room: 'R2', shelf: 'S1', box: 'B9' };

describe('intake_confirmed', () => {
  it('deposits the item at the depot, which becomes custodian, and remembers when', () => {
    const when = given(histories.arrivedAtDepot()).when(
      { type: 'intake_confirmed', itemId: item, data: { storage: shelf } },
      context(ACTORS.depot1),
    );
    when.then([{ type: 'intake_confirmed', data: { depotId: 'depot-1', storage: shelf } }]);
    when.thenState({
      status: 'deposited',
      locationId: 'depot-1',
      custodianId: 'depot-1',
      depotId: 'depot-1',
      storage: shelf,
      depositedAt: NOW,
      since: NOW,
    });
  });

  it('keeps the first deposit time when the file comes back to a depot later', () => {
    const firstDeposit = given(histories.deposited()).state!.depositedAt;
    const history = [
      ...histories.deposited(),
      happened.collected('kurir-1', 'depot-1'),
      happened.dispatched('depot-2', 'depot-1'),
      happened.arrived('depot-2'),
    ];
    given(history)
      .when({ type: 'intake_confirmed', itemId: item, data: { storage: shelf } }, context(ACTORS.depot2))
      .thenState({ status: 'deposited', depotId: 'depot-2', depositedAt: firstDeposit! });
  });
});

describe('intake_rejected', () => {
  it('leaves the item arrived with the courier and keeps the reason', () => {
    const before = given(histories.arrivedAtDepot()).state!;
    const when = given(histories.arrivedAtDepot()).when(
      { type: 'intake_rejected', itemId: item, data: { reason: 'basah, tidak sesuai daftar' } },
      context(ACTORS.depot1),
    );
    when.then([
      { type: 'intake_rejected', data: { depotId: 'depot-1', reason: 'basah, tidak sesuai daftar' } },
    ]);
    when.thenState({ status: 'arrived', custodianId: 'kurir-1', locationId: 'depot-1', since: before.since });
  });
});

describe('relocated', () => {
  it('moves a deposited item to another shelf of the same depot', () => {
    const when = given(histories.deposited()).when(
      { type: 'relocated', itemId: item, data: { storage: shelf } },
      context(ACTORS.depot1),
    );
    when.then([
      { type: 'relocated', data: { from: { room: 'R1', shelf: 'S2', box: 'B3' }, storage: shelf } },
    ]);
    when.thenState({ status: 'deposited', storage: shelf, custodianId: 'depot-1' });
  });
});

describe('lent and returned', () => {
  it('lends a deposited file to a unit until a due date', () => {
    const data = { borrowerUnitId: 'dinas-b', borrowerName: 'Budi', dueAt: '2026-12-14T00:00:00Z' };
    const when = given(histories.deposited()).when(
      { type: 'lent', itemId: item, data },
      context(ACTORS.depot1),
    );
    when.then([{ type: 'lent', data: { ...data, depotId: 'depot-1', dueAt: '2026-12-14T00:00:00.000Z' } }]);
    when.thenState({
      status: 'on_loan',
      locationId: 'dinas-b',
      custodianId: 'dinas-b',
      loan: {
        depotId: 'depot-1',
        borrowerUnitId: 'dinas-b',
        borrowerName: 'Budi',
        lentAt: NOW,
        dueAt: '2026-12-14T00:00:00.000Z',
      },
    });
  });

  it('takes a returned file back to its shelf unless another is given', () => {
    const returned = given(histories.onLoan()).when(
      { type: 'returned', itemId: item, data: {} },
      context(ACTORS.depot1),
    );
    returned.then([
      { type: 'returned', data: { depotId: 'depot-1', storage: { room: 'R1', shelf: 'S2', box: 'B3' } } },
    ]);
    returned.thenState({ status: 'deposited', loan: null, locationId: 'depot-1', custodianId: 'depot-1' });
    given(histories.onLoan())
      .when({ type: 'returned', itemId: item, data: { storage: shelf } }, context(ACTORS.depot1))
      .thenState({ storage: shelf });
  });
});

describe('end of retention', () => {
  it('disposes of a deposited file whose retention ended with disposition musnah', () => {
    const when = given(histories.deposited()).when(
      { type: 'disposed', itemId: item, data: { baNumber: 'BA-012/ARS/2026' } },
      context(ACTORS.depot1),
    );
    when.then([{ type: 'disposed', data: { baNumber: 'BA-012/ARS/2026' } }]);
    when.thenState({ status: 'disposed' });
  });

  it('hands a permanent file to the static archive', () => {
    const permanent = aFile({ retention: { activeYears: 1, inactiveYears: 1, disposition: 'permanen' } });
    const when = given(histories.deposited(permanent)).when(
      { type: 'transferred_static', itemId: item, data: { baNumber: 'BA-013/ARS/2026', toArchive: 'ANRI' } },
      context(ACTORS.depot1),
    );
    when.then([{ type: 'transferred_static', data: { baNumber: 'BA-013/ARS/2026', toArchive: 'ANRI' } }]);
    when.thenState({ status: 'transferred_static' });
  });

  it('refuses to dispose before the retention ends, naming when it ends', () => {
    given(histories.deposited(aFile({ year: 2024 })))
      .when({ type: 'disposed', itemId: item, data: { baNumber: 'BA-1' } }, context(ACTORS.depot1))
      .thenRefused(
        'invalid-transition',
        "cannot record 'disposed' on an item in status 'deposited': its retention ends at 2032-01-01",
      );
  });

  it.each(['disposed', 'transferred_static'] as const)(
    'refuses %s for a dinilai_kembali file, retention ended or not, until it is re-appraised',
    (type) => {
      for (const year of [2010, 2024]) {
        const pending = aFile({
          year,
          retention: { activeYears: 2, inactiveYears: 5, disposition: 'dinilai_kembali' },
        });
        given(histories.deposited(pending))
          .when({ type, itemId: item, data: { baNumber: 'BA-014/ARS/2026' } }, context(ACTORS.depot1))
          .thenRefused(
            'invalid-transition',
            /'dinilai_kembali': it must be re-appraised \(reappraised\) first/,
          );
      }
    },
  );

  it('never disposes of a permanent file, ended retention or not: it goes to the static archive', () => {
    const ended = aFile({ retention: { activeYears: 1, inactiveYears: 1, disposition: 'permanen' } });
    const running = aFile({
      year: 2024,
      retention: { activeYears: 1, inactiveYears: 1, disposition: 'permanen' },
    });
    for (const permanent of [ended, running]) {
      given(histories.deposited(permanent))
        .when({ type: 'disposed', itemId: item, data: { baNumber: 'BA-1' } }, context(ACTORS.depot1))
        .thenRefused(
          'invalid-transition',
          "cannot record 'disposed' on an item in status 'deposited': its retention disposition is 'permanen'",
        );
    }
  });

  it('refuses to hand a permanent file to the static archive before its retention ends', () => {
    const running = aFile({
      year: 2024,
      retention: { activeYears: 2, inactiveYears: 10, disposition: 'permanen' },
    });
    given(histories.deposited(running))
      .when(
        { type: 'transferred_static', itemId: item, data: { baNumber: 'BA-015/ARS/2026' } },
        context(ACTORS.depot1),
      )
      .thenRefused('invalid-transition', /its retention ends at 2037-01-01/);
  });

  it('refuses to hand a musnah file to the static archive, retention ended or not', () => {
    given(
      histories.deposited(aFile({ retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' } })),
    )
      .when({ type: 'transferred_static', itemId: item, data: { baNumber: 'BA-1' } }, context(ACTORS.depot1))
      .thenRefused('invalid-transition', "its retention disposition is 'musnah', not 'permanen'");
  });

  it('refuses to hand a file without a retention schedule to the static archive', () => {
    given(histories.deposited(aFile({ retention: undefined })))
      .when({ type: 'transferred_static', itemId: item, data: { baNumber: 'BA-1' } }, context(ACTORS.depot1))
      .thenRefused('invalid-transition', /retention \(JRA\) is not recorded/);
  });

  it('refuses to dispose of a file without a retention schedule', () => {
    given(histories.deposited(aFile({ retention: undefined })))
      .when({ type: 'disposed', itemId: item, data: { baNumber: 'BA-1' } }, context(ACTORS.depot1))
      .thenRefused('invalid-transition', /retention \(JRA\) is not recorded/);
  });

  it('counts retention from the end of a period, not its start', () => {
    const period = aFile({ year: undefined, period: { from: 2010, to: 2020 } });
    given(histories.deposited(period))
      .when({ type: 'disposed', itemId: item, data: { baNumber: 'BA-1' } }, context(ACTORS.depot1))
      .thenRefused('invalid-transition', /ends at 2028-01-01/);
  });
});

describe('missing and found', () => {
  it('reports an item missing, keeping where it was last known', () => {
    const when = given(histories.deposited()).when(
      { type: 'reported_missing', itemId: item, data: { reason: 'rak kosong' } },
      context(ACTORS.depot1),
    );
    when.then([
      {
        type: 'reported_missing',
        data: { reason: 'rak kosong', lastKnownLocationId: 'depot-1', lastKnownCustodianId: 'depot-1' },
      },
    ]);
    when.thenState({
      status: 'missing',
      locationId: null,
      lastKnown: { status: 'deposited', locationId: 'depot-1', custodianId: 'depot-1' },
    });
  });

  it('takes a further report on a missing item, keeping the place and status it was last known in', () => {
    const history = [...histories.onLoan(), happened.missing('dinas-b', 'dinas-b')];
    const when = given(history).when(
      { type: 'reported_missing', itemId: item, data: { reason: 'peminjam juga tidak menemukan' } },
      context(ACTORS.depot1),
    );
    when.then([
      {
        type: 'reported_missing',
        data: {
          reason: 'peminjam juga tidak menemukan',
          lastKnownLocationId: 'dinas-b',
          lastKnownCustodianId: 'dinas-b',
        },
      },
    ]);
    const state = when.thenState({
      status: 'missing',
      locationId: null,
      lastKnown: { status: 'on_loan', locationId: 'dinas-b', custodianId: 'dinas-b' },
    });
    expect(state.eventIds).toHaveLength(history.length + 1);
  });

  it('after two reports, found back where it was last known it still resumes that status', () => {
    const history = [
      ...histories.deposited(),
      happened.missing('depot-1', 'depot-1'),
      happened.missing('depot-1', 'depot-1'),
    ];
    given(history)
      .when({ type: 'found', itemId: item, data: { locationId: 'depot-1' } }, context(ACTORS.depot1))
      .thenState({ status: 'deposited', storage: { room: 'R1', shelf: 'S2', box: 'B3' } });
  });

  it('found back where it was last at rest, it resumes that status with its shelf', () => {
    const history = [...histories.deposited(), happened.missing('depot-1', 'depot-1')];
    const when = given(history).when(
      { type: 'found', itemId: item, data: { locationId: 'depot-1' } },
      context(ACTORS.depot1),
    );
    when.then([{ type: 'found', data: { locationId: 'depot-1', custodianId: 'depot-1' } }]);
    when.thenState({
      status: 'deposited',
      locationId: 'depot-1',
      custodianId: 'depot-1',
      storage: { room: 'R1', shelf: 'S2', box: 'B3' },
    });
  });

  it('lost on the move and found somewhere, it is arrived there, held by whoever was named', () => {
    const history = [...histories.inTransitToDepot(), happened.missing(null, 'kurir-1')];
    given(history)
      .when(
        { type: 'found', itemId: item, data: { locationId: 'kec-1', custodianId: 'kurir-1' } },
        context(ACTORS.admin),
      )
      .thenState({ status: 'arrived', locationId: 'kec-1', custodianId: 'kurir-1', since: NOW });
  });

  it('found elsewhere than its shelf, it is no longer deposited and its shelf is forgotten', () => {
    const history = [...histories.deposited(), happened.missing('depot-1', 'depot-1')];
    given(history)
      .when({ type: 'found', itemId: item, data: { locationId: 'depot-2' } }, context(ACTORS.depot2))
      .thenState({ status: 'arrived', locationId: 'depot-2', custodianId: 'depot-2', storage: null });
  });
});
