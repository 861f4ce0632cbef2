// How paneldb_history's `changes` column holds a step's before-images. Stored as one JSON array,
// every before-value (itself JSON text, full of quotes and newlines) was escaped once more: the log
// grew by ~1.75× the values the step changed. Now a JSON header line lists the changes, and the
// before-values follow it verbatim, each sliced off by the length the header gives:
//
//   {"format":2,"changes":[{"table":"inbounds","rowid":1,"column":"settings","before_length":812,…}]}\n<812 chars>…
//
// JSON.stringify never writes a raw newline, so the first one ends the header. A value holding a NUL
// or a lone surrogate (neither survives a trip through SQLite's UTF-8 text) stays inside the header,
// escaped as before. Logs written before this format (a plain JSON array) are still read.
import type { StoredChange } from '../shared/reports';

const FORMAT = 2;
/**
 * What must stay escaped in the header: a NUL (SQLite text readers stop at it) and a lone surrogate
 * (a `u` regex sees a proper pair as one code point, so only a lone one matches).
 */
const NOT_VERBATIM = /\0|\p{Surrogate}/u;

/** The column's text for these changes. */
export function encodeChanges(changes: readonly StoredChange[]): string {
  const header: unknown[] = [];
  const values: string[] = [];
  for (const change of changes) {
    const { before, ...rest } = change;
    if (typeof before === 'string' && !NOT_VERBATIM.test(before)) {
      header.push({ ...rest, before_length: before.length });
      values.push(before);
    } else {
      header.push(change);
    }
  }
  return `${JSON.stringify({ format: FORMAT, changes: header })}\n${values.join('')}`;
}

/**
 * The changes as parsed JSON objects (the caller checks each one's shape), or undefined when the
 * text is neither format. Throws what JSON.parse throws on a broken header or old-format array.
 */
export function decodeChanges(text: string): unknown[] | undefined {
  if (text.startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : undefined;
  }
  const end = text.indexOf('\n');
  if (end === -1) return undefined;
  const header: unknown = JSON.parse(text.slice(0, end));
  if (typeof header !== 'object' || header === null) return undefined;
  const { format, changes } = header as { format?: unknown; changes?: unknown };
  if (format !== FORMAT || !Array.isArray(changes)) return undefined;
  let offset = end + 1;
  const decoded: unknown[] = [];
  for (const change of changes) {
    if (typeof change !== 'object' || change === null || !('before_length' in change)) {
      decoded.push(change);
      continue;
    }
    const { before_length: length, ...rest } = change as { before_length: unknown };
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) return undefined;
    if (offset + length > text.length) return undefined;
    decoded.push({ ...rest, before: text.slice(offset, offset + length) });
    offset += length;
  }
  // Every character after the header belongs to exactly one before-value.
  return offset === text.length ? decoded : undefined;
}
