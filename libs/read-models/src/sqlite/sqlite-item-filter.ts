import { searchTerms } from '../projections/search-text';
import { decodeItemCursor } from '../paging';
import type { ItemQuery } from '../read-model.port';
import type { SqliteTableNames } from './sqlite-schema';

/**
 * The SELECT of an item list: every ItemQuery filter, in registration order (seq) from the
 * cursor. With text, the FTS index drives the scan in rowid (= seq) order and stops at the limit,
 * so a word found in a million titles still costs one page; without, an index on the filter.
 */
export function itemListQuery(
  query: ItemQuery,
  t: SqliteTableNames,
  limit: number,
): { sql: string; params: unknown[] } {
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
      clauses.push(`i.${column} = ?`);
      params.push(query[field]);
    }
  }
  if (query.classificationCode !== undefined && query.classificationCode !== '') {
    // A range, not LIKE, so the index serves it and '_' or '%' in a code mean themselves.
    clauses.push(`i.classification_code >= ? AND i.classification_code < ?`);
    params.push(query.classificationCode, `${query.classificationCode}\u{10FFFF}`);
  }
  if (query.year !== undefined) {
    clauses.push(`i.seq IN (SELECT seq FROM ${t.itemYears} WHERE year = ?)`);
    params.push(query.year);
  }
  if (query.cursor !== undefined) {
    clauses.push(`i.seq > ?`);
    params.push(BigInt(decodeItemCursor(query.cursor)));
  }
  const terms = query.q === undefined ? [] : searchTerms(query.q);
  const select = `SELECT CAST(i.seq AS TEXT) AS seq, i.view FROM`;
  if (terms.length === 0) {
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    return { sql: `${select} ${t.items} i ${where} ORDER BY i.seq LIMIT ?`, params: [...params, limit] };
  }
  const match = terms.map(({ word, prefix }) => `"${word}"${prefix ? '*' : ''}`).join(' ');
  return {
    sql: `${select} ${t.itemsFts} f CROSS JOIN ${t.items} i ON i.seq = f.rowid
          WHERE ${t.itemsFts} MATCH ? ${clauses.map((clause) => `AND ${clause}`).join(' ')}
          ORDER BY f.rowid LIMIT ?`,
    params: [match, ...params, limit],
  };
}
