/** One vocabulary across screens, documents and messages (web-app.md "Words"). */
export const EVENT_WORDS: Record<string, string> = {
  registered: 'Didaftarkan',
  collected: 'Diambil kurir',
  sorted: 'Dipilah',
  dispatched: 'Dikirim',
  arrived: 'Tiba',
  handover_offered: 'Serah terima ditawarkan',
  handover_accepted: 'Serah terima diterima',
  handover_declined: 'Serah terima ditolak',
  handover_withdrawn: 'Serah terima ditarik kembali',
  delivered: 'Diserahkan ke penerima',
  intake_confirmed: 'Diterima depo',
  intake_rejected: 'Ditolak depo',
  relocated: 'Dipindah tempat simpan',
  lent: 'Dipinjam',
  returned: 'Dikembalikan',
  loan_extended: 'Peminjaman diperpanjang',
  reported_missing: 'Dilaporkan hilang',
  found: 'Ditemukan',
  reappraised: 'Dinilai kembali',
  disposed: 'Dimusnahkan',
  transferred_static: 'Diserahkan sebagai arsip statis',
  corrected: 'Dikoreksi',
  voided: 'Dibatalkan',
  transfer_created: 'Transfer dibuat',
  intake_recorded: 'Hasil penerimaan dicatat',
  cancelled: 'Transfer dibatalkan',
};

export const STATUS_WORDS: Record<string, string> = {
  registered: 'Terdaftar di unit',
  collected: 'Di tas kurir',
  sorted: 'Sudah dipilah',
  in_transit: 'Dalam perjalanan',
  arrived: 'Tiba, menunggu diterima',
  delivered: 'Sudah diserahkan',
  deposited: 'Tersimpan di depo',
  on_loan: 'Sedang dipinjam',
  missing: 'Hilang',
  disposed: 'Dimusnahkan',
  transferred_static: 'Arsip statis',
  voided: 'Dibatalkan',
  open: 'Dibuat, belum diambil',
  cancelled: 'Dibatalkan',
  completed: 'Selesai',
  completed_with_discrepancies: 'Selesai dengan selisih',
};

export const ROLE_WORDS: Record<string, string> = {
  officer: 'Petugas arsip',
  courier: 'Kurir',
  depot: 'Petugas depo',
  auditor: 'Auditor',
  admin: 'Admin',
};

export const OUTCOME_WORDS: Record<string, string> = {
  received: 'Diterima',
  damaged: 'Diterima, rusak',
  missing: 'Tidak ada (hilang)',
  rejected: 'Ditolak',
  unexpected: 'Tidak ada di daftar',
};

export const word = (table: Record<string, string>, key: string | null | undefined): string =>
  key ? (table[key] ?? key) : '—';

const DATE_TIME = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

/** A moment as people in Bekasi read it (WIB). */
export const when = (iso: string | null | undefined): string =>
  iso ? `${DATE_TIME.format(new Date(iso))} WIB` : '—';
