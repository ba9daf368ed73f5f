import type { ItemState } from '@jejak/custody';
import { ItemStateCache } from './item-state.cache';

const stateOf = (itemId: string, revision = 0): ItemState => ({ itemId, revision }) as ItemState;

describe('ItemStateCache', () => {
  it('answers the state last set for an item', () => {
    const cache = new ItemStateCache(10);
    cache.set('a', stateOf('a', 0));
    cache.set('a', stateOf('a', 3));
    expect(cache.get('a')?.revision).toBe(3);
    expect(cache.get('b')).toBeUndefined();
  });

  it('drops the least recently used item beyond its capacity', () => {
    const cache = new ItemStateCache(2);
    cache.set('a', stateOf('a'));
    cache.set('b', stateOf('b'));
    cache.get('a');
    cache.set('c', stateOf('c'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('forgets a deleted item', () => {
    const cache = new ItemStateCache(2);
    cache.set('a', stateOf('a'));
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });
});
