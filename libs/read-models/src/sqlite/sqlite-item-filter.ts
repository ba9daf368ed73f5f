import { shortCodeQuery, TERMINAL_STATUSES, type ReadScope } from '@jejak/custody';
import { searchTerms, type SearchTerm } from '../projections/search-text';
import { leavesOutTerminal, leavesOutVoided } from '../inventory-filter';
import { decodeItemCursor } from '../paging';
import type { ItemQuery } from '../read-model.port';
import { ITEM_DOC_COLUMNS } from './sqlite-item-docs';
import type { SqliteTableNames } from './sqlite-schema';

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/**
 * How a list with text is read. `fts`: the FTS index walks matches in seq order, each checked
 * against the other filters: quick unless the filters keep few of many matches. `filter`: an
 * index on the filters walks candidates in seq order, each checked for the words against
 * `title_words`: quick when the filters leave few candidates.
 */
export type TextPlan = 'fts' | 'filter';

/** Below this many candidates, checking their words beats walking the text matches. */
export const FEW_CANDIDATES = 5000;

/**
 * Written out, not bound: the partial indexes on location and custodian (see secondaryIndexes) carry
 * this very condition, and SQLite uses a partial index only for a query whose WHERE repeats it.
 */
export const NOT_TERMINAL = `status NOT IN (${TERMINAL_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/**
 * WHERE clauses (on items `i`) for every filter of the query but the text, and the cursor. When
 * `checkedPerRow` (FTS drives), the year is a point lookup per row rather than a set of seqs
 * built up front (tens of thousands for a common year).
 */
function filterClauses(query: ItemQuery, t: SqliteTableNames, checkedPerRow = false): SqlQuery {
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
  // Also with a non-terminal status: it changes no answer and lets the partial index serve.
  if (leavesOutTerminal(query)) clauses.push(`i.${NOT_TERMINAL}`);
  else if (leavesOutVoided(query)) clauses.push(`i.status <> 'voided'`);
  if (query.classificationCode !== undefined && query.classificationCode !== '') {
    // A range, not LIKE, so the index serves it and '_' or '%' in a code mean themselves.
    clauses.push(`i.classification_code >= ? AND i.classification_code < ?`);
    params.push(query.classificationCode, `${query.classificationCode}\u{10FFFF}`);
  }
  if (query.year !== undefined) {
    clauses.push(
      checkedPerRow
        ? `EXISTS (SELECT 1 FROM ${t.itemYears} y WHERE y.year = ? AND y.seq = i.seq)`
        : `i.seq IN (SELECT seq FROM ${t.itemYears} WHERE year = ?)`,
    );
    params.push(query.year);
  }
  if (query.cursor !== undefined) {
    clauses.push(`i.seq > ?`);
    params.push(BigInt(decodeItemCursor(query.cursor)));
  }
  return { sql: clauses.join(' AND '), params };
}

const where = (clauses: string[]): string => {
  const present = clauses.filter((clause) => clause !== '');
  return present.length > 0 ? `WHERE ${present.join(' AND ')}` : '';
};

export function textTerms(query: ItemQuery): SearchTerm[] {
  return query.q === undefined ? [] : searchTerms(query.q);
}

/** True when the query filters on something besides text (the cursor does not count). */
export function hasFilters(query: ItemQuery): boolean {
  const {
    q: _q,
    limit: _limit,
    cursor: _cursor,
    includeVoided: _voided,
    readScope: _scope,
    ...filters
  } = query;
  return Object.values(filters).some((value) => value !== undefined && value !== '');
}

/** Counts the candidates of the non-text filters, stopping at `cap`. */
export function candidateCount(query: ItemQuery, t: SqliteTableNames, cap: number): SqlQuery {
  const filters = filterClauses(query, t);
  return {
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${t.items} i ${where([filters.sql])} LIMIT ?)`,
    params: [...filters.params, cap],
  };
}

/**
 * The items whose title and letter number the reader may search (confidentiality.ts's inScope,
 * as SQL): every `biasa` item, and the `terbatas` ones of their scope. Empty: no restriction.
 */
