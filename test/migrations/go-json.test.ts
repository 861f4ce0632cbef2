// go-json against Go 1.25's encoding/json, case by case: what json.Marshal writes for a value the
// panel's seeders hold (map[string]any after json.Unmarshal), and what json.Unmarshal accepts.
// Expected texts are Go's documented outputs (encode.go floatEncoder / appendString, decode.go
// unquote, scanner.go), written out by hand.
import { describe, expect, it } from 'vitest';
import { decodeExactly, GO_MAX_DEPTH, goUnmarshal } from '../../electron/panel/go-json-decode';
import { goMarshal, parseJson } from '../../electron/panel/go-json';
import { BOM_REASON, decodeColumn, decodeColumnWithKeys } from '../../electron/core/json-column';
import { hasDuplicateKeys } from '../../migrations/000003_xhttp_flow';

/** Unmarshal then Marshal, as a seeder does with a row it rewrites. */
function goRoundTrip(text: string): string {
  const decoded = goUnmarshal(text);
  if (!decoded.ok) throw new Error(`Go would reject ${text}: ${decoded.reason}`);
  return goMarshal(decoded.value);
}

describe("Go's encoder on strings", () => {
  it.each([
    [
      'control characters: \\b and \\f short since Go 1.22, DEL raw',
      '\u0000\u0001\u001f\u007f\b\f\n',
      '"\\u0000\\u0001\\u001f\u007f\\b\\f\\n"',
    ],
    ['\\r and \\t short, quote and backslash escaped, slash not', '\r\t"\\/', '"\\r\\t\\"\\\\/"'],
    [
      'HTML-sensitive < > & as \\u003c \\u003e \\u0026',
      '<a href="x">&amp;</a>',
      '"\\u003ca href=\\"x\\"\\u003e\\u0026amp;\\u003c/a\\u003e"',
    ],
    ['U+2028 and U+2029 escaped, lowercase hex', 'a\u2028b\u2029c', '"a\\u2028b\\u2029c"'],
    ['U+FFFD, U+FEFF, CJK and astral characters raw', '\uFFFD\uFEFF中文😀', '"\uFFFD\uFEFF中文😀"'],
    ['other C0 controls as \\u00XX', '\u000b\u001b', '"\\u000b\\u001b"'],
  ])('%s', (_name, value, expected) => {
    expect(goMarshal(value)).toBe(expected);
  });

  it('the issue example: {"x":"\\u0000\\u0001\\u001f\\x7f\\b\\f\\n"}', () => {
    expect(goRoundTrip('{"x":"\\u0000\\u0001\\u001f\u007f\\u0008\\u000c\\n"}')).toBe(
      '{"x":"\\u0000\\u0001\\u001f\u007f\\b\\f\\n"}',
    );
  });
});

describe("Go's floatEncoder on numbers decoded as float64", () => {
  it.each([
    ['0', '0'],
    ['-0', '-0'],
    ['-0.0', '-0'],
    ['-1e-400', '-0'],
    ['1e-400', '0'],
    ['1', '1'],
    ['1.0', '1'],
    ['1E+2', '100'],
    ['0.1', '0.1'],
    ['0.000001', '0.000001'],
    ['0.0000012', '0.0000012'],
    ['9.999999999999997e-7', '9.999999999999997e-7'], // the float64 just below 1e-6
    ['9.999999999999999e-7', '0.000001'], // rounds to the float64 of 1e-6
    ['1e-7', '1e-7'],
    ['0.00000025', '2.5e-7'],
    ['2.5e-08', '2.5e-8'],
    ['1.23e-9', '1.23e-9'],
    ['1e-10', '1e-10'],
    ['-1.5e-7', '-1.5e-7'],
    ['5e-324', '5e-324'],
    ['4.9406564584124654e-324', '5e-324'],
    ['2.2250738585072014e-308', '2.2250738585072014e-308'],
    ['2.225073858507201e-308', '2.225073858507201e-308'],
    ['1e20', '100000000000000000000'],
    ['999999999999999900000', '999999999999999900000'],
    ['1e21', '1e+21'],
    ['1.5e21', '1.5e+21'],
    ['1e100', '1e+100'],
    ['1.7976931348623157e308', '1.7976931348623157e+308'],
    ['12345678901234567890', '12345678901234567000'],
    ['9007199254740993', '9007199254740992'],
    ['123456789012345678901234', '1.2345678901234569e+23'],
  ])('%s → %s', (literal, expected) => {
    expect(goRoundTrip(literal)).toBe(expected);
    expect(goRoundTrip(`{"n":[${literal}]}`)).toBe(`{"n":[${expected}]}`);
  });
});

