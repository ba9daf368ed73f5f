import { ITEM_STATUSES, readScopeOf, TERMINAL_STATUSES } from '@jejak/custody';
import type { ItemQuery } from '../read-model.port';
import { ITEM_INDEXES } from './mongodb-indexes';
import { itemFilter, readableFilter } from './mongodb-item-filter';

/** The status values a filter lets through (no server here: the contract suite runs with MONGODB_URL). */
function statusesLetThrough(query: ItemQuery): string[] {
  const clauses = (itemFilter(query).$and ?? []) as Record<string, unknown>[];
  const status = clauses.find((clause) => 'status' in clause)?.status;
  if (status === undefined) return [...ITEM_STATUSES];
  if (typeof status === 'string') return [status];
  if ('$ne' in (status as object)) return ITEM_STATUSES.filter((s) => s !== (status as { $ne: string }).$ne);
  return (status as { $in: string[] }).$in;
}

describe('MongoDB item filter', () => {
  const live = ITEM_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

  it.each<[string, ItemQuery, string[]]>([
    ['an inventory by place', { locationId: 'depot-1' }, live],
    ['an inventory by custodian', { custodianId: 'depot-1' }, live],
    ['the destroyed items of a place', { locationId: 'depot-1', status: 'disposed' }, ['disposed']],
    ['a list by status alone', { status: 'transferred_static' }, ['transferred_static']],
    [
      'a list by origin (voided left out)',
      { originUnitId: 'kec-1' },
      ITEM_STATUSES.filter((s) => s !== 'voided'),
    ],
    [
      'a list by origin with voided asked for',
      { originUnitId: 'kec-1', includeVoided: true },
      [...ITEM_STATUSES],
    ],
    ['the voided items', { status: 'voided' }, ['voided']],
  ])('lets through the right statuses for %s', (_, query, expected) => {
    expect(statusesLetThrough(query).sort()).toEqual([...expected].sort());
  });

  it.each(['locationId', 'custodianId'])('has an index on %s, status, registration order', (field) => {
    expect(ITEM_INDEXES.map((index) => Object.keys(index.key))).toContainEqual([
      field,
      'status',
      'registeredKey',
    ]);
  });

  it("searches the words of a terbatas item only within the reader's scope, short codes of all", () => {
    const scope = readScopeOf({ role: 'officer', unitId: 'kec-1', principalId: 'p-1' });
    expect(itemFilter({ q: 'cku-2026', readScope: scope })).toEqual({
      $and: [
        { status: { $ne: 'voided' } },
        {
          $or: [
            { $and: [readableFilter(scope), { titleWords: 'cku' }, { titleWords: '2026' }] },
            { 'view.shortCode': { $regex: '^CKU-2026' } },
          ],
        },
      ],
    });
    expect(readableFilter(scope)).toEqual({
      $or: [
        { 'view.securityClass': { $ne: 'terbatas' } },
        { 'view.custodianId': { $in: ['p-1', 'kec-1'] } },
        { 'view.originUnitId': 'kec-1' },
        { 'view.kind': 'letter', 'view.addresseeUnitId': 'kec-1' },
        { 'view.destinationId': 'kec-1' },
      ],
    });
    expect(readableFilter(readScopeOf({ role: 'auditor', unitId: null, principalId: 'a' }))).toBeUndefined();
  });
});
