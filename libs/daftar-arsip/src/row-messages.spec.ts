import { inIndonesian } from './row-messages';

describe('inIndonesian', () => {
  it.each([
    [
      'securityClass must be one of the following values: biasa, terbatas',
      'harus salah satu dari: biasa, terbatas',
    ],
    ['title should not be empty', 'wajib diisi'],
    ['classificationCode: e.g. 000.2.3', 'tidak sesuai bentuknya, contoh: 000.2.3'],
    ["item 'ARS-1' is already registered", "ID 'ARS-1' sudah terdaftar"],
    [
      "security class 'sangat_rahasia' is not accepted: only biasa and terbatas items may be recorded",
      "klasifikasi keamanan 'sangat_rahasia' tidak diterima: hanya arsip biasa dan terbatas yang dicatat",
    ],
  ])('%j → %j', (english, indonesian) => expect(inIndonesian(english)).toBe(indonesian));

  it('shows a message it does not know as it is', () => {
    expect(inIndonesian('something new')).toBe('something new');
  });
});
