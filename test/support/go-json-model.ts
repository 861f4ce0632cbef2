// An independent model of Go 1.25's encoding/json on generated documents, for the property test
// in test/migrations/go-json.property.test.ts. It works differently from the production code on
// purpose: strings are escaped byte by byte over their UTF-8 (as Go's appendString loops), shortest
// float digits come from toPrecision with neighbour candidates and an exact BigInt tie-break, and the
// layout follows strconv's 'e' format padded to two exponent digits, then cleaned up as floatEncoder does.

export type Piece = { raw: string } | { short: string } | { unit: number; upper: boolean };
export type Doc =
  | { kind: 'number'; literal: string }
  | { kind: 'string'; pieces: Piece[] }
  | { kind: 'word'; word: 'true' | 'false' | 'null' }
  | { kind: 'array'; items: Doc[] }
  | { kind: 'object'; entries: [Piece[], Doc][] };
export type Layout = 'compact' | 'spaced' | 'pretty';

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
export function modelGo(doc: Doc): string | null {
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
