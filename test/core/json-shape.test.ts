// The fast JSON column check (issue 16): native JSON.parse plus a count of member colons must say
// exactly what the tokenizer walk said — invalid text, duplicate keys at any depth, and no false
// alarm from colons, quotes or backslashes inside strings.
import { describe, expect, it } from 'vitest';
import { jsonShapeOf, memberCountOfText, memberCountOfValue } from '../../electron/core/json-shape';

const problem = (text: string) => jsonShapeOf(text).problem;

describe('JSON column shape', () => {
  it('accepts strict JSON with unique keys, whatever its strings hold', () => {
    for (const text of [
      '{"a":1,"b":{"c":[1,2,{"d":"x:y"}]}}',
      '{"url":"http://h:80/p","q":"\\"a\\":1","e":"\\\\","f":"\\\\\\":"}',
      '[{"a":1},{"a":2}]',
      '"just a string with : colons"',
      '42',
      '{ "a" : 1 , "b" : [ ] }',
      '{"__proto__":1,"constructor":2}',
    ])
      expect(problem(text), text).toBeNull();
  });

  it('finds a key repeated in one object, at the top or deep inside', () => {
    expect(problem('{"a":1,"a":2}')).toBe('duplicate-keys');
    expect(problem('{"clients":[{"id":"u","flow":"","flow":"xtls-rprx-vision"}]}')).toBe('duplicate-keys');
    expect(problem('{"x":{"y":{"z":1,"z":1}}}')).toBe('duplicate-keys');
    expect(problem('{"__proto__":1,"__proto__":2}')).toBe('duplicate-keys');
  });

  it('calls text invalid when JSON.parse refuses it: comments, trailing commas, empty, truncated', () => {
    for (const text of ['{"a":1,}', '{"a":1 // c\n}', '', '   ', '{"a":', "{'a':1}", '{"a":"\u0001"}'])
      expect(problem(text), JSON.stringify(text)).toBe('invalid-json');
  });

  it('counts members of the text and of the parsed value alike when keys are unique', () => {
    const text = '{"a":{"b":1,"c":[{"d":2},{"e":"f:g"}]},"h":"i\\"j:k"}';
    expect(memberCountOfText(text)).toBe(6);
    expect(memberCountOfValue(JSON.parse(text))).toBe(6);
  });
});
