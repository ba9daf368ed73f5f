export const INDONESIAN_MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** Kabupaten Bekasi keeps Western Indonesia Time (WIB, UTC+7, no daylight saving). */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

function inWib(iso: string): Date {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new Error(`not a date: '${iso}'`);
  return new Date(time + WIB_OFFSET_MS);
}

/** "30 November 2026": the date as a berita acara writes it, in WIB. */
export function formatIndonesianDate(iso: string): string {
  const date = inWib(iso);
  return `${date.getUTCDate()} ${INDONESIAN_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "Senin": the day of the week in WIB, for "Pada hari ini, Senin tanggal ...". */
export function indonesianDayName(iso: string): string {
  return DAYS[inWib(iso).getUTCDay()];
}
