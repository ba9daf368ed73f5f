import { CUSTODY_ROOMS } from './index';

// The generator is a build script (plain JavaScript, outside the domain): it reads the room files.
const generator = require('../../../../scripts/generate-rooms.js') as {
  readRooms(): { type: string; word: string }[];
  staleFiles(): [string, string][];
};

describe('the files assembled from the rooms', () => {
  // A new room is filed by `npm run build` (and refused by `npm run lint` until it is): the index
  // and the web app's words are never edited by hand, so they must say what the rooms say.
  it('are up to date with the room files', () => {
    expect(generator.staleFiles().map(([path]) => path)).toEqual([]);
  });

  it('read each room as the domain itself sees it', () => {
    const read = generator.readRooms().map(({ type, word }) => ({ type, word }));
    const rooms = Object.values(CUSTODY_ROOMS).map(({ type, word }) => ({ type, word }));
    expect(read).toEqual(rooms);
  });
});
