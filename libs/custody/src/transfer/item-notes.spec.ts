import type { DecidedTransferEvent } from './transfer-events';
import { itemNotes } from './item-notes';

const intake: DecidedTransferEvent = {
  type: 'intake_recorded',
  data: {
    results: [
      { itemId: 'a', outcome: 'received', storage: { room: 'R1' } },
      { itemId: 'b', outcome: 'damaged', storage: { room: 'R1' }, note: 'sampul sobek' },
      { itemId: 'c', outcome: 'received', storage: { room: 'R1' }, note: 'map diganti' },
      { itemId: 'd', outcome: 'missing', note: 'tidak ada di boks' },
    ],
  },
};

describe('itemNotes', () => {
  it("puts a damaged item's condition on its intake event, and a received item's own note", () => {
    const noteOf = itemNotes(
      [intake, { type: 'completed', data: { status: 'completed_with_discrepancies' } }],
      undefined,
    );
    expect(noteOf('b')).toBe('damaged: sampul sobek');
    expect(noteOf('c')).toBe('map diganti');
    expect(noteOf('a')).toBeNull();
    // A missing item's note travels in the reported_missing reason instead.
    expect(noteOf('d')).toBeNull();
  });

  it("falls back to the request's note, which never hides an item's own", () => {
    const noteOf = itemNotes([intake], 'diterima di loket 2');
    expect(noteOf('a')).toBe('diterima di loket 2');
    expect(noteOf('b')).toBe('damaged: sampul sobek');
    const journey = itemNotes([{ type: 'arrived', data: { locationId: 'depot-1' } }], 'hujan deras');
    expect(journey('x')).toBe('hujan deras');
  });
});
