import type { Problem } from './api';

/** What a refusal means and what to do next, in the words the offices use. */
const BY_CODE: Record<string, string> = {
  network: 'Tidak dapat menghubungi server Jejak. Periksa sambungan internet, lalu coba lagi.',
  unauthenticated: 'Anda belum masuk, atau sesi/token Anda sudah tidak berlaku. Masuk lagi.',
  forbidden:
    'Anda tidak berwenang melakukan ini (peran atau unit Anda tidak mengizinkan). Minta petugas yang berwenang, atau hubungi admin.',
  'not-found': 'Tidak ditemukan. Periksa kembali nomor atau kode yang diketik atau dipindai.',
  'invalid-transition':
    'Langkah ini tidak bisa dicatat pada status arsip saat ini. Muat ulang untuk melihat statusnya sekarang.',
  'concurrency-conflict': 'Arsip ini baru saja diubah orang lain. Muat ulang, lalu coba lagi.',
  'already-exists':
    'Sudah ada data dengan nomor atau ID yang sama. Pakai nomor lain, atau buka yang sudah ada.',
  'out-of-order':
    'Waktu kejadian lebih awal dari catatan terakhir arsip ini. Periksa jam di perangkat Anda, lalu coba lagi.',
  'unknown-party': 'Penerima tidak dikenal atau tidak aktif di direktori. Pilih orang atau unit dari daftar.',
  'payload-too-large': 'Berkas atau isian terlalu besar. Pecah menjadi beberapa bagian yang lebih kecil.',
  'classified-not-accepted':
    'Arsip berklasifikasi rahasia atau sangat rahasia tidak boleh dicatat di Jejak. Catat hanya arsip biasa atau terbatas.',
  'idempotency-key-reused': 'Permintaan ganda dengan isi berbeda. Muat ulang halaman, lalu ulangi.',
  'rate-limited': 'Terlalu banyak percobaan. Tunggu sekitar satu menit, lalu coba lagi.',
  'validation-failed': 'Isian belum benar. Perbaiki bagian yang disebut di bawah, lalu kirim lagi.',
  'projection-lagging': 'Data sedang diperbarui di server. Tunggu beberapa detik, lalu muat ulang.',
  'shutting-down': 'Server sedang dimatikan sebentar. Coba lagi dalam satu menit.',
  'unsupported-media-type': 'Jenis berkas tidak diterima. Kirim daftar arsip sebagai CSV.',
  'method-not-allowed': 'Fitur ini belum tersedia di server ini. Hubungi admin.',
};

/** Field names of the API, as the forms label them. */
const FIELD_WORDS: Record<string, string> = {
  title: 'Uraian informasi',
  classificationCode: 'Kode klasifikasi',
  securityClass: 'Klasifikasi keamanan',
  originUnitId: 'Unit pengolah',
  addresseeUnitId: 'Unit tujuan surat',
  year: 'Tahun',
  baNumber: 'Nomor berita acara',
  toCustodianId: 'Penerima',
  storage: 'Tempat simpan',
  'storage.room': 'Ruang',
  reason: 'Alasan',
  name: 'Nama',
  role: 'Peran',
  unitId: 'Unit',
  principalId: 'Nomor pegawai',
  id: 'ID',
  type: 'Jenis',
  parentId: 'Induk',
  itemIds: 'Daftar arsip',
  toId: 'Tujuan',
  fromId: 'Asal',
  receivedBy: 'Nama penerima',
  personId: 'NIP / Nomor pegawai',
  password: 'Kata sandi',
};

export function explain(problem: Problem): string {
  return (
    BY_CODE[problem.code] ?? `Permintaan ditolak (status ${problem.status}). Coba lagi, atau hubungi admin.`
  );
}

export const fieldWord = (field: string): string => FIELD_WORDS[field] ?? field;
