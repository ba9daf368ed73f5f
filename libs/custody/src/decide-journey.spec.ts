import { SIGNED } from './testing/acknowledgements';
import { ACTORS, aFile, aLetter, context, NOW } from './testing/fixtures';
import { given, givenEventId } from './testing/given-when-then';
import { happened, histories } from './testing/histories';

const item = 'item-1';

describe('registered', () => {
  it('records a file at its origin unit, held by that unit', () => {
    const when = given([]).when(
      { type: 'registered', itemId: item, data: aFile() },
      context(ACTORS.officerA),
    );
    when.then([{ type: 'registered', data: { ...aFile(), locationId: 'dinas-a', custodianId: 'dinas-a' } }]);
    when.thenState({
      status: 'registered',
      locationId: 'dinas-a',
      custodianId: 'dinas-a',
      since: NOW,
      revision: 0,
    });
  });

  it('keeps only the known description fields', () => {
    const data = { ...aLetter(), injected: 'x' } as ReturnType<typeof aLetter>;
    given([])
      .when({ type: 'registered', itemId: item, data }, context(ACTORS.admin))
      .then([{ type: 'registered', data: { ...aLetter(), locationId: 'dinas-a', custodianId: 'dinas-a' } }]);
  });
});

describe('collected', () => {
  it.each([
    ['registered', histories.registeredFile(), 'dinas-a', ACTORS.courier2],
    ['arrived', [...histories.inTransitToDepot(), happened.arrived('kec-1')], 'kec-1', ACTORS.courier1],
    ['deposited', histories.deposited(), 'depot-1', ACTORS.courier2],
  ])('from %s makes the courier custodian where the item is', (_status, history, locationId, courier) => {
    const holder = given(history).state!.custodianId;
    const when = given(history).when(
      { type: 'collected', itemId: item, data: { acknowledgement: SIGNED } },
      context(courier),
    );
    const { name, nip, signatureHash } = SIGNED;
    const acknowledgement = {
      method: 'signature' as const,
      byId: null,
      placeId: locationId,
      name,
      nip,
      signatureHash,
    };
    when.then([
      {
        type: 'collected',
        data: { locationId, custodianId: courier.id, fromCustodianId: holder, acknowledgement },
      },
    ]);
    when.thenState({ status: 'collected', custodianId: courier.id, locationId, storage: null, since: NOW });
  });
});

describe('sorted', () => {
  it('from collected puts the item at the sorting point with a destination', () => {
    const when = given(histories.collectedFile()).when(
      { type: 'sorted', itemId: item, data: { locationId: 'sort-1', destinationId: 'depot-2' } },
      context(ACTORS.courier1),
    );
    when.then([{ type: 'sorted', data: { locationId: 'sort-1', destinationId: 'depot-2' } }]);
    when.thenState({
      status: 'sorted',
      locationId: 'sort-1',
      destinationId: 'depot-2',
      custodianId: 'kurir-1',
    });
  });

  it('from arrived at a sorting point may be recorded by an officer there', () => {
    const sortingOfficer = { id: 'rina', role: 'officer' as const, unitId: 'sort-1' };
    given([...histories.inTransitToDepot(), happened.arrived('sort-1')])
      .when(
        { type: 'sorted', itemId: item, data: { locationId: 'sort-1', destinationId: 'depot-1' } },
        context(sortingOfficer),
      )
      .thenState({ status: 'sorted', locationId: 'sort-1' });
  });
});

describe('dispatched', () => {
  it('from sorted goes in transit toward the sorted destination', () => {
    const when = given([...histories.collectedFile(), happened.sorted('sort-1', 'depot-2')]).when(
      { type: 'dispatched', itemId: item, data: {} },
      context(ACTORS.courier1),
    );
    when.then([{ type: 'dispatched', data: { fromLocationId: 'sort-1', destinationId: 'depot-2' } }]);
    when.thenState({
      status: 'in_transit',
      locationId: null,
      destinationId: 'depot-2',
      custodianId: 'kurir-1',
    });
  });

  it('from collected takes the destination from the command', () => {
    given(histories.collectedFile())
      .when(
        { type: 'dispatched', itemId: item, data: { destinationId: 'depot-1' } },
        context(ACTORS.courier1),
      )
      .then([{ type: 'dispatched', data: { fromLocationId: 'dinas-a', destinationId: 'depot-1' } }]);
  });
});

