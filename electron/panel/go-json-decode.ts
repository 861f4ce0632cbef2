// What Go's `json.Unmarshal` into `any` / `map[string]any` makes of a stored JSON text — the
// panel's seeders decode every row that way, so a row is usable exactly when Go's decoder accepts it.
// Go (1.25) and JSON.parse agree on the grammar (RFC 8259: whitespace is space, \t, \n, \r; strict
// numbers; no control characters in strings; nothing after the value), and both keep the LAST of
// duplicate keys. They differ in four places, which decide everything here:
//   * a number outside float64's range (1e400) is an error in Go (the row is skipped), Infinity in JS;
//   * more than 10000 nested arrays/objects is an error in Go ("exceeded max depth");
//   * a lone surrogate escape (\ud800) becomes U+FFFD in Go, a lone UTF-16 unit in JS;
//   * invalid UTF-8 becomes U+FFFD per bad byte in Go. sql.js has already turned the stored bytes
//     into a JS string; a lone surrogate unit in it stands for such bytes (three, as `ed a0 80`),
//     and steps never rewrite a row whose bytes are not UTF-8 (json-column.ts), so this is only
//     what the row means, not what gets written.
// So: JSON.parse, one pass over the text and one walk over the result to rule those cases out (about
// 2-3× JSON.parse's time); a text that may hold one of them goes through the exact scanner below
// (about 6×), which also words the reason as Go's error would.

export type GoDecoded = { ok: true; value: unknown } | { ok: false; reason: string };

/** Go's encoding/json maxNestingDepth. */
export const GO_MAX_DEPTH = 10000;

export function goUnmarshal(text: string): GoDecoded {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return decodeExactly(text);
  }
  return plainText(text) && plainlyGo(value) ? { ok: true, value } : decodeExactly(text);
}

/**
 * False when valid JSON text may decode differently in Go than JSON.parse shows: it has a surrogate
 * \u escape or a raw lone surrogate unit (JSON.parse may pair a raw unit with an escaped one, which
 * Go never does), or a number with a 3-digit exponent or 200 integer digits (any number beyond
 * float64 has one; a value a duplicate key overwrote is gone from JSON.parse's result, yet Go fails
 * on it). One pass of charCodeAt: regular expressions over megabytes are several times slower.
 */
function plainText(text: string): boolean {
  let inString = false;
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 34) inString = false;
      else if (c === 92) {
        const next = text.charCodeAt(i + 1);
        const d = text.charCodeAt(i + 2);
        const high = text.charCodeAt(i + 3);
        if (next === 117 && (d === 100 || d === 68) && hexValue(high) >= 8) return false;
        i += 1;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        if (c > 0xdbff || (text.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return false;
        i += 1;
      }
    } else if (c >= 48 && c <= 57) {
      digits += 1;
      if (digits >= 200) return false;
    } else {
      digits = 0;
      if (c === 34) inString = true;
      else if (c === 101 || c === 69) {
        let j = i + 1;
        const sign = text.charCodeAt(j);
        if (sign === 43 || sign === 45) j += 1;
        if (isDigit(text.charCodeAt(j)) && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)))
          return false;
      }
    }
  }
  return true;
}

/** True when JSON.parse's result (of a plainText text) is Go's too: finite numbers, depth ≤ 10000. */
function plainlyGo(root: unknown): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, depth] = item;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return false;
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= GO_MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (const element of value) stack.push([element, depth + 1]);
      } else {
        for (const element of Object.values(value)) stack.push([element, depth + 1]);
      }
    }
  }
  return true;
}

class GoSyntaxError extends Error {}

type Frame = { array: unknown[] } | { object: Record<string, unknown>; key: string };

/**
 * Go's scanner and decoder, one pass, no recursion (10000 levels must not exhaust the stack).
 * A syntax error anywhere wins over an out-of-range number, as Go checks the syntax first.
 * Exported so tests can hold goUnmarshal's fast path against it.
 */
