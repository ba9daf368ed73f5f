import type { CustodyCommand } from '../commands';
import { ACTORS, context } from '../testing/fixtures';
import { given } from '../testing/given-when-then';
import { happened, histories } from '../testing/histories';

const item = 'item-1';
const cmd = (type: string, data: object) => ({ type, itemId: item, data }) as CustodyCommand;
const collectedLetter = () => histories.letterInTransit().slice(0, 2);

describe('a letter goes only toward its addressee unit or a sorting point', () => {
  it('dispatches a collected letter to its addressee or a sorting point', () => {
    for (const destinationId of ['dinas-b', 'sort-1']) {
      given(collectedLetter())
        .when(cmd('dispatched', { destinationId }), context(ACTORS.courier1))
        .thenState({ status: 'in_transit', destinationId });
    }
  });

  it('refuses to dispatch or sort a letter toward another unit (400 on destinationId), recording nothing', () => {
    const { decision } = given(collectedLetter()).when(
      cmd('dispatched', { destinationId: 'depot-1' }),
      context(ACTORS.courier1),
    );
    expect(decision).toMatchObject({
      ok: false,
      refusal: { code: 'validation-failed', errors: [{ field: 'destinationId' }] },
    });
    given(collectedLetter())
      .when(cmd('sorted', { locationId: 'sort-1', destinationId: 'dinas-a' }), context(ACTORS.courier1))
      .thenRefused(
        'validation-failed',
        /neither the letter's addressee unit \('dinas-b'\) nor a sorting point/,
      );
  });

  it('sends a misrouted letter onward from where it arrived, toward its addressee', () => {
    const misrouted = [...histories.letterInTransit(), happened.arrived('sort-1')];
    given(misrouted)
      .when(cmd('dispatched', { destinationId: 'dinas-b' }), context(ACTORS.courier1))
      .thenState({ status: 'in_transit', destinationId: 'dinas-b', locationId: null });
    given(misrouted)
      .when(cmd('dispatched', {}), context(ACTORS.courier1))
      .thenRefused('validation-failed', /destinationId is required/);
  });

  it('leaves a file free to go to any place', () => {
    given(histories.collectedFile())
      .when(cmd('dispatched', { destinationId: 'dinas-b' }), context(ACTORS.courier1))
      .thenState({ status: 'in_transit', destinationId: 'dinas-b' });
  });
});
