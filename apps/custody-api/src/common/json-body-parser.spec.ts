import { jsonDepth } from './json-body-parser';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('[[[[[]]]]]')).toBe(5);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepth('{"title":"[[[{{{ \\" [[[ "}')).toBe(1);
  });

  it('stops early once past the limit', () => {
    expect(jsonDepth('['.repeat(100000), 32)).toBe(33);
  });
});
