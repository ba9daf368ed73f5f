import { eventIdsFor } from './transfer-event-ids';

describe('eventIdsFor', () => {
  const keyed = eventIdsFor({ tokenId: 'tok-1', key: 'k-1' });

  it('gives a retried request the very same ids, so the store can tell it was recorded', () => {
    const again = eventIdsFor({ tokenId: 'tok-1', key: 'k-1' });
    expect(again('transfer', 0)).toBe(keyed('transfer', 0));
    expect(again('item:a-1', 1)).toBe(keyed('item:a-1', 1));
  });

  it('gives every stream, index, token and key its own id', () => {
    const ids = [
      keyed('transfer', 0),
      keyed('transfer', 1),
      keyed('item:a-1', 0),
      keyed('item:a-2', 0),
      keyed('claim:a-1', 0),
      eventIdsFor({ tokenId: 'tok-2', key: 'k-1' })('transfer', 0),
      eventIdsFor({ tokenId: 'tok-1', key: 'k-2' })('transfer', 0),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('without a key, never repeats', () => {
    const fresh = eventIdsFor(null);
    expect(fresh('transfer', 0)).not.toBe(fresh('transfer', 0));
  });
});
