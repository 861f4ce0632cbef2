// Generated panel-like JSON documents for the go-json property test: random nesting, keys that
// collide (also after decoding), every kind of character and escape, numbers at float64's edges in
// many spellings, in compact, loosely spaced or pretty layout.
import type { Doc, Layout, Piece } from './go-json-model';

/** mulberry32: small, seedable, good enough to spread cases. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
export type Random = ReturnType<typeof prng>;

// ---- generating documents -------------------------------------------------------------------------

const RAW = [
  'a',
  'Z',
  ' ',
  '/',
  "'",
  '<',
  '>',
  '&',
  '\u007f',
  '\u0080',
  'é',
  '中',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\uFFFD',
  '\uFFFF',
  '😀',
  '𐀀',
];
const RARE_RAW = ['\uD800', '\uDFFF']; // lone units: what sql.js makes of bytes that are not UTF-8
const UNITS = [
  0, 8, 12, 0x1f, 0x22, 0x2f, 0x3c, 0x26, 0x5c, 0x7f, 0xe9, 0x2028, 0xfeff, 0xfffd, 0xd800, 0xdbff, 0xdc00,
  0xdfff, 0xd83d, 0xde00,
];

function bitsDouble(random: Random): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, random.int(2 ** 32));
  view.setUint32(4, random.int(2 ** 32));
  const value = view.getFloat64(0);
  return Number.isFinite(value) ? value : 1.5;
}

function neighbour(value: number, step: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(step));
  return view.getFloat64(0);
}

const EDGES = [
  0,
  -0,
  5e-324,
  -5e-324,
  2.225073858507201e-308,
  2.2250738585072014e-308,
  1e-7,
  2.5e-8,
  1e-6,
  neighbour(1e-6, -1),
  neighbour(1e-6, 1),
  1e-5,
  0.1,
  1.5,
  100,
  2 ** 53,
  2 ** 53 + 2,
  Number('12345678901234567890'),
  1e20,
  neighbour(1e21, -1),
  1e21,
  1.7976931348623157e308,
  -1.7976931348623157e308,
];
const LITERALS = [
  '1e400',
  '-1e400',
  '2e308',
  '1.7976931348623159e308',
  '1e-400',
  '-1e-400',
  '-0.0',
  '0e0',
  '0.000',
  '1E+2',
  '12345678901234567890',
  '9007199254740993',
  '1e-07',
  '100e-2',
];

function numberLiteral(random: Random): string {
  const roll = random.next();
  if (roll < 0.12) return random.pick(LITERALS);
  const value = roll < 0.55 ? random.pick(EDGES) : roll < 0.8 ? bitsDouble(random) : random.int(2000) - 1000;
  if (Object.is(value, -0)) return random.pick(['-0', '-0.0', '-0e5']);
  const spellings = [
    String(value),
    value.toExponential(),
    value.toPrecision(17),
    value.toExponential().replace('e', 'E'),
  ];
  if (Number.isInteger(value) && Math.abs(value) < 1e22) spellings.push(BigInt(value).toString());
  return random.pick(spellings);
}

function pieces(random: Random): Piece[] {
  const out: Piece[] = [];
  for (let n = random.int(6); n > 0; n -= 1) {
    const roll = random.next();
    if (roll < 0.45) out.push({ raw: random.next() < 0.03 ? random.pick(RARE_RAW) : random.pick(RAW) });
    else if (roll < 0.6) out.push({ short: random.pick(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']) });
    else if (roll < 0.7)
      out.push(
        { unit: 0xd800 + random.int(0x400), upper: false },
        { unit: 0xdc00 + random.int(0x400), upper: true },
      );
    else
      out.push({
        unit: random.next() < 0.7 ? random.pick(UNITS) : random.int(0x10000),
        upper: random.next() < 0.5,
      });
  }
  return out;
}

const KEYS: Piece[][] = [
  [{ raw: 'a' }],
  [{ unit: 0x61, upper: false }],
  [{ raw: 'b' }],
  [{ raw: '10' }],
  [{ raw: '2' }],
  [],
  [{ raw: '__proto__' }],
  [{ unit: 0xd800, upper: false }],
  [{ unit: 0xdc00, upper: true }],
  [{ raw: 'é' }],
  [{ raw: '😀' }],
];

export function generate(random: Random, depth: number, root = false): Doc {
  const roll = random.next();
  if (root || (depth > 0 && roll < 0.35)) {
    const entries: [Piece[], Doc][] = [];
    for (let n = random.int(5); n > 0; n -= 1) {
      entries.push([random.next() < 0.5 ? random.pick(KEYS) : pieces(random), generate(random, depth - 1)]);
    }
    return { kind: 'object', entries };
  }
  if (depth > 0 && roll < 0.5) {
    return { kind: 'array', items: Array.from({ length: random.int(4) }, () => generate(random, depth - 1)) };
  }
  if (roll < 0.72) return { kind: 'number', literal: numberLiteral(random) };
  if (roll < 0.92) return { kind: 'string', pieces: pieces(random) };
  return { kind: 'word', word: random.pick(['true', 'false', 'null'] as const) };
}

function spellPieces(list: Piece[]): string {
  return `"${list
    .map((piece) => {
      if ('raw' in piece) return piece.raw;
      if ('short' in piece) return `\\${piece.short}`;
      const hex = piece.unit.toString(16).padStart(4, '0');
      return `\\u${piece.upper ? hex.toUpperCase() : hex}`;
    })
    .join('')}"`;
}

export function spell(doc: Doc, layout: Layout, random: Random, indent = ''): string {
  const gap = () =>
    layout === 'spaced'
      ? Array.from({ length: random.int(3) }, () => random.pick([' ', '\t', '\n', '\r'])).join('')
      : '';
  const inner = `${indent}  `;
  const open = (items: string[], left: string, right: string) => {
    if (items.length === 0) return `${left}${gap()}${right}`;
    if (layout === 'pretty')
      return `${left}\n${items.map((item) => inner + item).join(',\n')}\n${indent}${right}`;
    return `${left}${gap()}${items.join(`${gap()},${gap()}`)}${gap()}${right}`;
  };
  switch (doc.kind) {
    case 'number':
      return doc.literal;
    case 'string':
      return spellPieces(doc.pieces);
    case 'word':
      return doc.word;
    case 'array':
      return open(
        doc.items.map((item) => spell(item, layout, random, inner)),
        '[',
        ']',
      );
    case 'object':
      return open(
        doc.entries.map(
          ([key, value]) =>
            `${spellPieces(key)}${gap()}:${layout === 'pretty' ? ' ' : gap()}${spell(value, layout, random, inner)}`,
        ),
        '{',
        '}',
      );
  }
}
