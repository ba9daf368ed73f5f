import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ title: 'Surat', year: 2026, actor: { role: 'officer', id: 'siti' } })).toBe(
      canonicalJson({ actor: { id: 'siti', role: 'officer' }, year: 2026, title: 'Surat' }),
    );
  });

  it('orders keys by UTF-16 code units as RFC 8785 section 3.2.3 does', () => {
    const keys = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(keys)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('escapes strings exactly like JSON.stringify', () => {
    const text = 'kutip " garis \\ baris\nbaru \u0001 tab\t é';
    expect(canonicalJson({ text })).toBe(`{"text":${JSON.stringify(text)}}`);
  });

  it('leaves out undefined members but keeps nulls, like JSON.stringify', () => {
    expect(canonicalJson({ shelf: undefined, room: 'R1', box: null })).toBe('{"box":null,"room":"R1"}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('writes -0 as 0 and accepts negative integers', () => {
    expect(canonicalJson([-0, -12, 2026])).toBe('[0,-12,2026]');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('refuses the number %p', (value) => {
    expect(() => canonicalJson({ year: value })).toThrow(/year/);
  });

  it('refuses bigints and a bare undefined', () => {
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
