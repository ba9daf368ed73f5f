import type { ItemQuery, ReadModelQueries } from '../read-model.port';

/** Every item id a query lists, following the cursors to the end. */
export async function listAll(store: ReadModelQueries, query: ItemQuery): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10_000; page += 1) {
    const result = await store.listItems({ ...query, cursor });
    seen.push(...result.items.map((view) => view.itemId));
    if (result.nextCursor === null) return seen;
    cursor = result.nextCursor;
  }
  throw new Error('paging did not end');
}

/** Everything a reader can see of these items, to compare two read models. */
export async function snapshot(store: ReadModelQueries, itemIds: string[]) {
  const items = await Promise.all(itemIds.map((id) => store.getItem(id)));
  const trails = await Promise.all(itemIds.map((id) => store.getTrail(id, { limit: 1000 })));
  return {
    items,
    trails,
    list: await listAll(store, { limit: 500 }),
    position: await store.appliedPosition(),
  };
}
