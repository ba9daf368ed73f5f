import { ConfigError, loadConfig } from './app-config';

describe('the documents configuration', () => {
  it('prints the Bekasi letterhead unless told otherwise, and takes each line from its variable', () => {
    expect(loadConfig({}).documents).toMatchObject({
      regency: 'Pemerintah Kabupaten Bekasi',
      agency: 'Dinas Perpustakaan dan Kearsipan',
      place: 'Cikarang Pusat',
    });
    const config = loadConfig({
      JEJAK_DOC_REGENCY: 'Pemerintah Kota Bekasi',
      JEJAK_DOC_AGENCY: 'Dinas Kearsipan',
      JEJAK_DOC_ADDRESS: 'Jl. Ir. H. Juanda No. 100',
      JEJAK_DOC_PLACE: 'Bekasi',
      JEJAK_DOC_MENGETAHUI: 'Sekretaris Daerah',
      JEJAK_DOC_MENGETAHUI_NAME: 'Drs. H. Ahmad Fauzi',
      JEJAK_DOC_MENGETAHUI_NIP: '196805121994031007',
    });
    expect(config.documents).toEqual({
      regency: 'Pemerintah Kota Bekasi',
      agency: 'Dinas Kearsipan',
      address: 'Jl. Ir. H. Juanda No. 100',
      place: 'Bekasi',
      mengetahui: 'Sekretaris Daerah',
      mengetahuiName: 'Drs. H. Ahmad Fauzi',
      mengetahuiNip: '196805121994031007',
    });
  });

  it('takes the public base URL for label codes without a trailing slash, and refuses one that is not http(s)', () => {
    expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ JEJAK_PUBLIC_BASE_URL: 'https://jejak.bekasikab.go.id/' }).publicBaseUrl).toBe(
      'https://jejak.bekasikab.go.id',
    );
    for (const bad of ['jejak.bekasikab.go.id', 'ftp://jejak', 'javascript:alert(1)']) {
      expect(() => loadConfig({ JEJAK_PUBLIC_BASE_URL: bad })).toThrow(ConfigError);
    }
  });
});
