import type { PartyLookup } from '@jejak/custody';
import type { DirectoryLocation } from './location.repository';
import type { Person } from './person';

/**
 * The domain's party lookup over the directory: person ids and place ids never collide. Both
 * lookups are synchronous (the domain decides synchronously): PeopleStore.known, LocationStore.get.
 */
export const partyLookupOf =
  (
    people: { known(id: string): Person | undefined },
    locations: { get(id: string): DirectoryLocation | undefined },
  ): PartyLookup =>
  (id) => {
    const person = people.known(id);
    if (person) {
      const { name, role, unitId, active } = person;
      return { id, kind: 'person', active, name, role, unitId };
    }
    const place = locations.get(id);
    return place
      ? { id, kind: 'unit', active: place.active, name: place.name, role: null, unitId: id }
      : undefined;
  };
