// One pass over a JSON column's text that answers, together, the three questions the health checks
// used to ask in three passes (issue 16: `check` at 100 MB spent ~0.9 s of its time in them):
//   * is it "plain" — no text in which Go's decoder may differ from JSON.parse (the same test as
//     go-json-decode.ts's plainText: surrogate \u escapes, lone surrogate units, a number with a
//     3-digit exponent or 200 integer digits);
//   * how many object members the text writes (the ':' characters outside strings);
//   * how deep arrays and objects nest in the text.
// A plain text nesting no deeper than Go's limit is one JSON.parse reads exactly as Go does: its
// numbers are finite (< 10^200 · 10^99) and the parsed value nests no deeper than the text, so the
// walk over the parsed value (plainlyGo) cannot fail on it and is skipped.
import { hexValue, isDigit } from '../panel/go-json-scanner';

export interface TextScan {
  /** False: Go may read the text differently; use the exact decoder. The other fields are then 0. */
  plain: boolean;
  /** ':' characters outside strings: one per object member written in valid JSON text. */
  colons: number;
  /** The deepest nesting of '[' and '{' outside strings. */
  depth: number;
}

const NOT_PLAIN: TextScan = { plain: false, colons: 0, depth: 0 };

/** For text JSON.parse accepted (on other text the counts mean nothing). */
export function scanJsonText(text: string): TextScan {
  let colons = 0;
  let level = 0;
  let deepest = 0;
  let digits = 0;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    let c = text.charCodeAt(i);
    if (c === 34) {
      // A string: to its closing quote, looking only at escapes and surrogate units.
      for (i += 1; i < length; i += 1) {
        c = text.charCodeAt(i);
        if (c === 34) break;
        if (c === 92) {
          const next = text.charCodeAt(i + 1);
          const d = text.charCodeAt(i + 2);
          if (next === 117 && (d === 100 || d === 68) && hexValue(text.charCodeAt(i + 3)) >= 8)
            return NOT_PLAIN;
          i += 1;
        } else if (c >= 0xd800 && c <= 0xdfff) {
          if (c > 0xdbff || (text.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return NOT_PLAIN;
          i += 1;
        }
      }
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      digits += 1;
      if (digits >= 200) return NOT_PLAIN;
    } else {
      digits = 0;
      if (c === 58) colons += 1;
      else if (c === 123 || c === 91) {
        level += 1;
        if (level > deepest) deepest = level;
      } else if (c === 125 || c === 93) level -= 1;
      else if (c === 101 || c === 69) {
        let j = i + 1;
        const sign = text.charCodeAt(j);
        if (sign === 43 || sign === 45) j += 1;
        if (isDigit(text.charCodeAt(j)) && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)))
          return NOT_PLAIN;
      }
    }
  }
  return { plain: true, colons, depth: deepest };
}

const isSpace = (c: number | undefined) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * True for stored bytes that are a JSON array of plain strings — `["10.0.0.1", "…"]`, the shape
 * of every inbound_client_ips row: JSON whitespace, strings of printable ASCII with no escape. Go
 * and JSON.parse read such text alike, it has no object and nests one level: no check can find
 * anything in it, so `check` looks at the bytes only and never makes a string of them.
 */
export function isPlainStringArray(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let i = 0;
  while (isSpace(bytes[i])) i += 1;
  if (bytes[i] !== 91) return false;
  i += 1;
  while (isSpace(bytes[i])) i += 1;
  if (bytes[i] !== 93) {
    for (;;) {
      if (bytes[i] !== 34) return false;
      for (i += 1; i < length; i += 1) {
        const c = bytes[i] ?? 0;
        if (c === 34) break;
        if (c < 32 || c > 126 || c === 92) return false;
      }
      if (i >= length) return false;
      i += 1;
      while (isSpace(bytes[i])) i += 1;
      if (bytes[i] === 93) break;
      if (bytes[i] !== 44) return false;
      i += 1;
      while (isSpace(bytes[i])) i += 1;
    }
  }
  i += 1;
  while (isSpace(bytes[i])) i += 1;
  return i === length;
}
