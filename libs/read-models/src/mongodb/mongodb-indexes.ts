import { createHash } from 'node:crypto';
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { MongoCollectionNames } from './mongodb-documents';

/**
 * An index is named after everything that defines it (keys and options, hashed), so a changed
 * definition gets a new name: MongoDB refuses to re-create an existing name with other keys
 * (IndexKeySpecsConflict, 86) or options (IndexOptionsConflict, 85).
 */
export function named(spec: Omit<IndexDescription, 'name'>): IndexDescription {
  const fields = Object.keys(spec.key).join('_');
  const digest = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 8);
  return { ...spec, name: `${fields}_${digest}` };
}

const byRegistration = (field: string): IndexDescription => named({ key: { [field]: 1, registeredKey: 1 } });

const onList = (field: string): IndexDescription =>
  named({ key: { [field]: 1, registeredKey: 1 }, partialFilterExpression: { [field]: { $type: 'string' } } });

/** Inventories (a place's or a custodian's items, terminal ones left out) filter on status too. */
const inventory = (field: string): IndexDescription =>
  named({ key: { [field]: 1, status: 1, registeredKey: 1 } });

/**
 * Every ItemQuery filter ends in registeredKey, the keyset order, so a page is read in order;
 * watch lists index only the items on them.
 */
export const ITEM_INDEXES: IndexDescription[] = [
  named({ key: { registeredKey: 1 }, unique: true }),
  ...['locationId', 'custodianId'].map(inventory),
  ...['status', 'kind', 'originUnitId', 'classificationCode', 'years', 'titleWords'].map(byRegistration),
  ...['inTransitSince', 'handoverPendingSince', 'loanDueAt', 'retentionEndsAt'].map(onList),
  // A short code typed in `q`: an anchored regex on it.
  onList('view.shortCode'),
];

export const TRAIL_INDEXES: IndexDescription[] = [
  named({ key: { itemId: 1, revision: 1 }, unique: true }),
  // The late-entries watch list: only late lines carry lateRecordedAt.
  named({ key: { lateRecordedAt: -1 }, partialFilterExpression: { lateRecordedAt: { $type: 'string' } } }),
];

/** The list of transfers, in creation order under each filter. */
export const TRANSFER_INDEXES: IndexDescription[] = [
  named({ key: { createdKey: 1 }, unique: true }),
  ...['status', 'fromId', 'toId', 'courierIds', 'baKey', 'createdAt'].map((field) =>
    named({ key: { [field]: 1, createdKey: 1 } }),
  ),
];

export async function createIndexes(db: Db, names: MongoCollectionNames): Promise<void> {
  await syncIndexes(db.collection(names.items), ITEM_INDEXES);
  await syncIndexes(db.collection(names.trail), TRAIL_INDEXES);
  await syncIndexes(db.collection(names.transfers), TRANSFER_INDEXES);
}

/** Names given before indexes were named by their definition. */
const LEGACY_NAMES = new Set([
  'registered',
  'locationId',
  'custodianId',
  'locationId_status',
  'custodianId_status',
  'status',
  'kind',
  'originUnitId',
  'classificationCode',
  'years',
  'titleWords',
  'watch_inTransitSince',
  'watch_handoverPendingSince',
  'watch_loanDueAt',
  'watch_retentionEndsAt',
  'item_revision',
]);
const OURS = /_[0-9a-f]{8}$/;

/**
 * Drops the indexes of ours this version no longer defines (an operator's own indexes stay),
 * then creates the missing ones.
 */
export async function syncIndexes(collection: Collection, wanted: IndexDescription[]): Promise<void> {
  const names = new Set(wanted.map((index) => index.name));
  const existing = (await indexesOf(collection)).map((index) => String(index.name));
  for (const name of existing) {
    if (!names.has(name) && (LEGACY_NAMES.has(name) || OURS.test(name))) await collection.dropIndex(name);
  }
  const missing = wanted.filter((index) => !existing.includes(String(index.name)));
  if (missing.length > 0) await collection.createIndexes(missing);
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
