import { CUSTODY_EVENT_TYPES } from '@jejak/custody';
import { EVENT_WORDS } from './words';

describe('EVENT_WORDS', () => {
  // An event's word on screen is product vocabulary (web-app.md "Words"), chosen with its row in
  // domain.md: without one the item page and the replay would show the raw type.
  it('has an Indonesian word for every custody event', () => {
    expect(CUSTODY_EVENT_TYPES.filter((type) => !EVENT_WORDS[type])).toEqual([]);
  });
});
