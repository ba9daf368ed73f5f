import type { Role } from './actor';
import type { LocationLookup } from './location';

/**
 * A party of the directory as the domain sees it: a person (custodian, courier, signatory) or a
 * unit (a place that can hold an item). Custodians, handover addressees and finders must be an
 * active party (domain.md "People and places"); the caller answers from the directory.
 */
export interface PartyInfo {
  id: string;
  kind: 'person' | 'unit';
  active: boolean;
  name: string;
  /** A person's role; null for a unit. */
  role: Role | null;
  /** A person's unit (null for couriers and admins); a unit's own id. */
  unitId: string | null;
}

/** The domain asks the directory only this; the caller supplies it (a pure lookup, no I/O). */
export type PartyLookup = (id: string) => PartyInfo | undefined;

/** The units of a location lookup as parties, for work that names no person (registration). */
export const unitPartiesOf =
  (locations: LocationLookup): PartyLookup =>
  (id) => {
    const place = locations(id);
    return place ? { id, kind: 'unit', active: true, name: place.name, role: null, unitId: id } : undefined;
  };
