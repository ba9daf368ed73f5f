import type { Actor } from '../actor';
import type { DecisionContext } from '../commands';
import type { ItemDescription } from '../item';
import type { LocationInfo, LocationLookup } from '../location';
import type { PartyInfo, PartyLookup } from '../party';
import type { ItemState } from '../state';

/** A small directory: two agencies, a sub-district, a sorting point and two depots. */
export const LOCATIONS: readonly LocationInfo[] = [
  { id: 'dinas-a', name: 'Dinas Pendidikan', type: 'dinas', parentId: null },
  { id: 'dinas-b', name: 'Dinas Kesehatan', type: 'dinas', parentId: null },
  { id: 'kec-1', name: 'Kecamatan Cikarang Utara', type: 'kecamatan', parentId: null },
  { id: 'sort-1', name: 'Titik Pemilahan Cikarang', type: 'sorting_point', parentId: null },
  { id: 'depot-1', name: 'Depo Arsip Cikarang', type: 'depot', parentId: null },
  { id: 'depot-2', name: 'Depo Arsip Tambun', type: 'depot', parentId: null },
];

export const lookupLocation: LocationLookup = (id) => LOCATIONS.find((location) => location.id === id);

export const ACTORS = {
  officerA: { id: 'siti', role: 'officer', unitId: 'dinas-a' },
  officerB: { id: 'budi', role: 'officer', unitId: 'dinas-b' },
  courier1: { id: 'kurir-1', role: 'courier', unitId: null },
  courier2: { id: 'kurir-2', role: 'courier', unitId: null },
  depot1: { id: 'dewi', role: 'depot', unitId: 'depot-1' },
  depot2: { id: 'agus', role: 'depot', unitId: 'depot-2' },
  auditor: { id: 'audit', role: 'auditor', unitId: null },
  admin: { id: 'admin', role: 'admin', unitId: null },
} satisfies Record<string, Actor>;

/** Every actor is an active person and every place an active unit of the test directory. */
export const lookupParty: PartyLookup = (id) => {
  const actor = Object.values(ACTORS).find((candidate) => candidate.id === id);
  if (actor) {
    return {
      id,
      kind: 'person',
      active: true,
      name: id,
      role: actor.role,
      unitId: actor.unitId,
    } satisfies PartyInfo;
  }
  const place = lookupLocation(id);
  return place ? { id, kind: 'unit', active: true, name: place.name, role: null, unitId: id } : undefined;
};

export const NOW = '2026-11-30T08:00:00.000Z';

export function context(actor: Actor, overrides: Partial<DecisionContext> = {}): DecisionContext {
  return { actor, now: NOW, occurredAt: NOW, locations: lookupLocation, parties: lookupParty, ...overrides };
}

export function aFile(overrides: Partial<ItemDescription> = {}): ItemDescription {
  return {
    kind: 'file',
    title: 'Daftar gaji pegawai 2010',
    classificationCode: '800.1.11',
    securityClass: 'biasa',
    originUnitId: 'dinas-a',
    year: 2010,
    retention: { activeYears: 2, inactiveYears: 5, disposition: 'musnah' },
    ...overrides,
  };
}

export function aLetter(overrides: Partial<ItemDescription> = {}): ItemDescription {
  return {
    kind: 'letter',
    title: 'Undangan rapat koordinasi',
    classificationCode: '005',
    securityClass: 'biasa',
    originUnitId: 'dinas-a',
    year: 2026,
    addresseeUnitId: 'dinas-b',
    letterNumber: '005/123/Disdik/2026',
    letterDate: '2026-11-28',
    ...overrides,
  };
}

/** An item's state without going through events, for rules that only read state. */
export function anItemState(overrides: Partial<ItemState> = {}): ItemState {
  return {
    itemId: 'item-1',
    description: aFile(),
    status: 'registered',
    locationId: 'dinas-a',
    custodianId: 'dinas-a',
    since: '2026-11-01T08:00:00.000Z',
    pendingHandover: null,
    destinationId: null,
    storage: null,
    loan: null,
    lastKnown: null,
    depotId: null,
    revision: 0,
    headHash: 'f'.repeat(64),
    eventIds: ['ev-registered'],
    depositedAt: null,
    ...overrides,
  };
}
