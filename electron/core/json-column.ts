// A panel JSON column as a step reads and writes it. Two facts about the stored bytes are not in the
// text sql.js hands over, and both matter to Go's decoder and to an exact rollback:
//   * a leading byte-order mark: sql.js's UTF-8 decoder drops it, Go rejects the text
//     ("invalid character 'ï' looking for beginning of value") and the seeder skips the row;
//   * bytes that are not UTF-8: sql.js replaces them in its own way, so a before-image taken from
//     its text would not give the original bytes back. Go would rewrite such a row (with U+FFFD for
//     each bad byte); PanelDB skips it instead and says why — the one deliberate difference.
import type { Database } from 'sql.js';
import { isUtf8 } from 'node:buffer';
import { queryValue, quoteIdentifier } from './sql';
import { goMarshal } from '../panel/go-json';
import { goUnmarshal, type GoDecoded } from '../panel/go-json-decode';
import { message } from '../shared/i18n';
import type { KeyedText, StepContext } from './step-types';
import { decodeWithKeys, type DecodedWithKeys } from './json-shape';

/** An SQL expression, 1 when the column's stored text starts with U+FEFF: select it beside the text. */
export function bomTest(column: string): string {
  return `unicode(${quoteIdentifier(column)}) = 65279`;
}

export const BOM_REASON =
  "invalid character 'ï' looking for beginning of value — the text starts with a byte-order mark";

/** Go's decoding of a stored column text; `bom` is what bomTest's expression gave for the row. */
export function decodeColumn(text: string, bom: unknown): GoDecoded {
  return bom === 1 ? { ok: false, reason: BOM_REASON } : goUnmarshal(text);
}

/**
 * decodeColumn's answer and, asked only when it matters (before the value is changed), whether the
 * text repeats a key as Go reads keys — from the same parse (json-shape.ts's decodeWithKeys).
 */
export function decodeColumnWithKeys(text: string, bom: unknown): DecodedWithKeys {
  return bom === 1
    ? { decoded: { ok: false, reason: BOM_REASON }, duplicateKeys: () => false }
    : decodeWithKeys(text);
}

/** The reason a step gives for a row Go cannot decode, naming Go's error. */
/**
 * Why a step left a row Go's decoder rejects (or that is not the object a step needs): the row stays
 * exactly as it is, as the panel's seeder leaves it. Keyed, so the CLI and UI say it in Chinese too.
 */
export function undecodableReason(column: string, decoded: GoDecoded, lead?: string): KeyedText {
  const notObject = lead !== undefined;
  if (decoded.ok) return message(notObject ? 'skip.notValidObject' : 'skip.invalidJsonIn', { column });
  return message(notObject ? 'skip.notValidObjectGo' : 'skip.invalidJsonInGo', {
    column,
    reason: decoded.reason,
  });
}

export const NOT_UTF8_REASON =
  'holds bytes that are not UTF-8: the panel would store them as U+FFFD, but the exact bytes could not ' +
  'be restored by a rollback; left as it is';

/**
 * Writes `value` as Go writes it into table.column of rowid, unless the stored bytes are not UTF-8
 * (then the row is skipped with the reason). Returns whether it wrote.
 */
export function writeGoJson(
  context: StepContext,
  table: string,
  rowid: number,
  column: string,
  value: unknown,
): boolean {
  const next = goMarshal(value);
  const current = queryValue(
    context.db,
    `SELECT ${quoteIdentifier(column)} FROM ${quoteIdentifier(table)} WHERE rowid = ?`,
    [rowid],
  );
  if (current === next) return false;
  if (!storedAsUtf8(context.db, table, column, rowid)) {
    context.skip(table, rowid, message('skip.notUtf8', { column }));
    return false;
  }
  return context.updateText(table, rowid, column, next);
}

const utf8Databases = new WeakMap<Database, boolean>();

function storedAsUtf8(db: Database, table: string, column: string, rowid: number): boolean {
  let utf8 = utf8Databases.get(db);
  if (utf8 === undefined) {
    utf8 = queryValue(db, 'PRAGMA encoding') === 'UTF-8';
    utf8Databases.set(db, utf8);
  }
  // A UTF-16 file holds text SQLite converts for us; only a UTF-8 file can hold stray bytes as TEXT.
  if (!utf8) return true;
  const bytes = queryValue(
    db,
    `SELECT CAST(${quoteIdentifier(column)} AS BLOB) FROM ${quoteIdentifier(table)} WHERE rowid = ?`,
    [rowid],
  );
  return !(bytes instanceof Uint8Array) || isUtf8(bytes);
}
