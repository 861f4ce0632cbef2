// Property: for generated panel-like JSON texts — random nesting, keys that collide (also after
// decoding), every kind of character and escape (controls, HTML-sensitive, U+2028/9, BOM, astral,
// paired and lone surrogates), numbers at float64's edges in many spellings, compact, loosely spaced
// or pretty layout — goUnmarshal → goMarshal gives exactly what a second, independent model of Go's
// rules predicts, and rejects exactly when that model says Go's decoder fails.
// The model works differently from the production code on purpose: strings are escaped byte by byte
// over their UTF-8 (as Go's appendString loops), shortest float digits come from toPrecision with
// neighbour candidates, and the layout follows strconv's 'e' format padded to two exponent digits
// and then cleaned up as floatEncoder does.
import { describe, expect, it } from 'vitest';
import { decodeExactly, goUnmarshal } from '../../electron/panel/go-json-decode';
import { goMarshal } from '../../electron/panel/go-json';

type Piece = { raw: string } | { short: string } | { unit: number; upper: boolean };
type Doc =
  | { kind: 'number'; literal: string }
  | { kind: 'string'; pieces: Piece[] }
  | { kind: 'word'; word: 'true' | 'false' | 'null' }
  | { kind: 'array'; items: Doc[] }
  | { kind: 'object'; entries: [Piece[], Doc][] };
type Layout = 'compact' | 'spaced' | 'pretty';

/** mulberry32: small, seedable, good enough to spread cases. */
function prng(seed: number) {
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
type Random = ReturnType<typeof prng>;

// ---- the model of Go ----------------------------------------------------------------------------

/** decode.go unquote: a \u surrogate pairs only with an immediately following \u of the other half. */
function modelDecodeString(pieces: Piece[]): string {
  const points: number[] = [];
  for (let i = 0; i < pieces.length; i += 1) {
    const piece = pieces[i] as Piece;
    if ('raw' in piece) {
      // Neighbouring raw pieces are one run of text: two lone units side by side can be a pair.
      let run = piece.raw;
      for (let next = pieces[i + 1]; next !== undefined && 'raw' in next; next = pieces[i + 1]) {
        run += next.raw;
        i += 1;
      }
      for (const char of run) {
        const code = char.codePointAt(0) ?? 0;
        // A lone surrogate unit stands for three bytes that are not UTF-8: one U+FFFD per byte.
        if (code >= 0xd800 && code <= 0xdfff) points.push(0xfffd, 0xfffd, 0xfffd);
        else points.push(code);
      }
    } else if ('short' in piece) {
      points.push(
        ({ b: 8, f: 12, n: 10, r: 13, t: 9 } as Record<string, number>)[piece.short] ??
          piece.short.charCodeAt(0),
      );
    } else if (piece.unit < 0xd800 || piece.unit > 0xdfff) {
      points.push(piece.unit);
    } else {
      const after = pieces[i + 1];
      const low = after !== undefined && 'unit' in after ? after.unit : -1;
      if (piece.unit <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        points.push(0x10000 + ((piece.unit - 0xd800) << 10) + (low - 0xdc00));
        i += 1;
      } else points.push(0xfffd);
    }
  }
  return String.fromCodePoint(...points);
}

/** encode.go appendString with escapeHTML, over the UTF-8 bytes. */
function modelQuote(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const out: number[] = [0x22];
  const ascii = (s: string) => out.push(...Buffer.from(s, 'latin1'));
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      const short = { 0x22: '\\"', 0x5c: '\\\\', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t' }[b];
      if (short !== undefined) ascii(short);
      else if (b < 0x20 || b === 0x3c || b === 0x3e || b === 0x26)
        ascii(`\\u00${b.toString(16).padStart(2, '0')}`);
      else out.push(b);
      i += 1;
      continue;
    }
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    if (b === 0xe2 && bytes[i + 1] === 0x80 && (bytes[i + 2] === 0xa8 || bytes[i + 2] === 0xa9)) {
      ascii(bytes[i + 2] === 0xa8 ? '\\u2028' : '\\u2029');
    } else out.push(...bytes.subarray(i, i + size));
    i += size;
  }
  out.push(0x22);
  return Buffer.from(out).toString('utf8');
}

/** a (> 0, finite) exactly, as m × 2^k. */
function exactBinary(a: number): { m: bigint; k: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { m: fraction, k: -1074 } : { m: fraction | (1n << 52n), k: biased - 1075 };
}

/**
 * Shortest digits c × 10^e that read back as `a` (> 0): for p = 1, 2, … the p-digit candidates
 * around toPrecision(p) that parse back to `a`; of those, the one nearest the exact value, and on a
 * tie the even one (how strconv rounds an exact halfway case; toPrecision rounds it up instead).
 */
