/** A three-row daftar arsip as an archive officer exports it (`;`, Indonesian headers). */
export const DAFTAR_ARSIP_SAMPLE = [
  'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Jumlah;Klasifikasi Keamanan;Retensi Aktif;Retensi Inaktif;Nasib Akhir',
  '1;900.1.3;Buku kas umum 2016;2016;1 berkas;biasa;2;3;musnah',
  '2;900.1.3;Buku kas pembantu 2016;2016;1 berkas;biasa;2;3;musnah',
  '3;800.1.2;Daftar hadir pegawai 2016;2016;2 berkas;terbatas;1;2;musnah',
].join('\n');
