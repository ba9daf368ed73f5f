import { JSON_LIMITS, jsonShapeProblem } from './json-body-parser';

const small = { ...JSON_LIMITS, depth: 3, keysPerObject: 3, itemsPerArray: 4, values: 10, stringLength: 5 };

describe('jsonShapeProblem', () => {
  it('accepts bodies within the limits, empty containers included', () => {
    expect(jsonShapeProblem('{"a":1,"b":[1,2,{}],"c":"12345"}', small)).toBeNull();
    expect(jsonShapeProblem('[[[]]]', small)).toBeNull();
    expect(jsonShapeProblem('{ }', small)).toBeNull();
  });

  it('refuses nesting deeper than the limit, brackets inside strings aside', () => {
    expect(jsonShapeProblem('[[[[]]]]', small)).toMatch(/deeper than 3/);
    expect(jsonShapeProblem('{"t":"[[[[{{{{ \\" [[["}', { ...small, stringLength: 100 })).toBeNull();
    expect(jsonShapeProblem('['.repeat(100000))).toMatch(/deeper than 32/);
  });

  it('refuses an object with too many keys and an array with too many items', () => {
    expect(jsonShapeProblem('{"a":1,"b":2,"c":3,"d":4}', small)).toMatch(/more than 3 keys/);
    expect(jsonShapeProblem('[1,2,3,4,5]', small)).toMatch(/more than 4 items/);
    expect(jsonShapeProblem('{"a":"x,y,z,w,v"}', { ...small, stringLength: 100 })).toBeNull();
  });

  it('refuses too many values in all and a string longer than the limit', () => {
    expect(jsonShapeProblem('[[1,2,3],[4,5,6],[7,8,9],[0]]', small)).toMatch(/more than 10 values/);
    expect(jsonShapeProblem('{"a":"123456"}', small)).toMatch(/longer than 5/);
    expect(jsonShapeProblem('{"a":"12\\""}', small)).toBeNull();
  });

  it('lets only the value of a long-string key (a drawn signature) run longer, up to its own limit', () => {
    const limits = { ...small, longStringKeys: ['sig'], longStringLength: 8 };
    expect(jsonShapeProblem('{"ack":{"sig" : "12345678"}}', limits)).toBeNull();
    expect(jsonShapeProblem('{"ack":{"sig":"123456789"}}', limits)).toMatch(/longer than 8/);
    expect(jsonShapeProblem('{"name":"123456"}', limits)).toMatch(/longer than 5/);
    // A long string after the key's value, or the key itself as a value, is held to the usual limit.
    expect(jsonShapeProblem('{"sig":"1","b":"123456"}', limits)).toMatch(/longer than 5/);
    expect(jsonShapeProblem('["sig","12345678"]', limits)).toMatch(/longer than 5/);
  });

  it('refuses the 121,837-key body of the attack run', () => {
    const keys = Array.from({ length: 121_837 }, (_, i) => `"${i}":0`).join(',');
    expect(jsonShapeProblem(`{"kind":"file",${keys}}`)).toMatch(/more than 64 keys/);
  });
});
