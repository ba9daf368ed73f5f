import { CUSTODY_EVENT_WORDS } from './event-words';

/**
 * One vocabulary across screens, documents and messages (web-app.md "Words"). A custody event's
 * word lives in its room; the transfer's own events are named here.
 */
export const EVENT_WORDS: Record<string, string> = {
  ...CUSTODY_EVENT_WORDS,
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
