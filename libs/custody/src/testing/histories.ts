import type { ItemDescription, Storage } from '../item';
import { aFile, aLetter } from './fixtures';
import type { GivenEvent } from './given-when-then';

/** Building blocks for `given` histories; defaults follow one file from dinas-a to depot-1. */
export const happened = {
  registered: (description: ItemDescription = aFile()): GivenEvent => ({
    type: 'registered',
    data: { ...description, locationId: description.originUnitId, custodianId: description.originUnitId },
  }),
  collected: (custodianId = 'kurir-1', locationId = 'dinas-a'): GivenEvent => ({
    type: 'collected',
    data: { locationId, custodianId },
  }),
  sorted: (locationId = 'sort-1', destinationId = 'depot-1'): GivenEvent => ({
    type: 'sorted',
    data: { locationId, destinationId },
  }),
  dispatched: (destinationId = 'depot-1', fromLocationId: string | null = 'dinas-a'): GivenEvent => ({
    type: 'dispatched',
    data: { fromLocationId, destinationId },
  }),
  offered: (toCustodianId = 'kurir-2', fromCustodianId = 'kurir-1'): GivenEvent => ({
    type: 'handover_offered',
    data: { fromCustodianId, toCustodianId, locationId: null },
  }),
  accepted: (toCustodianId = 'kurir-2', fromCustodianId = 'kurir-1'): GivenEvent => ({
    type: 'handover_accepted',
    data: { fromCustodianId, toCustodianId },
  }),
  arrived: (locationId = 'depot-1'): GivenEvent => ({ type: 'arrived', data: { locationId } }),
  intake: (depotId = 'depot-1', storage: Storage = { room: 'R1', shelf: 'S2', box: 'B3' }): GivenEvent => ({
    type: 'intake_confirmed',
    data: { depotId, storage },
  }),
  lent: (borrowerUnitId = 'dinas-b', dueAt = '2026-12-31T00:00:00.000Z'): GivenEvent => ({
    type: 'lent',
    data: { depotId: 'depot-1', borrowerUnitId, borrowerName: 'Budi', dueAt },
  }),
  missing: (lastKnownLocationId: string | null, lastKnownCustodianId: string): GivenEvent => ({
    type: 'reported_missing',
    data: { reason: 'tidak ada di rak', lastKnownLocationId, lastKnownCustodianId },
  }),
  disposed: (): GivenEvent => ({ type: 'disposed', data: { baNumber: 'BA-001/ARS/2026' } }),
};

/** Common histories, as the item would have lived them. */
export const histories = {
  registeredFile: (description: ItemDescription = aFile()) => [happened.registered(description)],
  collectedFile: () => [happened.registered(), happened.collected()],
  inTransitToDepot: () => [happened.registered(), happened.collected(), happened.dispatched()],
  arrivedAtDepot: () => [...histories.inTransitToDepot(), happened.arrived('depot-1')],
  deposited: (description: ItemDescription = aFile()) => [
    happened.registered(description),
    happened.collected(),
    happened.dispatched(),
    happened.arrived('depot-1'),
    happened.intake(),
  ],
  onLoan: () => [...histories.deposited(), happened.lent()],
  letterInTransit: () => [
    happened.registered(aLetter()),
    happened.collected(),
    happened.dispatched('dinas-b'),
  ],
  letterArrived: () => [...histories.letterInTransit(), happened.arrived('dinas-b')],
};