describe('handover', () => {
  it.each([
    ['collected', histories.collectedFile()],
    ['sorted', [...histories.collectedFile(), happened.sorted()]],
    ['in_transit', histories.inTransitToDepot()],
    ['arrived', histories.arrivedAtDepot()],
  ])('is offered from %s without changing custody', (status, history) => {
    const when = given(history).when(
      { type: 'handover_offered', itemId: item, data: { toCustodianId: 'kurir-2' } },
      context(ACTORS.courier1),
    );
    const state = when.thenState({ status: status as never, custodianId: 'kurir-1' });
    expect(state.pendingHandover).toMatchObject({
      fromCustodianId: 'kurir-1',
      toCustodianId: 'kurir-2',
      offeredAt: NOW,
    });
  });

  it('accepted by its addressee makes them custodian and clears the offer', () => {
    const when = given([...histories.inTransitToDepot(), happened.offered('kurir-2')]).when(
      { type: 'handover_accepted', itemId: item, data: {} },
      context(ACTORS.courier2),
    );
    when.then([
      { type: 'handover_accepted', data: { fromCustodianId: 'kurir-1', toCustodianId: 'kurir-2' } },
    ]);
    when.thenState({ status: 'in_transit', custodianId: 'kurir-2', pendingHandover: null, since: NOW });
  });

  it('declined by its addressee clears the offer and keeps custody', () => {
    const history = [...histories.inTransitToDepot(), happened.offered('kurir-2')];
    const when = given(history).when(
      { type: 'handover_declined', itemId: item, data: { reason: 'tas penuh' } },
      context(ACTORS.courier2),
    );
    when.then([{ type: 'handover_declined', data: { toCustodianId: 'kurir-2', reason: 'tas penuh' } }]);
    const state = when.thenState({ custodianId: 'kurir-1', pendingHandover: null });
    expect(state.since).toBe(given(history).state!.since);
  });
});

describe('arrived', () => {
  it('from in_transit is at the destination, still with the courier', () => {
    const when = given(histories.inTransitToDepot()).when(
      { type: 'arrived', itemId: item, data: {} },
      context(ACTORS.courier1),
    );
    when.then([{ type: 'arrived', data: { locationId: 'depot-1' } }]);
    when.thenState({ status: 'arrived', locationId: 'depot-1', custodianId: 'kurir-1' });
  });
});

describe('delivered', () => {
  it('a letter arrived at its addressee, received by an officer there, makes the unit custodian', () => {
    const when = given(histories.letterArrived()).when(
      {
        type: 'delivered',
        itemId: item,
        data: { receivedBy: 'Budi', acknowledgement: { method: 'account' } },
      },
      context(ACTORS.officerB),
    );
    when.then([
      {
        type: 'delivered',
        data: {
          locationId: 'dinas-b',
          custodianId: 'dinas-b',
          receivedBy: 'Budi',
          fromCustodianId: 'kurir-1',
          acknowledgement: { method: 'account', byId: 'budi', placeId: 'dinas-b' },
        },
      },
    ]);
    when.thenState({ status: 'delivered', custodianId: 'dinas-b', locationId: 'dinas-b' });
  });
});

describe('corrected', () => {
  it('annotates an earlier event without changing status, even after the end', () => {
    const history = [...histories.deposited(aFile({ year: 2000 })), happened.disposed()];
    const before = given(history).state!;
    const when = given(history).when(
      {
        type: 'corrected',
        itemId: item,
        data: { correctsEventId: givenEventId(3), reason: 'salah ketik rak' },
      },
      context(ACTORS.admin),
    );
    when.then([{ type: 'corrected', data: { correctsEventId: 'ev-3', reason: 'salah ketik rak' } }]);
    const after = when.thenState({
      status: 'disposed',
      custodianId: before.custodianId,
      since: before.since,
    });
    expect(after.revision).toBe(before.revision + 1);
    expect(after.eventIds).toEqual([...before.eventIds, 'new-0']);
    expect(after.headHash).not.toBe(before.headHash);
  });
});
