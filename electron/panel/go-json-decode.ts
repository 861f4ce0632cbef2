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
// 2-3× JSON.parse's time); a text that may hold one of them goes through the exact scanner
// (go-json-scanner.ts, about 6×), which also words the reason as Go's error would.
import { decodeExactly, GO_MAX_DEPTH, hexValue, isDigit, type GoDecoded } from './go-json-scanner';

export { decodeExactly, GO_MAX_DEPTH, type GoDecoded };

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
