import {
  mayReadItem,
  readScopeOf,
  withholdRestricted,
  withholdRestrictedData,
  type ConfidentialFacts,
  type Reader,
} from './confidentiality';

const letter: ConfidentialFacts = {
  securityClass: 'terbatas',
  kind: 'letter',
  originUnitId: 'kec-cikarang-utara',
  addresseeUnitId: 'dinas-sosial',
  custodianId: 'KUR-0001',
  depotId: null,
  destinationId: 'dinas-sosial',
};
const atDepot: ConfidentialFacts = {
  ...letter,
  kind: 'file',
  addresseeUnitId: undefined,
  custodianId: 'depo-arsip-bekasi',
  depotId: 'depo-arsip-bekasi',
  destinationId: null,
};
const reader = (role: string, unitId: string | null, principalId = 'P-1'): Reader => ({
  role,
  unitId,
  principalId,
});

describe('who may read a terbatas item (domain.md "Confidentiality of terbatas items")', () => {
  it('Given a biasa item, every reader reads it', () => {
    expect(mayReadItem(reader('courier', null), { ...letter, securityClass: 'biasa' })).toBe(true);
  });

  it.each([
    ['an officer of the origin unit', reader('officer', 'kec-cikarang-utara'), letter],
    ['an officer of the addressee unit of a letter', reader('officer', 'dinas-sosial'), letter],
    ['the courier holding it', reader('courier', 'pt-kurir', 'KUR-0001'), letter],
    ['depot staff of the depot holding it', reader('depot', 'depo-arsip-bekasi'), atDepot],
    [
      'depot staff of the depot receiving it',
      reader('depot', 'depo-arsip-bekasi'),
      { ...letter, kind: 'file', destinationId: 'depo-arsip-bekasi' },
    ],
    ['an auditor', reader('auditor', null), letter],
    ['an admin', reader('admin', null), letter],
    ['the unit holding it', reader('officer', 'kec-setu'), { ...atDepot, custodianId: 'kec-setu' }],
  ])('Given a terbatas item, %s reads it', (_who, who, item) => {
    expect(mayReadItem(who, item)).toBe(true);
  });

  it.each([
    ['an officer of another unit', reader('officer', 'kec-setu'), letter],
    [
      'an officer of the addressee unit of a file',
      reader('officer', 'dinas-sosial'),
      { ...atDepot, addresseeUnitId: 'dinas-sosial' },
    ],
    ['a courier not holding it', reader('courier', 'pt-kurir', 'KUR-0002'), letter],
    ['depot staff of another depot', reader('depot', 'depo-lain'), atDepot],
    ['a depot clerk of the origin unit id', reader('depot', 'kec-cikarang-utara'), atDepot],
  ])('Given a terbatas item, %s does not', (_who, who, item) => {
    expect(mayReadItem(who, item)).toBe(false);
  });

  it('Given a transfer toward a unit, its officers read the items listed in it', () => {
    expect(mayReadItem(reader('officer', 'dinas-sosial'), atDepot, 'dinas-sosial')).toBe(true);
    expect(mayReadItem(reader('courier', 'dinas-sosial'), atDepot, 'dinas-sosial')).toBe(false);
  });

  it('gives the read models the same rule as data', () => {
    expect(readScopeOf(reader('auditor', null))).toEqual({ everything: true });
    expect(readScopeOf(reader('depot', 'depo-arsip-bekasi', 'NIP-1'))).toEqual({
      everything: false,
      holders: ['NIP-1', 'depo-arsip-bekasi'],
      officerUnitId: null,
      depotUnitId: 'depo-arsip-bekasi',
      receivingUnitId: 'depo-arsip-bekasi',
    });
  });

  it('withholds the title, notes and letter fields and says so', () => {
    const shown = withholdRestricted({
      itemId: 'a',
      title: 'Rahasia',
      notes: 'n',
      letterNumber: '005/1',
      letterDate: '2026-01-02',
      addresseeUnitId: 'dinas-sosial',
    });
    expect(shown).toEqual({ itemId: 'a', addresseeUnitId: 'dinas-sosial', restricted: true });
  });

  it('withholds them from event data wherever they occur', () => {
    const data = {
      title: 'Rahasia',
      kind: 'file',
      changes: { title: { before: 'a', after: 'b' }, boxNo: { before: '1', after: '2' } },
      lines: [
        { field: 'notes', before: 'x', after: 'y' },
        { field: 'boxNo', before: '1', after: '2' },
      ],
    };
    expect(withholdRestrictedData(data)).toEqual({
      kind: 'file',
      changes: { boxNo: { before: '1', after: '2' } },
      lines: [{ field: 'boxNo', before: '1', after: '2' }],
    });
  });
});
