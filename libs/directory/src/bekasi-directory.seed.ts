import type { LocationType } from '@jejak/custody';
import { loadBekasiAreas } from './bekasi-areas.data';

export { AREA_DATA_ATTRIBUTION } from './bekasi-areas.data';

export interface SeedLocation {
  id: string;
  name: string;
  type: LocationType;
  parentId: string | null;
  /** Kemendagri code of a kecamatan, desa or kelurahan (idn-area-data). */
  kemendagriCode?: string;
}

const KECAMATAN = [
  'Cikarang Utara',
  'Cikarang Selatan',
  'Cikarang Barat',
  'Cikarang Timur',
  'Cikarang Pusat',
  'Tambun Utara',
  'Tambun Selatan',
  'Babelan',
  'Tarumajaya',
  'Cibitung',
  'Setu',
  'Serang Baru',
  'Cibarusah',
  'Bojongmangu',
  'Kedungwaringin',
  'Cabangbungin',
  'Pebayuran',
  'Sukakarya',
  'Sukatani',
  'Sukawangi',
  'Karangbahagia',
  'Tambelang',
  'Muaragembong',
];

/**
 * The perangkat daerah of Kabupaten Bekasi (secretariats, inspectorate, dinas and badan). The
 * first sixteen ids were the first seed's: they stay as they are, clients keep them.
 */
const DINAS: [id: string, name: string][] = [
  ['setda', 'Sekretariat Daerah'],
  ['setwan', 'Sekretariat DPRD'],
  ['inspektorat', 'Inspektorat Daerah'],
  ['dinas-perpustakaan-kearsipan', 'Dinas Perpustakaan dan Kearsipan'],
  ['dinas-dukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
  ['dinas-pendidikan', 'Dinas Pendidikan'],
  ['dinas-kesehatan', 'Dinas Kesehatan'],
  ['dinas-sosial', 'Dinas Sosial'],
  ['dinas-pupr', 'Dinas Pekerjaan Umum dan Penataan Ruang'],
  ['dinas-perhubungan', 'Dinas Perhubungan'],
  ['dinas-lingkungan-hidup', 'Dinas Lingkungan Hidup'],
  ['dinas-pmptsp', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu'],
  ['bkpsdm', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'],
  ['bapenda', 'Badan Pendapatan Daerah'],
  ['bpkad', 'Badan Pengelolaan Keuangan dan Aset Daerah'],
  ['bappeda', 'Badan Perencanaan Pembangunan Daerah'],
  ['dinas-sdabmbk', 'Dinas Sumber Daya Air, Bina Marga dan Bina Konstruksi'],
  ['dinas-cktr', 'Dinas Cipta Karya dan Tata Ruang'],
  ['dinas-perkimtan', 'Dinas Perumahan Rakyat, Kawasan Permukiman dan Pertanahan'],
  ['satpol-pp', 'Satuan Polisi Pamong Praja'],
  ['dinas-damkar', 'Dinas Pemadam Kebakaran'],
  ['dinas-tenaga-kerja', 'Dinas Tenaga Kerja'],
  ['dinas-pppa', 'Dinas Pemberdayaan Perempuan dan Perlindungan Anak'],
  ['dinas-ketahanan-pangan', 'Dinas Ketahanan Pangan'],
  ['dinas-pmd', 'Dinas Pemberdayaan Masyarakat dan Desa'],
  ['dinas-ppkb', 'Dinas Pengendalian Penduduk dan Keluarga Berencana'],
  ['dinas-kominfosantik', 'Dinas Komunikasi, Informatika, Persandian dan Statistik'],
  ['dinas-koperasi-ukm', 'Dinas Koperasi dan Usaha Kecil Menengah'],
  ['dinas-pemuda-olahraga', 'Dinas Pemuda dan Olahraga'],
  ['dinas-pariwisata', 'Dinas Pariwisata'],
  ['dinas-kebudayaan', 'Dinas Kebudayaan'],
  ['dinas-perikanan-kelautan', 'Dinas Perikanan dan Kelautan'],
  ['dinas-pertanian', 'Dinas Pertanian'],
  ['dinas-perdagangan', 'Dinas Perdagangan'],
  ['dinas-perindustrian', 'Dinas Perindustrian'],
  ['bpbd', 'Badan Penanggulangan Bencana Daerah'],
  ['kesbangpol', 'Badan Kesatuan Bangsa dan Politik'],
  ['rsud', 'Rumah Sakit Umum Daerah Kabupaten Bekasi'],
];

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
/** "Karang Bahagia" (Kemendagri) and "Karangbahagia" (the first seed's id) are one kecamatan. */
const sameName = (name: string): string => name.toLowerCase().replace(/[^a-z]/g, '');

/** Every desa (`desa-…`) and kelurahan (`kel-…`) under its kecamatan, with its Kemendagri code. */
const AREAS = (() => {
  const { districts, villages } = loadBekasiAreas();
  const kecamatanOf = new Map(
    districts.map((d) => {
      const name = KECAMATAN.find((k) => sameName(k) === sameName(d.name));
      if (!name) throw new Error(`idn-area-data: kecamatan '${d.name}' (${d.code}) is not in the seed`);
      return [d.code, `kec-${slug(name)}`];
    }),
  );
  return {
    districtCode: (name: string): string | undefined =>
      districts.find((d) => sameName(d.name) === sameName(name))?.code,
    villages: villages.map((v): SeedLocation => ({
      id: `${v.kelurahan ? 'kel' : 'desa'}-${slug(v.name)}`,
      name: `${v.kelurahan ? 'Kelurahan' : 'Desa'} ${v.name}`,
      type: 'desa',
      parentId: kecamatanOf.get(v.parentCode) ?? null,
      kemendagriCode: v.code,
    })),
  };
})();

/** The Kabupaten Bekasi directory a new store starts with. Ids are stable: clients may keep them. */
export const BEKASI_DIRECTORY: readonly SeedLocation[] = [
  ...KECAMATAN.map((name) => ({
    id: `kec-${slug(name)}`,
    name: `Kecamatan ${name}`,
    type: 'kecamatan' as const,
    parentId: null,
    kemendagriCode: AREAS.districtCode(name),
  })),
  ...DINAS.map(([id, name]) => ({ id, name, type: 'dinas' as const, parentId: null })),
  {
    id: 'depo-arsip-bekasi',
    name: 'Depo Arsip Kabupaten Bekasi (Record Center)',
    type: 'depot',
    parentId: 'dinas-perpustakaan-kearsipan',
  },
  {
    id: 'pemilahan-cikarang-pusat',
    name: 'Titik Pemilahan Cikarang Pusat',
    type: 'sorting_point',
    parentId: 'kec-cikarang-pusat',
  },
  ...AREAS.villages,
];