export function decodeExactly(text: string): GoDecoded {
  let pos = 0;
  let rangeError: string | null = null;
  const fail = (what: string): never => {
    throw new GoSyntaxError(
      pos >= text.length
        ? 'unexpected end of JSON input'
        : `invalid character ${quoteChar(text, pos)} ${what}`,
    );
  };
  const skipSpace = () => {
    for (let c = text.charCodeAt(pos); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(pos))
      pos += 1;
  };

  const readString = (): string => {
    pos += 1; // the opening quote
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('in string literal');
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c < 0x20) fail('in string literal');
      if (c === 92) {
        out += text.slice(start, pos);
        out += readEscape();
        start = pos;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const pair = c <= 0xdbff && (text.charCodeAt(pos + 1) & 0xfc00) === 0xdc00;
        if (pair) pos += 2;
        else {
          out += `${text.slice(start, pos)}\uFFFD\uFFFD\uFFFD`; // the three bytes Go would see
          pos += 1;
          start = pos;
        }
      } else pos += 1;
    }
    out += text.slice(start, pos);
    pos += 1;
    return out;
  };

  const readHex4 = (): number => {
    let code = 0;
    for (let i = 0; i < 4; i += 1) {
      const digit = hexValue(text.charCodeAt(pos));
      if (digit < 0) fail('in \\u hexadecimal character escape');
      code = code * 16 + digit;
      pos += 1;
    }
    return code;
  };

  const readEscape = (): string => {
    pos += 1; // the backslash
    const c = text[pos];
    const simple = c === undefined ? undefined : SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      pos += 1;
      return simple;
    }
    if (c !== 'u') fail('in string escape code');
    pos += 1;
    const unit = readHex4();
    if (unit < 0xd800 || unit > 0xdfff) return String.fromCharCode(unit);
    // Go pairs a surrogate only with an immediately following \u escape of the other half;
    // otherwise it writes U+FFFD and leaves whatever follows to be read on its own.
    if (unit <= 0xdbff && text.startsWith('\\u', pos)) {
      const mark = pos;
      pos += 2;
      const low = readHex4();
      if (low >= 0xdc00 && low <= 0xdfff) return String.fromCharCode(unit, low);
      pos = mark;
    }
    return '\uFFFD';
  };

  const readNumber = (): number => {
    const start = pos;
    if (text[pos] === '-') pos += 1;
    if (text[pos] === '0') pos += 1;
    else if (isDigit19(text.charCodeAt(pos))) while (isDigit(text.charCodeAt(pos))) pos += 1;
    else fail('in numeric literal');
    if (text[pos] === '.') {
      pos += 1;
      if (!isDigit(text.charCodeAt(pos))) fail('after decimal point in numeric literal');
      while (isDigit(text.charCodeAt(pos))) pos += 1;
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      pos += 1;
      if (text[pos] === '+' || text[pos] === '-') pos += 1;
      if (!isDigit(text.charCodeAt(pos))) fail('in exponent of numeric literal');
      while (isDigit(text.charCodeAt(pos))) pos += 1;
    }
    const literal = text.slice(start, pos);
    const value = Number(literal);
    if (!Number.isFinite(value)) {
      // strconv.ParseFloat's range error: Go records it, finishes the scan, then fails the decode.
      rangeError ??= `json: cannot unmarshal number ${literal} into Go value of type float64`;
      return 0;
    }
    return value;
  };

  const readLiteral = (word: string, value: unknown): unknown => {
    for (let i = 0; i < word.length; i += 1, pos += 1) {
      if (text[pos] !== word[i]) fail(`in literal ${word} (expecting '${word[i] ?? ''}')`);
    }
    return value;
  };

  const stack: Frame[] = [];
  /** Reads a scalar, or opens a container (returning undefined and pushing a frame). */
  const beginValue = (): { value: unknown } | undefined => {
    skipSpace();
    const c = text[pos];
    if (c === '{' || c === '[') {
      if (stack.length >= GO_MAX_DEPTH) throw new GoSyntaxError('exceeded max depth');
      pos += 1;
      skipSpace();
      if (c === '[') {
        if (text[pos] === ']') {
          pos += 1;
          return { value: [] };
        }
        stack.push({ array: [] });
        return undefined;
      }
      if (text[pos] === '}') {
        pos += 1;
        return { value: {} };
      }
      stack.push({ object: {}, key: readKey() });
      return undefined;
    }
    if (c === '"') return { value: readString() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return { value: readNumber() };
    if (c === 't') return { value: readLiteral('true', true) };
    if (c === 'f') return { value: readLiteral('false', false) };
    if (c === 'n') return { value: readLiteral('null', null) };
    return fail('looking for beginning of value');
  };
  const readKey = (): string => {
    if (text[pos] !== '"') fail('looking for beginning of object key string');
    const key = readString();
    skipSpace();
    if (text[pos] !== ':') fail('after object key');
    pos += 1;
    return key;
  };

  try {
    let done: unknown;
    let finished = false;
    let next = beginValue();
    while (!finished) {
      if (next === undefined) {
        next = beginValue();
        continue;
      }
      const frame = stack[stack.length - 1];
      if (frame === undefined) {
        done = next.value;
        finished = true;
        continue;
      }
      if ('array' in frame) frame.array.push(next.value);
      else setKey(frame.object, frame.key, next.value);
      skipSpace();
      const c = text[pos];
      pos += 1;
      if (c === ',') {
        if ('object' in frame) {
          skipSpace();
          frame.key = readKey();
        }
        next = undefined;
      } else if (c === ('array' in frame ? ']' : '}')) {
        stack.pop();
        next = { value: 'array' in frame ? frame.array : frame.object };
      } else {
        pos -= 1;
        fail('array' in frame ? 'after array element' : 'after object key:value pair');
      }
    }
    skipSpace();
    if (pos < text.length) fail('after top-level value');
    return rangeError === null ? { ok: true, value: done } : { ok: false, reason: rangeError };
  } catch (error) {
    if (error instanceof GoSyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Like JSON.parse: `__proto__` is an ordinary own key, never the prototype. */
function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else object[key] = value;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isDigit19 = (c: number) => c >= 49 && c <= 57;
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Go's scanner names the offending BYTE (a BOM shows as 'ï', its first byte 0xEF). */
function quoteChar(text: string, pos: number): string {
  const code = text.codePointAt(pos) ?? 0;
  if (code === 0x27) return "'\\''";
  if (code === 0x22) return "'\"'";
  if (code >= 0x80) {
    const first = Buffer.from(String.fromCodePoint(code), 'utf8')[0] ?? 0;
    return `'${String.fromCharCode(first)}'`;
  }
  if (code < 0x20 || code === 0x7f) {
    const named: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r' };
    const name = named[code];
    return `'\\${name ?? `x${code.toString(16).padStart(2, '0')}`}'`;
  }
  return `'${String.fromCharCode(code)}'`;
}
