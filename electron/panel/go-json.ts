// The panel's Go seeders write JSON with encoding/json (Go 1.25) on map[string]any: compact, keys
// sorted by byte order, < > & U+2028 U+2029 escaped, \b \f \n \r \t short-escaped (since Go 1.22),
// other control characters as \u00XX, float64 numbers as Go's floatEncoder formats them. Writing
// the same bytes keeps our results identical to what the panel itself would have stored.
// Reading is Go's decoder (go-json-decode.ts): a text Go rejects is not JSON to a step.
import { goUnmarshal } from './go-json-decode';
import { isRecord } from '../shared/result';

export function goMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goMarshal).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareKeys(a, b));
    return `{${entries.map(([key, item]) => `${goString(key)}:${goMarshal(item)}`).join(',')}}`;
  }
  throw new TypeError(`cannot marshal a ${typeof value}`);
}

/** Go sorts map keys by their UTF-8 bytes. */
function compareKeys(a: string, b: string): number {
  // UTF-16 code-unit order is UTF-8 byte order unless a surrogate (U+D800–DFFF) meets a code unit
  // above it (U+E000–FFFF); only then are the keys compared as bytes.
  if (!HIGH_CODE_UNIT.test(a) && !HIGH_CODE_UNIT.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const HIGH_CODE_UNIT = /[\uD800-\uFFFF]/;
/** Characters goString escapes, and surrogates (lone ones are escaped): none → no loop. */
// [^ -\uFFFF] is every control character below U+0020 (spelled so the linter accepts it).
const NEEDS_LOOP = /["\\<>&\u2028\u2029\uD800-\uDFFF]|[^ -\uFFFF]/;

function goString(text: string): string {
  if (!NEEDS_LOOP.test(text)) return `"${text}"`;
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (
      code < 0x20 ||
      char === '<' ||
      char === '>' ||
      char === '&' ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate is not UTF-8; Go writes a string's invalid UTF-8 as the escape \ufffd.
      // (Decoded rows never hold one: goUnmarshal already made it U+FFFD.)
      out += '\\ufffd';
    } else out += char;
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * float64 as Go's floatEncoder writes it: strconv's shortest digits, 'f' format when
 * 1e-6 <= |x| < 1e21 (and for ±0, keeping the sign: -0), 'e' format otherwise, with Go's clean-up of
 * a one-digit negative exponent (e-07 → e-7). JavaScript's shortest digits are the same digits, its
 * plain notation covers exactly that range, and toExponential never pads the exponent: Go's result.
 */
function goNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError('JSON cannot hold NaN or Infinity');
  if (Object.is(value, -0)) return '-0';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return value.toExponential();
  return String(value);
}

/**
 * Parses JSON text from a panel column as Go's decoder does; undefined when Go would not decode it
 * (goUnmarshal gives the reason). A text the column starts with U+FEFF cannot be seen here (sql.js
 * drops a leading BOM when it reads a row): steps ask SQL (json-column.ts).
 */
export function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return undefined;
  const decoded = goUnmarshal(text);
  return decoded.ok ? decoded.value : undefined;
}

/** A JSON object as Go decodes into map[string]any. */
export const isPlainObject = isRecord;
