import type { Filter } from 'mongodb';
import { ITEM_STATUSES, TERMINAL_STATUSES } from '@jejak/custody';
import { leavesOutTerminal, leavesOutVoided } from '../inventory-filter';
import { decodeItemCursor } from '../paging';
import { searchTerms } from '../projections/search-text';
import type { ItemQuery } from '../read-model.port';
import { positionKey, type ItemDocument } from './mongodb-documents';

/**
 * Listed rather than `$nin`: point bounds on the {field, status, registeredKey} indexes, which the
 * planner merges in registeredKey order without a blocking sort.
 */
const NOT_TERMINAL = ITEM_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The same filters as the SQLite adapter: equality, code prefix, covered year, title words. */
export function itemFilter(query: ItemQuery): Filter<ItemDocument> {
  const and: Filter<ItemDocument>[] = [];
  for (const field of ['status', 'kind', 'locationId', 'custodianId', 'originUnitId'] as const) {
    if (query[field] !== undefined) and.push({ [field]: query[field] });
  }
  if (leavesOutTerminal(query) && query.status === undefined) and.push({ status: { $in: NOT_TERMINAL } });
  else if (leavesOutVoided(query)) and.push({ status: { $ne: 'voided' } });
  if (query.classificationCode !== undefined && query.classificationCode !== '') {
    and.push({
      classificationCode: { $gte: query.classificationCode, $lt: `${query.classificationCode}\u{10FFFF}` },
    });
  }
  if (query.year !== undefined) and.push({ years: query.year });
  // A whole word is an equality on the multikey index; a starred one an anchored regex on it.
  for (const { word, prefix } of query.q === undefined ? [] : searchTerms(query.q)) {
    and.push({ titleWords: prefix ? { $regex: `^${escapeRegex(word)}` } : word });
  }
  if (query.cursor !== undefined)
    and.push({ registeredKey: { $gt: positionKey(decodeItemCursor(query.cursor)) } });
  return and.length > 0 ? { $and: and } : {};
}
