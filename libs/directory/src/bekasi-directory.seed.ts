import type { LocationType } from '@jejak/custody';

export interface SeedLocation {
  id: string;
  name: string;
  type: LocationType;
  parentId: string | null;
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
];

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The Kabupaten Bekasi directory a new store starts with. Ids are stable: clients may keep them. */
export const BEKASI_DIRECTORY: readonly SeedLocation[] = [
  ...KECAMATAN.map((name) => ({
    id: `kec-${slug(name)}`,
    name: `Kecamatan ${name}`,
    type: 'kecamatan' as const,
    parentId: null,
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
  { id: 'desa-sukamahi', name: 'Desa Sukamahi', type: 'desa', parentId: 'kec-cikarang-pusat' },
  { id: 'desa-karangasih', name: 'Desa Karangasih', type: 'desa', parentId: 'kec-cikarang-utara' },
];
