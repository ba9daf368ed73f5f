import type { Grant } from './event-room';

/** Under what condition a grant applies; each is explained in SCOPE_DESCRIPTIONS. */
export const PERMISSION_SCOPES = [
  'anywhere',
  'origin-unit',
  'custodian',
  'courier-any',
  'addressee',
  'depot-here',
  'addressee-unit',
  'unit-here',
  'found-at',
  'offerer',
] as const;
export type Scope = (typeof PERMISSION_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  anywhere: 'on any item',
  'origin-unit': "an officer of the item's origin unit",
  custodian: "the item's custodian: the person themself, or an officer/depot staff of the custodian unit",
  'courier-any':
    'a courier, when the item is held by a unit or depot (not by another person) or by this courier',
  addressee: 'the addressee of the pending handover: the person, or an officer/depot staff of that unit',
  'depot-here':
    'depot staff of the depot where the item is (or that holds it while lent, missing or after its end)',
  'addressee-unit': "an officer of the letter's addressee unit",
  'unit-here': 'an officer of the unit where the item physically is (e.g. the sorting point)',
  'found-at': 'an officer or depot staff of the unit where the item was found',
  offerer:
    'the offerer of the pending handover: the person who offered it, or an officer/depot staff of the unit that offered it',
};

/** Grants several events share. Auditors appear nowhere: they never write. */
export const CUSTODIAN_ANY_ROLE: readonly Grant[] = [
  { role: 'courier', scope: 'custodian' },
  { role: 'officer', scope: 'custodian' },
  { role: 'depot', scope: 'custodian' },
];
export const HANDOVER_ADDRESSEE: readonly Grant[] = [
  { role: 'courier', scope: 'addressee' },
  { role: 'officer', scope: 'addressee' },
  { role: 'depot', scope: 'addressee' },
];
export const DEPOT_HERE: readonly Grant[] = [{ role: 'depot', scope: 'depot-here' }];