describe("Go's encoder on maps", () => {
  it('sorts keys by UTF-8 bytes: integer-like keys too, astral after U+FFFF', () => {
    expect(goRoundTrip('{"b":1,"a":2,"B":3,"é":4,"\uFFFF":5,"😀":6,"2":7,"10":8,"":9}')).toBe(
      '{"":9,"10":8,"2":7,"B":3,"a":2,"b":1,"é":4,"\uFFFF":5,"😀":6}',
    );
  });

  it('writes compact text from pretty input, with HTML escaping in keys too', () => {
    expect(goRoundTrip('{\n  "<k>": [\n    true,\n    null\n  ],\r\n\t"a": {}\n}')).toBe(
      '{"\\u003ck\\u003e":[true,null],"a":{}}',
    );
  });
});

describe("Go's decoder: what it accepts", () => {
  it.each([
    ['a lone high surrogate escape becomes U+FFFD', '"x\\ud800y"', 'x\uFFFDy'],
    ['a lone low surrogate escape becomes U+FFFD', '"\\uDC00"', '\uFFFD'],
    ['an escaped pair is one astral character', '"\\ud83d\\ude00"', '😀'],
    ['a high surrogate before a non-surrogate escape', '"\\ud800\\u0041"', '\uFFFDA'],
    ['two highs then a low: the second pairs', '"\\ud800\\ud800\\udc00"', '\uFFFD𐀀'],
    ['low then high: two replacements', '"\\udc00\\ud800"', '\uFFFD\uFFFD'],
    ['an escaped high before a raw astral character', '"\\ud800😀"', '\uFFFD😀'],
    ['a raw lone surrogate stands for three bytes that are not UTF-8', '"a\uD800b"', 'a\uFFFD\uFFFD\uFFFDb'],
    ['a raw lone unit never pairs with an escaped half', '"\uD800\\udc00"', '\uFFFD\uFFFD\uFFFD\uFFFD'],
    ['escaped slash and short escapes', '"\\/\\b\\f\\n\\r\\t\\"\\\\"', '/\b\f\n\r\t"\\'],
    ['raw DEL', '"\u007f"', '\u007f'],
  ])('%s', (_name, text, expected) => {
    expect(goUnmarshal(text)).toEqual({ ok: true, value: expected });
    expect(decodeExactly(text)).toEqual({ ok: true, value: expected });
  });

  it('keeps the LAST of duplicate keys, without merging objects (map[string]any)', () => {
    expect(goRoundTrip('{"a":{"x":1},"b":0,"a":{"y":2}}')).toBe('{"a":{"y":2},"b":0}');
    expect(goRoundTrip('{"\\ud800":1,"\\udc00":2,"\\ud800":3}')).toBe('{"\uFFFD":3}');
    expect(goRoundTrip('{"\\ud800":1,"\\udc00":2}')).toBe('{"\uFFFD":2}');
  });

  it('step 3 sees keys as Go does: two lone surrogate escapes are the same key U+FFFD', () => {
    expect(hasDuplicateKeys('{"\\ud800":1,"\\udc00":2}')).toBe(true);
    expect(hasDuplicateKeys('{"\\ud83d\\ude00":1,"😀":2}')).toBe(true);
    expect(hasDuplicateKeys('{"\\ud800":1,"x":2}')).toBe(false);
  });

  it('step 3 decodes and finds repeated keys from one parse exactly as goUnmarshal and the key-by-key scan', () => {
    // Deep values are compared by outcome only (a deep equality would recurse 10,000 levels).
    const nested = (n: number) => `${'['.repeat(n - 1)}{"x":1,"x":2}${']'.repeat(n - 1)}`;
    for (const text of [nested(GO_MAX_DEPTH), nested(GO_MAX_DEPTH + 1)]) {
      const { decoded, duplicateKeys } = decodeColumnWithKeys(text, 0);
      const expected = goUnmarshal(text);
      expect(decoded.ok ? 'ok' : decoded.reason).toBe(expected.ok ? 'ok' : expected.reason);
      if (decoded.ok) expect(duplicateKeys()).toBe(hasDuplicateKeys(text));
    }
    for (const text of [
      '{"\\ud800":1,"\\udc00":2}',
      '{"\\ud83d\\ude00":1,"😀":2}',
      '{"\\ud800":1,"x":2}',
      '{"clients":[{"id":"a","flow":"xtls-rprx-vision","email":"x","flow":""}]}',
      '{"clients":[{"id":"a","flow":""},{"id":"b","flow":""}]}',
      '{"a:b":"c:d","e":{"f":1,"g":[{"h":2},{"h":3}]}}',
      '{"__proto__":1,"__proto__":2}',
      '{"n":1e400,"n":1}',
      '{"n":1e400}',
      '[1,2,{"x":1,"x":2}]',
      '{"a":1,}',
      '"text"',
      '{}',
    ]) {
      const { decoded, duplicateKeys } = decodeColumnWithKeys(text, 0);
      expect(decoded, text.slice(0, 60)).toEqual(goUnmarshal(text));
      if (decoded.ok) expect(duplicateKeys(), text.slice(0, 60)).toBe(hasDuplicateKeys(text));
    }
    expect(decodeColumnWithKeys('{}', 1).decoded).toEqual({ ok: false, reason: BOM_REASON });
  });

  it('takes __proto__ as an ordinary key', () => {
    const decoded = decodeExactly('{"__proto__":{"polluted":true}}');
    expect(decoded.ok && Object.keys(decoded.value as object)).toEqual(['__proto__']);
    expect(goRoundTrip('{"__proto__":1,"a":2}')).toBe('{"__proto__":1,"a":2}');
  });

  it(`accepts ${GO_MAX_DEPTH} nested arrays and refuses one more ("exceeded max depth")`, () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(goUnmarshal(nested(GO_MAX_DEPTH)).ok).toBe(true);
    expect(goUnmarshal(nested(GO_MAX_DEPTH + 1))).toEqual({ ok: false, reason: 'exceeded max depth' });
    expect(goUnmarshal(`${'{"a":'.repeat(GO_MAX_DEPTH + 1)}1${'}'.repeat(GO_MAX_DEPTH + 1)}`)).toEqual({
      ok: false,
      reason: 'exceeded max depth',
    });
  });
});

