// A cell as SQLite stores it, not as sql.js decodes it: sql.js turns TEXT into a JS string (invalid
// UTF-8 becomes U+FFFD) and numbers into doubles, so a before-image kept as that string would put
// back other bytes, or another storage class. Where the decoded value would not round-trip, the
// before-image also keeps the storage class and the exact bytes, and a down writes those back.
import type { Database, SqlValue } from 'sql.js';
import { queryRows, queryValue, quoteIdentifier } from './sql';

export type StorageClass = 'text' | 'blob' | 'integer' | 'real' | 'null';

/** What a before-image adds when its `before` text alone would not restore the cell exactly. */
export interface ExactBefore {
  before_type: StorageClass;
  /** TEXT or BLOB: the stored bytes (TEXT in the database's encoding), as hex. */
  before_hex?: string;
}

export interface StoredCell {
  /** The value as sql.js reads it (what steps compare and previews show). */
  value: SqlValue;
  /** The text a before-image keeps (null for NULL). */
  text: string | null;
  /** Null when `text` written back as TEXT gives the very same bytes and class. */
  exact: ExactBefore | null;
}

const utf8Databases = new WeakMap<Database, boolean>();

function isUtf8(db: Database): boolean {
  let utf8 = utf8Databases.get(db);
  if (utf8 === undefined) {
    utf8 = queryValue(db, 'PRAGMA encoding') === 'UTF-8';
    utf8Databases.set(db, utf8);
  }
  return utf8;
}

/** Reads one cell with its storage class and stored bytes; undefined when the row does not exist. */
export function readStoredCell(
  db: Database,
  table: string,
  column: string,
  rowid: number,
): StoredCell | undefined {
  const col = quoteIdentifier(column);
  const row = queryRows(
    db,
    `SELECT ${col} AS value, typeof(${col}) AS type,
       CASE WHEN typeof(${col}) IN ('text', 'blob') THEN CAST(${col} AS BLOB) END AS bytes,
       CASE WHEN typeof(${col}) = 'integer' THEN CAST(${col} AS TEXT) END AS digits
     FROM ${quoteIdentifier(table)} WHERE rowid = ?`,
    [rowid],
  )[0];
  if (row === undefined) return undefined;
  const value = row.value ?? null;
  const type = String(row.type) as StorageClass;
  const bytes = row.bytes instanceof Uint8Array ? Buffer.from(row.bytes) : Buffer.alloc(0);
  switch (type) {
    case 'null':
      return { value, text: null, exact: null };
    case 'text': {
      const text = String(value);
      const sameBytes = isUtf8(db) && Buffer.from(text, 'utf8').equals(bytes);
      return {
        value,
        text,
        exact: sameBytes ? null : { before_type: 'text', before_hex: bytes.toString('hex') },
      };
    }
    case 'blob':
      return {
        value,
        text: bytes.toString('latin1'),
        exact: { before_type: 'blob', before_hex: bytes.toString('hex') },
      };
    case 'integer':
      // CAST(… AS TEXT) gives every digit; a JS number loses those past 2^53.
      return { value, text: String(row.digits), exact: { before_type: 'integer' } };
    case 'real':
      return { value, text: String(value), exact: { before_type: 'real' } };
  }
}

const HEX = /^(?:[0-9a-f]{2})*$/;

/**
 * The SQL expression and parameter that store a before-image back with its storage class and bytes.
 * TEXT goes through CAST(blob AS TEXT): the bytes are taken as they are, never re-encoded.
 */
export function exactValueSql(
  before: string | null,
  exact: ExactBefore,
): { placeholder: string; value: SqlValue } | null {
  switch (exact.before_type) {
    case 'null':
      return { placeholder: '?', value: null };
    case 'text':
    case 'blob': {
      const hex = exact.before_hex ?? '';
      if (!HEX.test(hex)) return null;
      const bytes = Buffer.from(hex, 'hex');
      return { placeholder: exact.before_type === 'text' ? 'CAST(? AS TEXT)' : '?', value: bytes };
    }
    case 'integer':
      return before !== null && /^-?\d+$/.test(before)
        ? { placeholder: 'CAST(? AS INTEGER)', value: before }
        : null;
    case 'real':
      return before !== null && Number.isFinite(Number(before))
        ? { placeholder: 'CAST(? AS REAL)', value: Number(before) }
        : null;
    default:
      return null;
  }
}
