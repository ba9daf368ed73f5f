import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Kabupaten Bekasi's kecamatan and desa/kelurahan with their Kemendagri codes, read from the CSV
 * files of `idn-area-data` 4.0.1 (its JS entry is an ES module, which Jest on Node 20 cannot load;
 * the files are plain CSV). The data are © idn-area-data contributors, under the Open Database
 * License (ODbL) 1.0: see AREA_DATA_ATTRIBUTION, shown where the directory is listed.
 */
export const BEKASI_REGENCY_CODE = '32.16';

export const AREA_DATA_ATTRIBUTION =
  'Wilayah administrasi: idn-area-data 4.0.1 (© kontributor idn-area-data), lisensi Open Database License (ODbL) 1.0';

export interface AreaRow {
  code: string;
  parentCode: string;
  name: string;
}

export interface BekasiAreas {
  districts: AreaRow[];
  /** A Kemendagri village code's fifth digit: 1 a kelurahan, 2 a desa. */
  villages: (AreaRow & { kelurahan: boolean })[];
}

function dataDir(): string {
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

/** The rows of one of the package's files under a code prefix (`code,parent_code,name`, no quotes). */
function rowsUnder(file: string, prefix: string): AreaRow[] {
  return readFileSync(join(dataDir(), file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.startsWith(prefix))
    .map((line) => {
      const [code, parentCode, ...name] = line.split(',');
      return { code, parentCode, name: name.join(',').trim() };
    });
}

export function loadBekasiAreas(): BekasiAreas {
  const prefix = `${BEKASI_REGENCY_CODE}.`;
  return {
    districts: rowsUnder('districts.csv', prefix),
    villages: rowsUnder('villages.csv', prefix).map((row) => ({
      ...row,
      kelurahan: row.code.split('.')[3]?.startsWith('1') ?? false,
    })),
  };
}
