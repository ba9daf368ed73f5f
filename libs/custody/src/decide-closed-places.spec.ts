import type { CustodyCommand } from './commands';
import type { LocationLookup } from './location';
import { ACTORS, aFile, aLetter, context, lookupLocation } from './testing/fixtures';
import { given } from './testing/given-when-then';
import { happened, histories } from './testing/histories';

const item = 'item-1';
const cmd = (type: string, data: object = {}) => ({ type, itemId: item, data }) as CustodyCommand;

/** The test directory after an admin deactivated `closedId` (a merged unit, a depot that shut). */
const withClosed =
  (closedId: string): LocationLookup =>
  (id) => {
    const place = lookupLocation(id);
    return place && id === closedId ? { ...place, active: false } : place;
  };

describe('nothing new is addressed, sent or lent to a deactivated place', () => {
  it.each([
    [
      'registering a file at it',
      [],
      cmd('registered', aFile({ originUnitId: 'dinas-b' })),
      ACTORS.admin,
      'originUnitId',
    ],
    [
      'addressing a letter to it',
      [],
      cmd('registered', aLetter({ addresseeUnitId: 'dinas-b' })),
      ACTORS.officerA,
      'addresseeUnitId',
    ],
    [
      'dispatching toward it',
      histories.collectedFile(),
      cmd('dispatched', { destinationId: 'dinas-b' }),
      ACTORS.courier1,
      'destinationId',
    ],
    [
      'sorting toward it',
      [...histories.inTransitToDepot(), happened.arrived('sort-1')],
      cmd('sorted', { locationId: 'sort-1', destinationId: 'dinas-b' }),
      ACTORS.courier1,
      'destinationId',
    ],
    [
      'lending to it',
      histories.deposited(),
      cmd('lent', { borrowerUnitId: 'dinas-b', borrowerName: 'Budi', dueAt: '2026-12-31T00:00:00.000Z' }),
      ACTORS.depot1,
      'borrowerUnitId',
    ],
  ])('%s is refused, naming the field', (_case, history, command, actor, field) => {
    const when = given(history).when(command, context(actor, { locations: withClosed('dinas-b') }));
    when.thenRefused('validation-failed', /deactivated/);
    if (!when.decision.ok) expect(when.decision.refusal.errors?.map((e) => e.field)).toEqual([field]);
  });

  it('lets what lies at a closed place leave it, and what was on its way arrive', () => {
    given(histories.collectedFile())
      .when(
        cmd('dispatched', { destinationId: 'depot-1' }),
        context(ACTORS.courier1, { locations: withClosed('dinas-a') }),
      )
      .then([{ type: 'dispatched', data: { fromLocationId: 'dinas-a', destinationId: 'depot-1' } }]);
    given(histories.inTransitToDepot())
      .when(cmd('arrived'), context(ACTORS.courier1, { locations: withClosed('depot-1') }))
      .then([{ type: 'arrived', data: { locationId: 'depot-1' } }]);
  });
});
