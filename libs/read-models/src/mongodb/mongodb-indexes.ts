import type { Db, IndexDescription } from 'mongodb';
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

/**
 * Every ItemQuery filter ends in registeredKey, the keyset order, so a page is read in order;
 * watch lists index only the items on them.
 */
const ITEM_INDEXES: IndexDescription[] = [
  { key: { registeredKey: 1 }, name: 'registered', unique: true },
  ...[
    'status',
    'kind',
    'locationId',
    'custodianId',
    'originUnitId',
    'classificationCode',
    'years',
    'titleWords',
  ].map(byRegistration),
  ...['inTransitSince', 'handoverPendingSince', 'loanDueAt', 'retentionEndsAt'].map(onList),
];

export async function createIndexes(db: Db, names: MongoCollectionNames): Promise<void> {
  await db.collection(names.items).createIndexes(ITEM_INDEXES);
  await db
    .collection(names.trail)
    .createIndexes([{ key: { itemId: 1, revision: 1 }, name: 'item_revision', unique: true }]);
}
