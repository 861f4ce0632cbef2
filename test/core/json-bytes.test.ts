// Reading a JSON column from its UTF-8 bytes without decoding them (json-bytes.ts): wherever it gives
// an answer, it is jsonShapeOf's answer on the decoded text — the same value, key order included —
// and it gives one for the JSON a panel writes, non-ASCII text and all.
import { describe, expect, it } from 'vitest';
import { plainJsonShapeOfBytes } from '../../electron/core/json-bytes';
import { jsonShapeOf } from '../../electron/core/json-shape';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** The fast answer, held against jsonShapeOf on the same text; true when there was one. */
function agrees(text: string, bytes = utf8(text)): boolean {
  const fast = plainJsonShapeOfBytes(bytes);
  if (fast === undefined) return false;
  const exact = jsonShapeOf(text);
  expect(exact.problem, text).toBeNull();
  expect(fast.problem).toBeNull();
  expect(fast.value, text).toStrictEqual(exact.value);
  // toStrictEqual ignores key order; JSON.stringify does not.
  expect(JSON.stringify(fast.value), text).toBe(JSON.stringify(exact.value));
  return true;
}

const PANEL_SETTINGS = JSON.stringify({
  clients: [
    { id: 'a1', flow: 'xtls-rprx-vision', email: '用户-1', comment: 'customer 7 – renew monthly', reset: 0 },
    { id: 'a2', email: 'u2', comment: '😀 emoji 𝄞 and ä', totalGB: 1073741824, expiryTime: 1767225601000 },
    { id: 'a3', email: 'u3:with:colons', comment: '"quoted" {braces} [brackets] , commas' },
  ],
  decryption: 'none',
  fallbacks: [],
});

/** Long enough for every count to run over many words of bytes. */
const MANY_CLIENTS = JSON.stringify({
  clients: Array.from({ length: 5000 }, (_, i) => ({
    id: `id-${i}`,
    email: `u${i}`,
    comment: i % 7 ? '' : '备注 "x"',
  })),
});

describe('JSON columns read from their bytes', () => {
  it('answers for the JSON a panel writes: compact or indented, ASCII or not, and agrees with jsonShapeOf', () => {
    for (const text of [
      PANEL_SETTINGS,
      JSON.stringify(JSON.parse(PANEL_SETTINGS), null, 2),
      MANY_CLIENTS,
      '{"network":"tcp","security":"reality","realitySettings":{"target":"www.example.com:443"}}',
      '{ "a" : 1 , "b" : [ ] , "c" : { } }',
      '[]',
      '"a string: with a colon"',
      '42',
      'null',
      '{"__proto__":{"x":1},"constructor":"é"}',
      '{"b":1,"2":2,"1":"一","a":[1,2,3]}',
      '{"a":"\\u00e9 \\u003c\\u0026 \\"q\\" \\\\","\\"k":"\\\\\\"","é\\n":"\\t中"}',
      '{"path":"/?ed=2048\\u0026x=1","c":"\\\\"}',
      '{"键":"值","ключ":["значение",{"ü":"ö"}]}',
      '{"n":1e308,"m":-0,"s":1.5e-400,"big":12345678901234567890}',
    ])
      expect(agrees(text), text).toBe(true);
  });

  it('leaves to jsonShapeOf what it cannot vouch for: repeated keys, escapes, invalid text, overflow, depth', () => {
    for (const text of [
      '{"a":1,"a":2}',
      MANY_CLIENTS.replace(/}]}$/, ',"email":"again"}]}'),
      '{"clients":[{"id":"u","flow":"","flow":"xtls-rprx-vision"}]}',
      '{"x":{"y":{"键":1,"键":1}}}',
      '{"a":"\\ud800"}',
      '{"a":"\\uD83D\\uDE00"}',
      '{"a":"\\é"}',
      '{"a":"\\"","a":"\\\\"}',
      '{"a":1,}',
      '{"a":1 // c\n}',
      '{"a":"\u0001"}',
      '{"a":1e400}',
      '[-1e999]',
      '{"a":1,"a":1e400}',
      `${'['.repeat(10001)}${']'.repeat(10001)}`,
      '',
      ' ',
      '\uFEFF{}',
      '{"a":1}\u00e9',
      '\u00e9{"a":1}',
    ])
      expect(agrees(text), JSON.stringify(text).slice(0, 80)).toBe(false);
  });

  it('never answers for bytes that are not UTF-8', () => {
    for (const bytes of [
      new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), // {"a":"\xff"}
      new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]), // an encoded lone surrogate
      new Uint8Array([0x22, 0xc3, 0x22]), // a truncated sequence
    ])
      expect(plainJsonShapeOfBytes(bytes)).toBeUndefined();
  });

  it('agrees with jsonShapeOf on thousands of generated texts, repeated keys and odd strings included', () => {
    let state = 7;
    const random = (below: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % below;
    };
    const pick = <T>(items: readonly T[]): T => items[random(items.length)] as T;
    const PIECES = [
      'a',
      'b',
      ':',
      ',',
      '{',
      '}',
      '[',
      ']',
      ' ',
      'é',
      '中',
      '😀',
      '–',
      'x"y',
      '\\',
      '\n',
      '0',
      'u00e9',
      'ud83d',
      '\\"',
      '\\\\',
    ];
    const stringText = () => {
      let text = '';
      for (let i = random(4); i > 0; i -= 1) text += pick(PIECES);
      return text;
    };
    const KEYS = ['a', 'b', 'flow', 'é', '1', '__proto__', ':'];
    const valueText = (depth: number): string => {
      const kind = random(depth > 3 ? 4 : 6);
      if (kind === 0) return JSON.stringify(stringText());
      if (kind === 1)
        return pick(['0', '-1.5', '1e308', '1e400', '2e-999', 'true', 'null', '123456789012345678901']);
      if (kind === 2) return `"${stringText()}"`; // raw, maybe not valid JSON
      if (kind === 3) return JSON.stringify(pick(KEYS));
      const items: string[] = [];
      for (let i = random(4); i > 0; i -= 1) {
        const item = valueText(depth + 1);
        items.push(kind === 4 ? item : `${JSON.stringify(pick(KEYS))}${pick([':', ' : ', ':\n'])}${item}`);
      }
      return kind === 4 ? `[${items.join(pick([',', ', ']))}]` : `{${items.join(',')}}`;
    };
    let answered = 0;
    for (let round = 0; round < 10000; round += 1) {
      const text = valueText(0);
      // Whatever the fast path says, jsonShapeOf has the last word where it does not answer.
      if (agrees(text)) answered += 1;
    }
    expect(answered).toBeGreaterThan(1000);
  });
});
