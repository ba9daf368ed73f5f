import type { Filter } from 'mongodb';
import { decodeItemCursor } from '../paging';
import { searchWords } from '../projections/search-text';
import type { ItemQuery } from '../read-model.port';
import type { ItemDocument } from './mongodb-documents';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The same filters as the SQLite adapter: equality, code prefix, year or period, title words. */
export function itemFilter(query: ItemQuery): Filter<ItemDocument> {
  const and: Filter<ItemDocument>[] = [];
  for (const field of ['status', 'kind', 'locationId', 'custodianId', 'originUnitId'] as const) {
    if (query[field] !== undefined) and.push({ [field]: query[field] });
  }
  if (query.classificationCode !== undefined && query.classificationCode !== '') {
    and.push({
      classificationCode: { $gte: query.classificationCode, $lt: `${query.classificationCode}\u{10FFFF}` },
    });
  }
  if (query.year !== undefined) {
    and.push({
      $or: [{ year: query.year }, { periodFrom: { $lte: query.year }, periodTo: { $gte: query.year } }],
    });
  }
  // Each query word must start some word of the title; an anchored regex uses the multikey index.
  for (const word of query.q === undefined ? [] : searchWords(query.q)) {
    and.push({ titleWords: { $regex: `^${escapeRegex(word)}` } });
  }
  if (query.cursor !== undefined) and.push({ _id: { $gt: decodeItemCursor(query.cursor) } });
  return and.length > 0 ? { $and: and } : {};
}
