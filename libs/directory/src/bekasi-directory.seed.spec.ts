import { AREA_DATA_ATTRIBUTION, BEKASI_DIRECTORY } from './bekasi-directory.seed';

const of = (type: string) => BEKASI_DIRECTORY.filter((l) => l.type === type);
const byId = new Map(BEKASI_DIRECTORY.map((l) => [l.id, l]));

describe('the Kabupaten Bekasi directory a new store starts with', () => {
  it('has the 23 kecamatan and the 187 desa and kelurahan, each under its kecamatan, with Kemendagri codes', () => {
    expect(of('kecamatan')).toHaveLength(23);
    const villages = of('desa');
    expect(villages).toHaveLength(187);
    for (const village of villages) {
      const kecamatan = byId.get(village.parentId ?? '');
      expect([village.id, kecamatan?.type]).toEqual([village.id, 'kecamatan']);
      expect(village.kemendagriCode?.startsWith(`${kecamatan?.kemendagriCode}.`)).toBe(true);
    }
    expect(of('kecamatan').every((k) => /^32\.16\.\d{2}$/.test(k.kemendagriCode ?? ''))).toBe(true);
    expect(villages.filter((v) => v.name.startsWith('Kelurahan ')).map((v) => v.id.slice(0, 4))).toEqual(
      Array(8).fill('kel-'),
    );
  });

  it('keeps the ids of the first seed, and has no id twice', () => {
    expect(BEKASI_DIRECTORY.length).toBe(byId.size);
    expect(byId.get('desa-sukamahi')).toMatchObject({
      parentId: 'kec-cikarang-pusat',
      kemendagriCode: '32.16.20.2002',
    });
    expect(byId.get('desa-karangasih')).toMatchObject({ parentId: 'kec-cikarang-utara' });
    expect(byId.get('kec-karangbahagia')).toMatchObject({
      name: 'Kecamatan Karangbahagia',
      kemendagriCode: '32.16.10',
    });
    for (const id of [
      'setda',
      'dinas-perpustakaan-kearsipan',
      'bappeda',
      'depo-arsip-bekasi',
      'pemilahan-cikarang-pusat',
    ])
      expect(byId.has(id)).toBe(true);
    expect(of('dinas').length).toBeGreaterThanOrEqual(30);
  });

  it('names the source of the area data and its licence', () => {
    expect(AREA_DATA_ATTRIBUTION).toContain('idn-area-data');
    expect(AREA_DATA_ATTRIBUTION).toContain('Open Database License');
  });
});
