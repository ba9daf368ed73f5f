/**
 * The officer reads a refused row's message in Indonesian. The rules are those of POST /api/items,
 * whose messages (class-validator's, the domain's) are English for API clients: the common ones
 * are said again here; one not known here is shown as it is.
 */
const IN_INDONESIAN: [RegExp, (m: RegExpExecArray) => string][] = [
  [/must be one of the following values: (.*)$/, (m) => `harus salah satu dari: ${m[1]}`],
  [/must be one of (.*)$/, (m) => `harus salah satu dari: ${m[1]}`],
  [/(?:should not be empty|is required and must be a non-empty string)$/, () => 'wajib diisi'],
  [/must be a string$/, () => 'harus berupa teks'],
  [/must be an integer number$/, () => 'harus bilangan bulat'],
  [/must be an integer from (\d+) to (\d+)$/, (m) => `harus bilangan bulat dari ${m[1]} sampai ${m[2]}`],
  [/must not be greater than (\d+)$/, (m) => `tidak boleh lebih dari ${m[1]}`],
  [/must not be less than (\d+)$/, (m) => `tidak boleh kurang dari ${m[1]}`],
  [/must be shorter than or equal to (\d+) characters$/, (m) => `paling panjang ${m[1]} karakter`],
  [/^\w+: e\.g\. (.*)$/, (m) => `tidak sesuai bentuknya, contoh: ${m[1]}`],
  [/^item '(.+)' is already registered$/, (m) => `ID '${m[1]}' sudah terdaftar`],
  [/^unknown location '(.+)'$/, (m) => `unit atau tempat '${m[1]}' tidak ada di direktori`],
  [/^addresseeUnitId is required for a letter$/, () => 'surat memerlukan unit tujuan'],
  [
    /^security class '(.+)' is not accepted/,
    (m) => `klasifikasi keamanan '${m[1]}' tidak diterima: hanya arsip biasa dan terbatas yang dicatat`,
  ],
];

export function inIndonesian(message: string): string {
  for (const [pattern, say] of IN_INDONESIAN) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return message;
}
