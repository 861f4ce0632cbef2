// How paneldb_history's `changes` column holds a step's before-images. Stored as one JSON array of
// objects, every before-value (itself JSON text, full of quotes and newlines) was escaped once more
// and each change repeated its table and column names and a 64-digit hash: the log grew by ~1.8×
// the values the step changed. Now a JSON header line lists the changes compactly and the
// before-values follow it verbatim, each sliced off by the length the header gives:
//
//   {"format":2,"names":["inbounds","stream_settings"],"changes":[[0,1,7,812,"9cd6870f580cdcbc"],…]}\n<812 chars>…
//
// A compact change is [table, column (indexes into names), rowid, before length or null for NULL,
// after-hash or null]. A change that needs more (an inserted or deleted row, a stored class or bytes
// a text cannot carry, a before-value holding a NUL or a lone surrogate, which do not survive a trip
// through SQLite's UTF-8 text) stays a full object, escaped as before. JSON.stringify never writes a
// raw newline, so the first one ends the header.
//
// Format 3, written now: that same text zlib-compressed and stored as a BLOB (its storage class is
// what tells it from the older, TEXT formats). The before-values are JSON that repeats its keys
// row after row, so the log grows by a fraction of the values a step changed instead of by all of
// them plus a header. zlib's own wrapper, not raw deflate: 6 bytes a row buy a column the sqlite3
// shell reads with its built-in `sqlar_uncompress` (and any zlib binding inflates). Logs written as
// format 2 text or as a plain JSON array of objects (before format 2) are still read.
import { constants as bufferConstants } from 'node:buffer';
import { deflateSync, inflateSync } from 'node:zlib';
import type { StoredChange } from '../shared/reports';
import { sha256Hex } from './fingerprint';

const FORMAT = 2;
/**
 * The most bytes a payload may inflate to: the text becomes one JS string, so anything longer could
 * not be read anyway, and a hostile few kilobytes that would inflate to gigabytes stop there with a
 * RangeError instead of taking the memory.
 */
const MAX_INFLATED = bufferConstants.MAX_STRING_LENGTH;
/**
 * What must stay escaped in the header: a NUL (SQLite text readers stop at it) and a lone surrogate
 * (a `u` regex sees a proper pair as one code point, so only a lone one matches).
 */
const NOT_VERBATIM = /\0|\p{Surrogate}/u;

type CompactChange = [
  table: number,
  column: number,
  rowid: number,
  length: number | null,
  after: string | null,
];

const isCompactable = (change: StoredChange): boolean =>
  change.kind === undefined &&
  change.before_type === undefined &&
  change.before_hex === undefined &&
  (change.before === null || !NOT_VERBATIM.test(change.before));

/** The column's value for these changes (format 3): the format 2 text, compressed. */
export const encodeChanges = (changes: readonly StoredChange[]): Uint8Array =>
  deflateSync(encodeChangesText(changes));

/** The format 2 text for these changes: the header line and the before-values after it. */
export function encodeChangesText(changes: readonly StoredChange[]): string {
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const indexOf = (name: string) => {
    let index = nameIndex.get(name);
    if (index === undefined) {
      index = names.push(name) - 1;
      nameIndex.set(name, index);
    }
    return index;
  };
  const header: Array<CompactChange | StoredChange> = [];
  const values: string[] = [];
  for (const change of changes) {
    if (!isCompactable(change)) {
      header.push(change);
      continue;
    }
    const { before } = change;
    header.push([
      indexOf(change.table),
      indexOf(change.column),
      change.rowid,
      before?.length ?? null,
      change.after_sha256,
    ]);
    if (before !== null) values.push(before);
  }
  return `${JSON.stringify({ format: FORMAT, names, changes: header })}\n${values.join('')}`;
}

const isIndex = (value: unknown, size: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < size;

/**
 * The changes as parsed JSON objects (the caller checks each one's shape), or undefined when the
 * value is no format PanelDB wrote. Throws what zlib throws on a damaged compressed payload (or a
 * RangeError past MAX_INFLATED), and what JSON.parse throws on a broken header or old-format array.
 */
export function decodeChanges(stored: string | Uint8Array): unknown[] | undefined {
  if (typeof stored !== 'string')
    return decodeHeaderAndValues(inflateSync(stored, { maxOutputLength: MAX_INFLATED }).toString('utf8'));
  if (stored.startsWith('[')) {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed : undefined;
  }
  return decodeHeaderAndValues(stored);
}

function decodeHeaderAndValues(text: string): unknown[] | undefined {
  const end = text.indexOf('\n');
  if (end === -1) return undefined;
  const header: unknown = JSON.parse(text.slice(0, end));
  if (typeof header !== 'object' || header === null) return undefined;
  const { format, names, changes } = header as { format?: unknown; names?: unknown; changes?: unknown };
  if (format !== FORMAT || !Array.isArray(names) || !Array.isArray(changes)) return undefined;
  if (!names.every((name) => typeof name === 'string')) return undefined;
  let offset = end + 1;
  const decoded: unknown[] = [];
  for (const change of changes) {
    if (!Array.isArray(change)) {
      decoded.push(change);
      continue;
    }
    const [table, column, rowid, length, after] = change as unknown[];
    if (change.length !== 5 || !isIndex(table, names.length) || !isIndex(column, names.length))
      return undefined;
    let before: string | null = null;
    if (length !== null) {
      if (!isIndex(length, text.length - offset + 1)) return undefined;
      before = text.slice(offset, offset + length);
      offset += length;
    }
    decoded.push({ table: names[table], column: names[column], rowid, before, after_sha256: after });
  }
  // Every character after the header belongs to exactly one before-value.
  return offset === text.length ? decoded : undefined;
}

/**
 * How much of an after-value's SHA-256 the log keeps: 64 bits tell a later edit of the row from
 * what the step wrote (the rollback's conflict check), at a quarter of the full hash's 64 digits
 * per changed row. Older logs hold the full hash; both are read.
 */
const AFTER_DIGITS = 16;

export const afterDigest = (after: string): string => sha256Hex(after).slice(0, AFTER_DIGITS);

/** Whether `current` is still what the step wrote, by the (full or shortened) hash the log keeps. */
export function holdsAfter(current: string | null, stored: string | null): boolean {
  if (current === null || stored === null) return current === stored;
  return stored.length >= AFTER_DIGITS && sha256Hex(current).startsWith(stored);
}
