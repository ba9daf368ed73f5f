import type { Collection, Db, IndexDescription } from 'mongodb';
import type { MongoCollectionNames } from './mongodb-documents';

const byRegistration = (field: string): IndexDescription => ({
  key: { [field]: 1, registeredKey: 1 },
  name: field,
});

const onList = (field: string): IndexDescription => ({
  key: { [field]: 1, registeredKey: 1 },
  name: `watch_${field}`,
  partialFilterExpression: { [field]: { $type: 'string' } },
});

/** Inventories (a place's or a custodian's items, terminal ones left out) filter on status too. */
const inventory = (field: string): IndexDescription => ({
  key: { [field]: 1, status: 1, registeredKey: 1 },
  name: `${field}_status`,
});

/** Replaced by the inventory indexes; dropped where an older version created them. */
const OBSOLETE_INDEXES = ['locationId', 'custodianId'];

/**
 * Every ItemQuery filter ends in registeredKey, the keyset order, so a page is read in order;
 * watch lists index only the items on them.
 */
export const ITEM_INDEXES: IndexDescription[] = [
  { key: { registeredKey: 1 }, name: 'registered', unique: true },
  ...['locationId', 'custodianId'].map(inventory),
  ...['status', 'kind', 'originUnitId', 'classificationCode', 'years', 'titleWords'].map(byRegistration),
  ...['inTransitSince', 'handoverPendingSince', 'loanDueAt', 'retentionEndsAt'].map(onList),
];

export async function createIndexes(db: Db, names: MongoCollectionNames): Promise<void> {
  const items = db.collection(names.items);
  const existing = new Set((await indexesOf(items)).map((index) => String(index.name)));
  for (const name of OBSOLETE_INDEXES) if (existing.has(name)) await items.dropIndex(name);
  await items.createIndexes(ITEM_INDEXES);
  await db
    .collection(names.trail)
    .createIndexes([{ key: { itemId: 1, revision: 1 }, name: 'item_revision', unique: true }]);
}

const NAMESPACE_NOT_FOUND = 26;

/** A collection not created yet (a rebuild's) has no indexes rather than an error. */
async function indexesOf(collection: Collection): Promise<{ name?: unknown }[]> {
  try {
    return await collection.listIndexes().toArray();
  } catch (error) {
    if ((error as { code?: unknown }).code === NAMESPACE_NOT_FOUND) return [];
    throw error;
  }
}
