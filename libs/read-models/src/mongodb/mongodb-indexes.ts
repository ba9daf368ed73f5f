import type { Db, IndexDescription } from 'mongodb';
import type { MongoCollectionNames } from './mongodb-documents';

const onList = (field: string): IndexDescription => ({
  key: { [field]: 1, _id: 1 },
  name: `watch_${field}`,
  partialFilterExpression: { [field]: { $type: 'string' } },
});

/** Every ItemQuery filter ends in _id, the keyset order; watch lists index only listed items. */
const ITEM_INDEXES: IndexDescription[] = [
  { key: { status: 1, _id: 1 }, name: 'status' },
  { key: { kind: 1, _id: 1 }, name: 'kind' },
  { key: { locationId: 1, _id: 1 }, name: 'location' },
  { key: { custodianId: 1, _id: 1 }, name: 'custodian' },
  { key: { originUnitId: 1, _id: 1 }, name: 'origin' },
  { key: { classificationCode: 1, _id: 1 }, name: 'classification' },
  { key: { year: 1, _id: 1 }, name: 'year' },
  { key: { periodFrom: 1, periodTo: 1 }, name: 'period' },
  { key: { titleWords: 1 }, name: 'title_words' },
  onList('inTransitSince'),
  onList('handoverPendingSince'),
  onList('loanDueAt'),
  onList('retentionEndsAt'),
];

export async function createIndexes(db: Db, names: MongoCollectionNames): Promise<void> {
  await db.collection(names.items).createIndexes(ITEM_INDEXES);
  await db
    .collection(names.trail)
    .createIndexes([{ key: { itemId: 1, revision: 1 }, name: 'item_revision', unique: true }]);
}