export function readableClause(scope: ReadScope | undefined): SqlQuery {
  if (scope === undefined || scope.everything) return { sql: '', params: [] };
  const clauses = [`i.security_class <> 'terbatas'`];
  const params: unknown[] = [];
  clauses.push(`i.custodian_id IN (${scope.holders.map(() => '?').join(', ')})`);
  params.push(...scope.holders);
  if (scope.officerUnitId !== null) {
    clauses.push('i.origin_unit_id = ?', 'i.letter_addressee_id = ?');
    params.push(scope.officerUnitId, scope.officerUnitId);
  }
  if (scope.depotUnitId !== null) {
    clauses.push('i.depot_id = ?');
    params.push(scope.depotUnitId);
  }
  if (scope.receivingUnitId !== null) {
    clauses.push('i.destination_id = ?');
    params.push(scope.receivingUnitId);
  }
  return { sql: `(${clauses.join(' OR ')})`, params };
}

/** A short code range: every code starting with `prefix` (codes are stored in upper case). */
const codeRange = (prefix: string): SqlQuery => ({
  sql: 'i.short_code >= ? AND i.short_code < ?',
  params: [prefix, `${prefix}\u{10FFFF}`],
});

/**
 * The SELECT of one page of an item list, in registration order (seq) after the cursor. `q`
 * matches words of what the reader may read, or (when shaped like one) the start of a short code.
 */
export function itemListQuery(
  query: ItemQuery,
  t: SqliteTableNames,
  limit: number,
  plan: TextPlan,
): SqlQuery {
  const terms = textTerms(query);
  const code = terms.length > 0 && query.q !== undefined ? shortCodeQuery(query.q) : null;
  const readable = terms.length > 0 ? readableClause(query.readScope) : { sql: '', params: [] };
  const ftsDriven = terms.length > 0 && plan === 'fts';
  const filters = filterClauses(query, t, ftsDriven);
  const select = `SELECT CAST(i.seq AS TEXT) AS seq, ${ITEM_DOC_COLUMNS} FROM`;
  const docs = `CROSS JOIN ${t.itemDocs} d ON d.seq = i.seq`;
  if (ftsDriven) {
    const match = terms.map(({ word, prefix }) => `"${word}"${prefix ? '*' : ''}`).join(' ');
    if (code === null) {
      return {
        sql: `${select} ${t.itemsFts} f CROSS JOIN ${t.items} i ON i.seq = f.rowid ${docs}
              ${where([`${t.itemsFts} MATCH ?`, filters.sql, readable.sql])} ORDER BY f.rowid LIMIT ?`,
        params: [match, ...filters.params, ...readable.params, limit],
      };
    }
    // The words' matches and the codes' range, each walked in seq order up to the page, merged.
    const range = codeRange(code);
    return {
      sql: `${select} (
              SELECT seq FROM (SELECT f.rowid AS seq FROM ${t.itemsFts} f CROSS JOIN ${t.items} i ON i.seq = f.rowid
                ${where([`${t.itemsFts} MATCH ?`, filters.sql, readable.sql])} ORDER BY f.rowid LIMIT ?)
              UNION
              SELECT seq FROM (SELECT i.seq AS seq FROM ${t.items} i
                ${where([range.sql, filters.sql])} ORDER BY i.seq LIMIT ?)
            ) h CROSS JOIN ${t.items} i ON i.seq = h.seq ${docs} ORDER BY i.seq LIMIT ?`,
      params: [
        match,
        ...filters.params,
        ...readable.params,
        limit,
        ...range.params,
        ...filters.params,
        limit,
        limit,
      ],
    };
  }
  // Words contain only letters and digits, so they need no LIKE escaping.
  const wordChecks = terms.map(() => `(' ' || i.title_words || ' ') LIKE ?`);
  const patterns = terms.map(({ word, prefix }) => (prefix ? `% ${word}%` : `% ${word} %`));
  const text = where([readable.sql, ...wordChecks]).replace(/^WHERE /, '');
  if (code === null) {
    return {
      sql: `${select} ${t.items} i ${docs} ${where([filters.sql, text])} ORDER BY i.seq LIMIT ?`,
      params: [...filters.params, ...readable.params, ...patterns, limit],
    };
  }
  const range = codeRange(code);
  return {
    sql: `${select} ${t.items} i ${docs} ${where([filters.sql, `((${text}) OR (${range.sql}))`])} ORDER BY i.seq LIMIT ?`,
    params: [...filters.params, ...readable.params, ...patterns, ...range.params, limit],
  };
}
