import { searchWords } from '../projections/search-text';
import { decodeItemCursor } from '../paging';
import type { ItemQuery } from '../read-model.port';
import type { SqliteTableNames } from './sqlite-schema';

export interface SqlFilter {
  where: string;
  params: unknown[];
}

/** The WHERE clause of an item list: every filter of ItemQuery, plus the keyset cursor. */
export function itemFilter(query: ItemQuery, t: SqliteTableNames): SqlFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const equals: [keyof ItemQuery, string][] = [
    ['status', 'status'],
    ['kind', 'kind'],
    ['locationId', 'location_id'],
    ['custodianId', 'custodian_id'],
    ['originUnitId', 'origin_unit_id'],
  ];
  for (const [field, column] of equals) {
    if (query[field] !== undefined) {
      clauses.push(`${column} = ?`);
      params.push(query[field]);
    }
  }
  if (query.classificationCode !== undefined && query.classificationCode !== '') {
    // A range, not LIKE, so the index serves it and '_' or '%' in a code mean themselves.
    clauses.push(`classification_code >= ? AND classification_code < ?`);
    params.push(query.classificationCode, `${query.classificationCode}\u{10FFFF}`);
  }
  if (query.year !== undefined) {
    clauses.push(`(year = ? OR (period_from <= ? AND period_to >= ?))`);
    params.push(query.year, query.year, query.year);
  }
  const words = query.q === undefined ? [] : searchWords(query.q);
  if (words.length > 0) {
    clauses.push(`seq IN (SELECT rowid FROM ${t.itemsFts} WHERE ${t.itemsFts} MATCH ?)`);
    params.push(words.map((word) => `"${word}"*`).join(' '));
  }
  if (query.cursor !== undefined) {
    clauses.push(`item_id > ?`);
    params.push(decodeItemCursor(query.cursor));
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
