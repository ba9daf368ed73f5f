import { CUSTODY_EVENT_TYPES } from '@jejak/custody';
import { CUSTODY_ROOMS } from '@jejak/custody/events/index';
import { EVENT_WORDS } from './words';

describe('EVENT_WORDS', () => {
  // An event's word on screen is product vocabulary (web-app.md "Words"), chosen with its row in
  // domain.md: without one the item page and the replay would show the raw type.
  it('has an Indonesian word for every custody event', () => {
    expect(CUSTODY_EVENT_TYPES.filter((type) => !EVENT_WORDS[type])).toEqual([]);
  });

  // The web app does not bundle the domain: its copy of the rooms' words must be the rooms' own.
  it('shows each custody event by the word its room gives', () => {
    const rooms = Object.fromEntries(Object.values(CUSTODY_ROOMS).map((room) => [room.type, room.word]));
    expect(Object.fromEntries(CUSTODY_EVENT_TYPES.map((type) => [type, EVENT_WORDS[type]]))).toEqual(rooms);
  });
});
