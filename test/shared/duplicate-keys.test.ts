import { duplicateTopLevelKeys } from '../../shared/duplicate-keys';

describe('duplicateTopLevelKeys', () => {
  test.each([
    ['no duplicates', '{"a":1,"b":[1,2],"c":{"d":3}}', []],
    ['a key given twice', '{"a":1,"b":2,"a":3}', ['a']],
    ['each duplicate once, in order', '{"b":1,"a":2,"b":3,"a":4,"b":5}', ['b', 'a']],
    ['the same key written with an escape', '{"orderId":"a","order\\u0049d":"b"}', ['orderId']],
    ['keys of nested objects, which do not count', '{"a":{"x":1,"x":2},"b":[{"y":1,"y":2}]}', []],
    ['a key-like string inside a value', '{"a":"\\"a\\":","b":"a"}', []],
    ['whitespace around everything', ' { "a" : 1 ,\n "a" : 2 } ', ['a']],
    ['a top-level array', '[{"a":1,"a":2}]', []],
    ['a top-level string', '"a"', []],
  ])('%s', (_name, json, duplicates) => {
    expect(JSON.parse(json)).toBeDefined();
    expect(duplicateTopLevelKeys(json)).toStrictEqual(duplicates);
  });

  test('scans 500,000 levels of nesting without recursion', () => {
    const json = `{"a":${'['.repeat(500_000)}${']'.repeat(500_000)},"a":1}`;

    expect(duplicateTopLevelKeys(json)).toStrictEqual(['a']);
  });
});