describe("Go's decoder: what it rejects", () => {
  it.each([
    ['a leading byte-order mark', '\uFEFF{"a":1}', "invalid character 'ï' looking for beginning of value"],
    [
      'a number beyond float64',
      '{"tlsSettings":{"allowInsecure":true},"n":1e400}',
      'json: cannot unmarshal number 1e400 into Go value of type float64',
    ],
    [
      'a negative number beyond float64',
      '[-2e308]',
      'json: cannot unmarshal number -2e308 into Go value of type float64',
    ],
    ['a leading zero', '{"a":01}', "invalid character '1' after object key:value pair"],
    ['a plus sign', '[+1]', "invalid character '+' looking for beginning of value"],
    ['a bare fraction', '[.5]', "invalid character '.' looking for beginning of value"],
    ['a dot without digits', '[1.]', "invalid character ']' after decimal point in numeric literal"],
    ['an exponent without digits', '[1e]', "invalid character ']' in exponent of numeric literal"],
    ['a minus alone', '[-]', "invalid character ']' in numeric literal"],
    ['NaN', '[NaN]', "invalid character 'N' looking for beginning of value"],
    ['a raw tab in a string', '"a\tb"', "invalid character '\\t' in string literal"],
    ['a raw NUL in a string', '"a\u0000"', "invalid character '\\x00' in string literal"],
    ['an unknown escape', '"\\a"', "invalid character 'a' in string escape code"],
    ['a short \\u escape', '"\\u12"', "invalid character '\"' in \\u hexadecimal character escape"],
    ['single quotes', "{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['trailing garbage', '{"a":1} x', "invalid character 'x' after top-level value"],
    ['two values', '{}{}', "invalid character '{' after top-level value"],
    ['a trailing comma in an array', '[1,]', "invalid character ']' looking for beginning of value"],
    [
      'a trailing comma in an object',
      '{"a":1,}',
      "invalid character '}' looking for beginning of object key string",
    ],
    ['a vertical tab as whitespace', '\u000b{}', "invalid character '\\v' looking for beginning of value"],
    ['a form feed as whitespace', '{}\f', "invalid character '\\f' after top-level value"],
    ['a no-break space as whitespace', '\u00a0{}', "invalid character 'Â' looking for beginning of value"],
    ['a missing colon', '{"a" 1}', "invalid character '1' after object key"],
    ['a misspelt literal', '[nul]', "invalid character ']' in literal null (expecting 'l')"],
    ['truncated text', '{"a":', 'unexpected end of JSON input'],
    ['only whitespace', ' \n', 'unexpected end of JSON input'],
    ['an unterminated string', '"abc', 'unexpected end of JSON input'],
  ])('%s', (_name, text, reason) => {
    expect(goUnmarshal(text)).toEqual({ ok: false, reason });
    expect(decodeExactly(text)).toEqual({ ok: false, reason });
    expect(parseJson(text)).toBeUndefined();
  });

  it('fails on an out-of-range number even when a duplicate key overwrites it', () => {
    const reason = 'json: cannot unmarshal number 1e400 into Go value of type float64';
    expect(goUnmarshal('{"n":1e400,"n":1}')).toEqual({ ok: false, reason });
    expect(goUnmarshal('{"n":[1e+400],"n":1}')).toEqual({
      ok: false,
      reason: reason.replace('1e400', '1e+400'),
    });
  });

  it('reports a syntax error before an out-of-range number, as Go scans the whole text first', () => {
    expect(goUnmarshal('[1e400, 01]')).toEqual({
      ok: false,
      reason: "invalid character '1' after array element",
    });
  });

  it('sees a BOM that sql.js dropped through the column test', () => {
    expect(decodeColumn('{"a":1}', 1)).toEqual({ ok: false, reason: BOM_REASON });
    expect(decodeColumn('{"a":1}', 0)).toEqual({ ok: true, value: { a: 1 } });
  });
});
