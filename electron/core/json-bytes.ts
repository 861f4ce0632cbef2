// Go's reading of a JSON column straight from its stored UTF-8 bytes, for the common text where
// JSON.parse vouches for it without help (issue 16: at 100 MB `check` spent ~0.2 s decoding ~60 MB
// of inbound JSON to UTF-16 and ~0.2 s scanning the decoded text again for Go-compatibility).
//
// The bytes are read as a one-byte string (one char per byte, no decoding), with each run of non-
// ASCII bytes — whole UTF-8 characters, as the bytes are valid UTF-8 — written as \u escapes of its
// characters: JSON.parse then makes exactly the strings it makes of the decoded text (a run right
// after a backslash would change what that backslash escapes: such text is not vouched for). Then:
//   * valid UTF-8 and no surrogate \u escape: no lone surrogate, the one string difference from Go;
//   * every '"' not escaped by an odd run of backslashes opens or closes a string, so the text writes
//     half that many strings, keys included; the parsed value holds one per member and string value,
//     fewer exactly when a repeated key was dropped — so equal counts mean no repeated key;
//   * nothing dropped: every number of the text is in the value (finite: no float64 overflow) and
//     the value nests exactly as deep as the text.
// Anything else (a repeated key, not JSON, out-of-range numbers, too deep, not UTF-8) is left to
// jsonShapeOf on sql.js's decoding of the text, which words Go's answer.
import { isAscii, isUtf8 } from 'node:buffer';
import { GO_MAX_DEPTH } from '../panel/go-json-decode';
import type { JsonShape } from './json-shape';

const BACKSLASH = 92;
const QUOTE = 34;
/** A \u escape of a surrogate (or a backslash-u a backslash escapes: not vouched for either). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Chunks isAscii (native) clears before the bytes of a chunk are looked at one by one. */
const COARSE = 4096;
const FINE = 256;

/** [start, end) of every run of bytes >= 0x80. */
function nonAsciiRuns(bytes: Uint8Array): number[] {
  const runs: number[] = [];
  const length = bytes.length;
  let from = 0; // runs end before `from`: a run may cross a chunk's end
  for (let coarse = 0; coarse < length; coarse += COARSE) {
    const coarseEnd = Math.min(length, coarse + COARSE);
    if (coarseEnd <= from || isAscii(bytes.subarray(Math.max(coarse, from), coarseEnd))) continue;
    for (let fine = Math.max(coarse, from); fine < coarseEnd; fine += FINE) {
      const fineEnd = Math.min(coarseEnd, fine + FINE);
      if (fineEnd <= from || isAscii(bytes.subarray(Math.max(fine, from), fineEnd))) continue;
      for (let i = Math.max(fine, from); i < fineEnd; i += 1) {
        if ((bytes[i] ?? 0) < 0x80) continue;
        let end = i + 1;
        while (end < length && (bytes[end] ?? 0) >= 0x80) end += 1;
        runs.push(i, end);
        from = end;
        i = end;
      }
    }
  }
  return runs;
}

function escaped(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1)
    out += `\\u${(0x10000 + text.charCodeAt(i)).toString(16).slice(1)}`;
  return out;
}

/**
 * The text JSON.parse reads as it reads the decoded bytes: ASCII, non-ASCII characters escaped;
 * undefined when a run follows a backslash.
 */
function asciiSource(bytes: Buffer, oneByte: string): string | undefined {
  const runs = nonAsciiRuns(bytes);
  let source = '';
  let at = 0;
  for (let i = 0; i < runs.length; i += 2) {
    const start = runs[i] ?? 0;
    const end = runs[i + 1] ?? 0;
    if (bytes[start - 1] === BACKSLASH) return undefined;
    source += oneByte.slice(at, start) + escaped(bytes.toString('utf8', start, end));
    at = end;
  }
  return source + oneByte.slice(at);
}

const addLanes = (lanes: number) =>
  (lanes & 0xff) + ((lanes >>> 8) & 0xff) + ((lanes >>> 16) & 0xff) + ((lanes >>> 24) & 0xff);

/**
 * The '"' bytes, four at a time (one JavaScript step per word instead of one search per quote: the
 * inbound JSON of a 100 MB panel has ~7.5 million).
 */
