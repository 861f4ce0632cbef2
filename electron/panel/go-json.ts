// The panel's Go seeders write JSON with encoding/json on map[string]any: compact, keys sorted by
// byte order, and < > & U+2028 U+2029 escaped. Writing the same bytes keeps our results identical
// to what the panel itself would have stored.

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
/** Characters goString escapes, and lone surrogates (which it writes as they are): none → no loop. */
// [^ -\uFFFF] is every control character below U+0020 (spelled so the linter accepts it).
const NEEDS_LOOP = /["\\<>&\u2028\u2029\uD800-\uDFFF]|[^ -\uFFFF]/;

function goString(text: string): string {
  if (!NEEDS_LOOP.test(text)) return `"${text}"`;
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (
      code < 0x20 ||
      char === '<' ||
      char === '>' ||
      char === '&' ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return `${out}"`;
}

/** float64 formatting as Go's encoding/json does it: plain digits below 1e21, exponent form beyond. */
function goNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError('JSON cannot hold NaN or Infinity');
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: strconv 'e' format with at least two exponent digits, e.g. 1e+21, 1e-07.
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(value);
}

/** Parses JSON text from a panel column; undefined when it is not valid JSON. */
export function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
