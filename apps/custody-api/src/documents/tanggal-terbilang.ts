import angkaTerbilang from '@develoka/angka-terbilang-js';
import { formatIndonesianDate, INDONESIAN_MONTHS, indonesianDayName } from '../common/indonesian-date';

/** Kabupaten Bekasi keeps WIB (UTC+7), as the other printed dates do. */
const wib = (iso: string): Date => new Date(Date.parse(iso) + 7 * 60 * 60 * 1000);

/**
 * The date of a berita acara written out as the form has it: "hari Senin tanggal tiga puluh bulan
 * November tahun dua ribu dua puluh enam (30 November 2026)", the figures kept beside the words.
 */
export function tanggalTerbilang(iso: string): string {
  const date = wib(iso);
  const day = angkaTerbilang(date.getUTCDate());
  const year = angkaTerbilang(date.getUTCFullYear());
  return (
    `hari ${indonesianDayName(iso)} tanggal ${day} bulan ${INDONESIAN_MONTHS[date.getUTCMonth()]} tahun ${year} ` +
    `(${formatIndonesianDate(iso)})`
  );
}

/** "30 November 2026, 10.15 WIB": a moment of a handover. */
export function tanggalJam(iso: string): string {
  const date = wib(iso);
  const time = `${String(date.getUTCHours()).padStart(2, '0')}.${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${formatIndonesianDate(iso)}, ${time} WIB`;
}