function quoteBytesIn(bytes: Uint8Array): number {
  let count = 0;
  let i = 0;
  const length = bytes.length;
  for (; i < length && (bytes.byteOffset + i) % 4 !== 0; i += 1) if (bytes[i] === QUOTE) count += 1;
  const wordCount = (length - i) >>> 2;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, wordCount);
  let lanes = 0;
  for (let k = 0; k < wordCount; k += 1) {
    // A zero byte where a quote was; then each zero byte's lane gets 1: the high bit of a lane is
    // set by (x & 0x7f) + 0x7f unless its low 7 bits are 0, or by x itself, with no carry between
    // lanes. Literals, not module constants: those cost a check per use in this loop.
    const x = (words[k] as number) ^ 0x22222222;
    lanes += ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f) >>> 7;
    // Added up every 128 words, before a lane (at most 255) can overflow.
    if ((k & 127) === 127) {
      count += addLanes(lanes);
      lanes = 0;
    }
  }
  count += addLanes(lanes);
  for (i += wordCount * 4; i < length; i += 1) if (bytes[i] === QUOTE) count += 1;
  return count;
}

/** The '"' characters that delimit strings (`text` is `bytes` one char per byte). */
function stringQuotesIn(bytes: Uint8Array, text: string, backslashes: boolean): number {
  let count = quoteBytesIn(bytes);
  if (!backslashes) return count;
  // Less each '"' an odd run of backslashes escapes.
  for (let at = text.indexOf('\\'); at !== -1;) {
    let end = at + 1;
    while (text.charCodeAt(end) === BACKSLASH) end += 1;
    if ((end - at) % 2 === 1 && text.charCodeAt(end) === QUOTE) count -= 1;
    at = text.indexOf('\\', end);
  }
  return count;
}

/**
 * Members plus string values of a parsed value, and how deep it nests (no recursion: 10,000 levels
 * are allowed); undefined when it holds a non-finite number or nests deeper than Go reads.
 */
function stringsInValue(root: unknown): { strings: number; depth: number } | undefined {
  if (typeof root !== 'object' || root === null) {
    if (typeof root === 'number' && !Number.isFinite(root)) return undefined;
    return { strings: typeof root === 'string' ? 1 : 0, depth: 0 };
  }
  let strings = 0;
  let deepest = 0;
  let finite = true;
  const containers: object[] = [root];
  const depths: number[] = [1];
  for (let container = containers.pop(); container !== undefined; container = containers.pop()) {
    const depth = depths.pop() ?? 0;
    if (depth > GO_MAX_DEPTH) return undefined;
    if (depth > deepest) deepest = depth;
    // The same three lines for arrays and objects: a shared helper made this walk twice as slow.
    if (Array.isArray(container)) {
      for (const item of container as unknown[]) {
        if (typeof item === 'string') strings += 1;
        else if (typeof item === 'number') finite &&= Number.isFinite(item);
        else if (typeof item === 'object' && item !== null) {
          containers.push(item);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    const record = container as Record<string, unknown>;
    for (const key in record) {
      strings += 1;
      const item = record[key];
      if (typeof item === 'string') strings += 1;
      else if (typeof item === 'number') finite &&= Number.isFinite(item);
      else if (typeof item === 'object' && item !== null) {
        containers.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return finite ? { strings, depth: deepest } : undefined;
}

/** A value JSON.parse vouched for, and how deep it nests (0 for a scalar). */
export interface PlainJsonShape extends JsonShape {
  problem: null;
  depth: number;
}

/**
 * jsonShapeOf's answer for a stored TEXT whose bytes are `bytes` (no leading BOM: the caller asks
 * SQL), when it can be given without decoding the bytes; undefined otherwise (then decode the text as
 * sql.js does and ask jsonShapeOf). Only ever answers "no problem" with the value.
 */
export function plainJsonShapeOfBytes(bytes: Uint8Array): PlainJsonShape | undefined {
  if (bytes.length === 0 || !isUtf8(bytes)) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const oneByte = buffer.toString('latin1');
  const backslashes = oneByte.includes('\\');
  if (backslashes && SURROGATE_ESCAPE.test(oneByte)) return undefined;
  const source = isAscii(bytes) ? oneByte : asciiSource(buffer, oneByte);
  if (source === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(source) as unknown;
  } catch {
    return undefined;
  }
  const counted = stringsInValue(value);
  if (counted === undefined || stringQuotesIn(bytes, oneByte, backslashes) !== 2 * counted.strings)
    return undefined;
  return { value, problem: null, depth: counted.depth };
}
