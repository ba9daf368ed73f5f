import type { PartyLookup } from '@jejak/custody';
import type { LocationRepository } from './location.repository';
import type { PeopleRepository } from './people.repository';

/** The domain's party lookup over the directory: person ids and place ids never collide. */
export const partyLookupOf =
  (people: PeopleRepository, locations: LocationRepository): PartyLookup =>
  (id) => {
    const person = people.get(id);
    if (person) {
      const { name, role, unitId, active } = person;
      return { id, kind: 'person', active, name, role, unitId };
    }
    const place = locations.get(id);
    return place
      ? { id, kind: 'unit', active: place.active, name: place.name, role: null, unitId: id }
      : undefined;
  };
