import type { CustodyCommand } from '../commands';
import { ACTORS, context } from '../testing/fixtures';
import { given } from '../testing/given-when-then';
import { histories } from '../testing/histories';

const note = (text: string) => ({ type: 'noted', itemId: 'item-1', data: { note: text } }) as CustodyCommand;

describe('noted (scratch)', () => {
  it('given a registered item, when an admin notes it, then the note is recorded', () => {
    given(histories.registeredFile())
      .when(note('dicek'), context(ACTORS.admin))
      .then([{ type: 'noted', data: { note: 'dicek' } }]);
  });
});
