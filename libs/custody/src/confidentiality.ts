import type { ItemDescription } from './item';

/** Who is asking: the principal of a token or session. */
export interface Reader {
  principalId: string;
  role: string;
  unitId: string | null;
}

/** What the rule looks at of an item (an ItemView has all of it). */
export interface ConfidentialFacts {
  securityClass: string;
  kind: string;
  originUnitId: string;
  addresseeUnitId?: string;
  custodianId: string;
  /** The depot that holds it (or last held it). */
  depotId: string | null;
  /** Where it is on its way to, while moving. */
  destinationId: string | null;
}

/** The fields a `terbatas` item keeps from those who may not read it (domain.md). */
export const RESTRICTED_FIELDS = ['title', 'notes', 'letterNumber', 'letterDate'] as const;
export type RestrictedField = (typeof RESTRICTED_FIELDS)[number];

/**
 * Which `terbatas` items a reader may read, as data, so the read models can put it into a query
 * (`q` never matches what the asker may not read) and `mayReadItem` decide one item by the same
 * rule. `everything`: auditors and admins. Otherwise an item is readable when its custodian is one
 * of `holders`, or its origin (or, for a letter, addressee) unit is `officerUnitId`, or the place
 * holding or receiving it is one of `receivingUnitIds` (depot staff of that depot; officers of a
 * unit a transfer goes to).
 */
export type ReadScope =
  | { everything: true }
  | {
      everything: false;
      holders: string[];
      officerUnitId: string | null;
      depotUnitId: string | null;
      receivingUnitId: string | null;
    };

/**
 * domain.md "Confidentiality of terbatas items": the title, notes and letter fields of a
 * `terbatas` item are shown only to officers of its origin unit (and of its addressee unit, for a
 * letter), to the person or unit that holds it now, to depot staff of the depot that holds or is
 * receiving it, to auditors and to admins.
 */
export function readScopeOf(reader: Reader): ReadScope {
  if (reader.role === 'admin' || reader.role === 'auditor') return { everything: true };
  const unit = reader.unitId;
  return {
    everything: false,
    holders: unit && unit !== reader.principalId ? [reader.principalId, unit] : [reader.principalId],
    officerUnitId: reader.role === 'officer' ? unit : null,
    depotUnitId: reader.role === 'depot' ? unit : null,
    receivingUnitId: reader.role === 'officer' || reader.role === 'depot' ? unit : null,
  };
}

/**
 * The one rule, for one item. `receivingUnitId`: the destination of a transfer the item is listed
 * in (its own `destinationId` counts anyway).
 */
export function mayReadItem(reader: Reader, item: ConfidentialFacts, receivingUnitId?: string): boolean {
  return inScope(readScopeOf(reader), item, receivingUnitId);
}

export function inScope(scope: ReadScope, item: ConfidentialFacts, receivingUnitId?: string): boolean {
  if (item.securityClass !== 'terbatas' || scope.everything) return true;
  if (scope.holders.includes(item.custodianId)) return true;
  const officer = scope.officerUnitId;
  if (officer !== null) {
    if (item.originUnitId === officer) return true;
    if (item.kind === 'letter' && item.addresseeUnitId === officer) return true;
  }
  if (scope.depotUnitId !== null && item.depotId === scope.depotUnitId) return true;
  const receiving = scope.receivingUnitId;
  return receiving !== null && (item.destinationId === receiving || receivingUnitId === receiving);
}

/** An item as one who may not read it sees it: without the restricted fields, `restricted: true`. */
export function withholdRestricted<T extends Partial<Pick<ItemDescription, RestrictedField>>>(
  item: T,
): Omit<T, RestrictedField> & { restricted: true } {
  const shown: Record<string, unknown> = { ...item };
  for (const field of RESTRICTED_FIELDS) delete shown[field];
  return { ...(shown as Omit<T, RestrictedField>), restricted: true };
}

/**
 * Event data (a trail line, a replay) with the restricted fields taken out wherever they occur:
 * the registration's description, a correction's before → after (as `{ title: … }` members or as
 * `{ field: 'title', … }` entries).
 */
export function withholdRestrictedData(data: unknown): unknown {
  if (Array.isArray(data)) {
    return data
      .filter((entry) => !isRestrictedFieldEntry(entry))
      .map((entry) => withholdRestrictedData(entry));
  }
  if (data === null || typeof data !== 'object') return data;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if ((RESTRICTED_FIELDS as readonly string[]).includes(key)) continue;
    kept[key] = withholdRestrictedData(value);
  }
  return kept;
}

function isRestrictedFieldEntry(entry: unknown): boolean {
  if (entry === null || typeof entry !== 'object') return false;
  const field = (entry as { field?: unknown }).field;
  return typeof field === 'string' && (RESTRICTED_FIELDS as readonly string[]).includes(field);
}
