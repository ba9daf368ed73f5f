import type { Collection, IndexDescription } from 'mongodb';
import { ITEM_INDEXES, named, syncIndexes } from './mongodb-indexes';

/** A collection as the driver answers listIndexes / dropIndex / createIndexes, with a name check. */
function collectionWith(existing: IndexDescription[]) {
  const indexes = new Map(existing.map((index) => [String(index.name), index]));
  const dropped: string[] = [];
  const collection = {
    listIndexes: () => ({ toArray: async () => [...indexes.values()] }),
    dropIndex: async (name: string) => void (dropped.push(name), indexes.delete(name)),
    createIndexes: async (specs: IndexDescription[]) => {
      for (const spec of specs) {
        const same = indexes.get(String(spec.name));
        // What the server answers when a name is reused with other keys (code 86).
        if (same && JSON.stringify(same.key) !== JSON.stringify(spec.key))
          throw Object.assign(new Error('IndexKeySpecsConflict'), { code: 86 });
        indexes.set(String(spec.name), spec);
      }
      return specs.map((spec) => String(spec.name));
    },
  };
  return { collection: collection as unknown as Collection, indexes, dropped };
}

describe('MongoDB read-model indexes', () => {
  it('name an index by its keys and options, so a changed definition never reuses a name', () => {
    const plain = named({ key: { status: 1, registeredKey: 1 } });
    const partial = named({
      key: { status: 1, registeredKey: 1 },
      partialFilterExpression: { status: { $type: 'string' } },
    });
    const other = named({ key: { status: 1, kind: 1 } });
    expect(new Set([plain.name, partial.name, other.name]).size).toBe(3);
    expect(named({ key: { status: 1, registeredKey: 1 } }).name).toBe(plain.name);
    expect(new Set(ITEM_INDEXES.map((index) => index.name)).size).toBe(ITEM_INDEXES.length);
  });

  it('replace indexes of an older version that reused a name with other keys, and keep foreign ones', async () => {
    const { collection, indexes, dropped } = collectionWith([
      { name: '_id_', key: { _id: 1 } },
      { name: 'status', key: { status: 1 } },
      { name: 'locationId', key: { locationId: 1, registeredKey: 1 } },
      { name: 'operator_added', key: { title: 1 } },
    ]);
    await syncIndexes(collection, ITEM_INDEXES);
    expect(dropped.sort()).toEqual(['locationId', 'status']);
    expect([...indexes.keys()].sort()).toEqual(
      ['_id_', 'operator_added', ...ITEM_INDEXES.map((index) => String(index.name))].sort(),
    );
    // The next start has nothing to do; a later definition replaces its predecessor.
    await syncIndexes(collection, ITEM_INDEXES);
    expect(dropped).toHaveLength(2);
    const changed = [named({ key: { status: 1, kind: 1, registeredKey: 1 } })];
    await syncIndexes(collection, changed);
    expect([...indexes.keys()].sort()).toEqual(['_id_', 'operator_added', String(changed[0].name)].sort());
  });
});
