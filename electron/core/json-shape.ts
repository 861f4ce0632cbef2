// Whether a JSON column's text is strict JSON with unique keys, decided with the engine's native
// JSON.parse and one scan of the text instead of a tokenizer written in JavaScript (the inbounds of
// a 100 MB panel hold ~50 MB of JSON: the jsonc-parser walk took seconds, this takes tens of ms).
//
// Duplicate keys without a set of keys per object: in JSON text every ':' outside a string separates
// one object member, and JSON.parse keeps one member per distinct key. So the text has a duplicate
// key exactly when it has more member colons than the parsed value has members.

import { decodeExactly, GO_MAX_DEPTH, goUnmarshal, type GoDecoded } from '../panel/go-json-decode';
import { scanJsonText } from './json-text-scan';

/** What Go's decoder (the panel, Xray) makes of a column: not JSON to it, a repeated key, or too deep. */
export type JsonProblem = 'invalid-json' | 'duplicate-keys' | 'too-deep';

const QUOTE = '"';
const BACKSLASH = 92;

/** Object members written in valid JSON text: the ':' characters outside strings. */
export function memberCountOfText(text: string): number {
  let count = 0;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const quote = text.indexOf(QUOTE, index);
    const end = quote === -1 ? length : quote;
    for (
      let colon = text.indexOf(':', index);
      colon !== -1 && colon < end;
      colon = text.indexOf(':', colon + 1)
    )
      count += 1;
    if (quote === -1) break;
    // The closing quote is the next one not escaped by an odd run of backslashes.
    let close = quote + 1;
    for (;;) {
      close = text.indexOf(QUOTE, close);
      if (close === -1) return count; // unterminated: JSON.parse already refused such text
      let backslashes = 0;
      while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes += 1;
      if (backslashes % 2 === 0) break;
      close += 1;
    }
    index = close + 1;
  }
  return count;
}

/** Members of every object inside a parsed JSON value (no recursion: 10,000 levels are allowed). */
export function memberCountOfValue(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key in value) {
      count += 1;
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return count;
}

export interface JsonShape {
  /** The parsed value; undefined when the text is not JSON. */
  value: unknown;
  problem: JsonProblem | null;
}

/**
 * Parses `text` once, as Go's decoder would (native JSON.parse, with Go's own decoder only where the
 * two could differ: numbers beyond float64, depth over 10,000, lone surrogates), and says whether it
 * is invalid to Go, too deep, or repeats a key. `bom`: the stored text starts with U+FEFF, which
 * sql.js drops when it reads it and Go's decoder rejects.
 */
export function jsonShapeOf(text: string, bom = false): JsonShape {
  if (bom) return { value: undefined, problem: 'invalid-json' };
  const { decoded, duplicateKeys } = decodeWithKeys(text);
  if (!decoded.ok) {
    return { value: undefined, problem: /max depth/.test(decoded.reason) ? 'too-deep' : 'invalid-json' };
  }
  return { value: decoded.value, problem: duplicateKeys() ? 'duplicate-keys' : null };
}

/** For text that JSON.parse turned into `value`: does it hold a key twice in one object? */
export function duplicateKeysIn(text: string, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return memberCountOfText(text) !== memberCountOfValue(value);
}

/** Go's decoding of a text, and whether it repeats a key — asked only when the answer matters. */
export interface DecodedWithKeys {
  /** Exactly goUnmarshal(text): the value, or Go's error. */
  decoded: GoDecoded;
  /** Exactly what a key-by-key scan with Go's key decoding says; ask before the value is changed. */
  duplicateKeys(): boolean;
}

/**
 * goUnmarshal's answer, from one JSON.parse and one scan of the text where those vouch for it (as
 * jsonShapeOf), and the duplicate-key question answered by counting members instead of keeping a
 * set of keys per object (migration 3: ~0.45 s for the 21 MB of XHTTP settings of a 100 MB panel).
 */
export function decodeWithKeys(text: string): DecodedWithKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return exactly(text, decodeExactly(text));
  }
  // One scan for Go-compatibility, member colons and depth (json-text-scan.ts); where it cannot vouch
  // for the text, goUnmarshal decides exactly as before.
  const scan = scanJsonText(text);
  if (!scan.plain || scan.depth > GO_MAX_DEPTH) return exactly(text, goUnmarshal(text));
  // No member colon: no object member anywhere, so none repeated (and no walk over the value).
  return {
    decoded: { ok: true, value: parsed },
    duplicateKeys: () =>
      typeof parsed === 'object' &&
      parsed !== null &&
      scan.colons > 0 &&
      scan.colons !== memberCountOfValue(parsed),
  };
}

function exactly(text: string, decoded: GoDecoded): DecodedWithKeys {
  // Go's value already merged the keys Go reads as one (two lone-surrogate escapes are both U+FFFD).
  return { decoded, duplicateKeys: () => decoded.ok && duplicateKeysIn(text, decoded.value) };
}