function shortestDigits(a: number): { digits: string; point: number } {
  const { m, k } = exactBinary(a);
  for (let p = 1; p <= 17; p += 1) {
    const [mantissa = '', exponent = '0'] = a.toPrecision(p).split('e');
    const [whole = '', fraction = ''] = mantissa.split('.');
    const c = BigInt(whole + fraction);
    const e = Number(exponent) - fraction.length;
    // |c × 10^e − m × 2^k| over a common denominator, exact in BigInt.
    const scale10 = e >= 0 ? 10n ** BigInt(e) : 1n;
    const down10 = e < 0 ? 10n ** BigInt(-e) : 1n;
    const scale2 = k >= 0 ? 1n << BigInt(k) : 1n;
    const down2 = k < 0 ? 1n << BigInt(-k) : 1n;
    const distance = (candidate: bigint) => {
      const diff = candidate * scale10 * down2 - m * scale2 * down10;
      return diff < 0n ? -diff : diff;
    };
    const fits = [c - 1n, c, c + 1n].filter(
      (candidate) => candidate > 0n && Number(`${candidate}e${e}`) === a,
    );
    if (fits.length === 0) continue;
    fits.sort((x, y) => {
      const dx = distance(x);
      const dy = distance(y);
      if (dx !== dy) return dx < dy ? -1 : 1;
      return Number(x % 2n) - Number(y % 2n);
    });
    const text = (fits[0] as bigint).toString();
    return { digits: text.replace(/0+$/, ''), point: text.length + e };
  }
  throw new Error(`no shortest digits for ${a}`);
}

/** encode.go floatEncoder for float64. */
function modelFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  const { digits, point } = shortestDigits(a);
  if (a >= 1e-6 && a < 1e21) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const exponent = point - 1;
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const padded = `${digits[0] ?? ''}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return sign + padded.replace(/e-0(\d)$/, 'e-$1'); // floatEncoder's clean-up of e-09 to e-9
}

/** Go's result: Marshal of what Unmarshal gives, or null when Unmarshal fails. */
function modelGo(doc: Doc): string | null {
  switch (doc.kind) {
    case 'number': {
      const value = Number(doc.literal);
      return Number.isFinite(value) ? modelFloat(value) : null;
    }
    case 'string':
      return modelQuote(modelDecodeString(doc.pieces));
    case 'word':
      return doc.word;
    case 'array': {
      const items = doc.items.map(modelGo);
      return items.includes(null) ? null : `[${items.join(',')}]`;
    }
    case 'object': {
      const members = new Map<string, string | null>();
      for (const [key, value] of doc.entries) members.set(modelDecodeString(key), modelGo(value));
      if ([...doc.entries].some(([, value]) => modelGo(value) === null)) return null;
      const keys = [...members.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      return `{${keys.map((key) => `${modelQuote(key)}:${members.get(key) ?? ''}`).join(',')}}`;
    }
  }
}

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

function generate(random: Random, depth: number, root = false): Doc {
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

function spell(doc: Doc, layout: Layout, random: Random, indent = ''): string {
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

// ---- the properties -------------------------------------------------------------------------------

const SEED = Number(process.env.GO_JSON_SEED ?? 20261202);
const RUNS = 1500;

describe('goUnmarshal → goMarshal against an independent model of Go 1.25 (seed %s)', () => {
  it(`agrees on ${RUNS} generated documents in three layouts (seed ${SEED})`, () => {
    const random = prng(SEED);
    let accepted = 0;
    let rejected = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const doc = generate(random, 1 + random.int(5), true);
      const expected = modelGo(doc);
      const layout = random.pick(['compact', 'spaced', 'pretty'] as const);
      const text = spell(doc, layout, random);
      const context = `run ${run} (seed ${SEED}), ${layout}: ${JSON.stringify(text)}`;
      const fast = goUnmarshal(text);
      const exact = decodeExactly(text);
      expect(fast.ok, context).toBe(expected !== null);
      expect(exact.ok, context).toBe(expected !== null);
      if (fast.ok && exact.ok) {
        expect(goMarshal(fast.value), context).toBe(expected);
        expect(goMarshal(exact.value), context).toBe(expected);
        // Go's output is a fixed point: decoding and encoding it again changes nothing.
        const again = goUnmarshal(goMarshal(fast.value));
        expect(again.ok && goMarshal(again.value), context).toBe(expected);
        accepted += 1;
      } else rejected += 1;
    }
    // Both outcomes must be exercised, or the property proves little.
    expect(accepted).toBeGreaterThan(RUNS / 3);
    expect(rejected).toBeGreaterThan(RUNS / 50);
  });

  it('rejects every corruption Go rejects: BOM or no-break space in front, garbage after, any truncation', () => {
    const random = prng(SEED + 1);
    for (let run = 0; run < 400; run += 1) {
      const doc = generate(random, 1 + random.int(4), true);
      const text = spell(doc, random.pick(['compact', 'spaced', 'pretty'] as const), random);
      const corrupt = random.pick([
        `\uFEFF${text}`,
        `\u00a0${text}`,
        `${text}${random.pick([' x', ',', '}', ' {}', '\u000b'])}`,
        text.slice(0, 1 + random.int(text.length - 1)),
      ]);
      const context = `run ${run} (seed ${SEED + 1}): ${JSON.stringify(corrupt)}`;
      expect(goUnmarshal(corrupt).ok, context).toBe(false);
      expect(decodeExactly(corrupt).ok, context).toBe(false);
    }
  });
});
