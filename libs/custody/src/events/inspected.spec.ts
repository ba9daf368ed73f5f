import { ACTORS, context } from '../testing/fixtures';
import { given, GIVEN_ITEM_ID } from '../testing/given-when-then';
import { histories } from '../testing/histories';

describe('inspected', () => {
  const command = { type: 'inspected', itemId: GIVEN_ITEM_ID, data: { reason: 'kertas lembap' } } as const;

  it('notes the condition of a deposited file, by its depot', () => {
    given(histories.deposited())
      .when(command, context(ACTORS.depot1))
      .then([{ type: 'inspected', data: { reason: 'kertas lembap' } }]);
  });

  it('is refused to another depot and before the file is deposited', () => {
    given(histories.deposited()).when(command, context(ACTORS.depot2)).thenRefused('forbidden');
    given(histories.arrivedAtDepot()).when(command, context(ACTORS.depot1)).thenRefused('invalid-transition');
  });
});
