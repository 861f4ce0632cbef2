// Go's encoding/json decoder (1.25) on one JSON text, exactly: the scanner's grammar and error texts
// (scanner.go), unquote's surrogate and escape rules (decode.go), strconv.ParseFloat's range error,
// maxNestingDepth. Slower than JSON.parse; go-json-decode.ts uses it only where the two may differ.

export type GoDecoded = { ok: true; value: unknown } | { ok: false; reason: string };

/** Go's encoding/json maxNestingDepth. */
export const GO_MAX_DEPTH = 10000;

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

export const isDigit = (c: number) => c >= 48 && c <= 57;
const isDigit19 = (c: number) => c >= 49 && c <= 57;
export function hexValue(c: number): number {
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
