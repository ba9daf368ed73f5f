import type { Filter } from 'mongodb';
import { ITEM_STATUSES, shortCodeQuery, TERMINAL_STATUSES, type ReadScope } from '@jejak/custody';
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
  const terms = query.q === undefined ? [] : searchTerms(query.q);
  if (terms.length > 0) {
    const words: Filter<ItemDocument>[] = terms.map(({ word, prefix }) => ({
      titleWords: prefix ? { $regex: `^${escapeRegex(word)}` } : word,
    }));
    const readable = readableFilter(query.readScope);
    const text: Filter<ItemDocument> = { $and: readable ? [readable, ...words] : words };
    const code = shortCodeQuery(query.q!);
    and.push(
      code === null ? text : { $or: [text, { 'view.shortCode': { $regex: `^${escapeRegex(code)}` } }] },
    );
  }
  if (query.cursor !== undefined)
    and.push({ registeredKey: { $gt: positionKey(decodeItemCursor(query.cursor)) } });
  return and.length > 0 ? { $and: and } : {};
}

/**
 * confidentiality.ts's inScope as a filter, on the stored view (present in every document, also
 * one written before these fields were copied to the top): every `biasa` item, and the
 * `terbatas` ones of the reader's scope. Undefined: no restriction.
 */
export function readableFilter(scope: ReadScope | undefined): Filter<ItemDocument> | undefined {
  if (scope === undefined || scope.everything) return undefined;
  const or: Filter<ItemDocument>[] = [
    { 'view.securityClass': { $ne: 'terbatas' } },
    { 'view.custodianId': { $in: scope.holders } },
  ];
  if (scope.officerUnitId !== null) {
    or.push({ 'view.originUnitId': scope.officerUnitId });
    or.push({ 'view.kind': 'letter', 'view.addresseeUnitId': scope.officerUnitId });
  }
  if (scope.depotUnitId !== null) or.push({ 'view.depotId': scope.depotUnitId });
  if (scope.receivingUnitId !== null) or.push({ 'view.destinationId': scope.receivingUnitId });
  return { $or: or };
}
