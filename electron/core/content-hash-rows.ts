// The row part of a table's content hash (content-hash.ts), read straight from sql.js's memory
// (issue 16: a migrate hashes `inbounds` — tens of MB of JSON at 100 MB — up to four times). The
// old path decoded every text out of wasm into a JavaScript string, which the hash then encoded back
// to UTF-8; here a text's stored bytes go to the hash as they are whenever they are exactly what that
// round trip would produce. The encoding is the same (v2 of content-hash.ts), so a hash taken either
// way matches the other and every hash already in a log:
//   'r' per row; per value 'n;' | `d${number};` | text | `b${length}:` + bytes, where a text is
//   v3: `t${UTF-8 length}:` + UTF-8 — the stored bytes and their count, nothing to work out;
//   v2: `s${UTF-16 length}:` + UTF-8 — the length of the decoded string, which meant walking every
//       byte of non-ASCII text (~55 ms per pass over 62 MB of JSON); still computed to compare with
//       the hashes older logs hold.
// A start-up self-test (selfTestContentHash) hashes probe rows both ways; if any differs, or direct
// reads are off (sqljs-direct.ts), every hash takes the old path.
import { isAscii, isUtf8 } from 'node:buffer';
import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { Database, SqlJsStatic } from 'sql.js';
import { COLUMN, eachRawRow, type RawRow } from './sqljs-direct';

let direct = false;

export type RowEncoding = 'v2' | 'v3';

/** Feeds every row of `sql` to `hash` in `encoding`. */
export function hashRows(db: Database, sql: string, hash: Hash, encoding: RowEncoding = 'v3'): void {
  if (direct && eachRawRow(db, sql, (row) => hashRawRow(row, hash, encoding))) return;
  hashRowsDecoded(db, sql, hash, encoding);
}

/** The old path: values as `Statement.get()` decodes them. */
export function hashRowsDecoded(db: Database, sql: string, hash: Hash, encoding: RowEncoding = 'v3'): void {
  const statement = db.prepare(sql);
  try {
    // Typed and length-prefixed, so 1 and '1' and NULL and '' differ and no two rows run together.
    while (statement.step()) {
      hash.update('r');
      for (const value of statement.get()) {
        if (value === null) hash.update('n;');
        else if (typeof value === 'number') hash.update(`d${value};`);
        else if (typeof value === 'string') {
          hash.update(encoding === 'v3' ? `t${Buffer.byteLength(value)}:` : `s${value.length}:`);
          hash.update(value);
        } else {
          hash.update(`b${value.length}:`);
          hash.update(value);
        }
      }
    }
  } finally {
    statement.free();
  }
}

function hashRawRow(row: RawRow, hash: Hash, encoding: RowEncoding): void {
  hash.update('r');
  for (let column = 0; column < row.columns; column += 1) {
    switch (row.type(column)) {
      case COLUMN.integer:
      case COLUMN.float:
        hash.update(`d${row.number(column)};`);
        break;
      case COLUMN.text:
        hashText(row, column, hash, encoding);
        break;
      case COLUMN.blob: {
        const bytes = row.bytes(column);
        hash.update(`b${bytes.length}:`);
        hash.update(bytes);
        break;
      }
      default:
        hash.update('n;');
    }
  }
}

function hashText(row: RawRow, column: number, hash: Hash, encoding: RowEncoding): void {
  const bytes = row.bytes(column);
  // sql.js decodes with TextDecoder, which drops a leading byte-order mark and replaces invalid
  // UTF-8: only valid UTF-8 without one re-encodes to the very bytes stored. Anything else is
  // decoded as sql.js decodes it (RawRow.text) and hashed as a string, as before.
  const verbatim = isAscii(bytes) || (isUtf8(bytes) && !startsWithBom(bytes));
  if (!verbatim) {
    const text = row.text(column);
    hash.update(encoding === 'v3' ? `t${Buffer.byteLength(text)}:` : `s${text.length}:`);
    hash.update(text);
    return;
  }
  if (encoding === 'v3') hash.update(`t${bytes.length}:`);
  else hash.update(`s${isAscii(bytes) ? bytes.length : utf16Length(bytes)}:`);
  hash.update(bytes);
}

const startsWithBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/** Number of UTF-16 code units (a JavaScript string's length) of valid UTF-8. */
function utf16Length(bytes: Uint8Array): number {
  let length = bytes.length;
  // JSON is mostly ASCII: whole pieces are settled by isAscii (SIMD), only the others byte by byte.
  const piece = 256;
  for (let start = 0; start < bytes.length; start += piece) {
    const end = Math.min(start + piece, bytes.length);
    if (isAscii(bytes.subarray(start, end))) continue;
    for (let i = start; i < end; i += 1) {
      const byte = bytes[i] ?? 0;
      // A continuation byte adds no unit; a 4-byte sequence's lead adds a second (surrogate pair).
      if (byte >= 0x80) {
        if (byte < 0xc0) length -= 1;
        else if (byte >= 0xf0) length += 1;
      }
    }
  }
  return length;
}

/**
 * Start-up self-test (small: every CLI process pays it, before the JIT has warmed up): probe rows of every kind (integers beyond 2^53, reals, NULL, empty, ASCII,
 * accented, CJK and emoji text, short and long, a byte-order mark, NUL bytes, invalid UTF-8, blobs)
 * must hash the same both ways. Otherwise the direct path is never used.
 */
export function selfTestContentHash(SQL: SqlJsStatic): boolean {
  direct = false;
  let db: Database | undefined;
  try {
    db = new SQL.Database();
    db.exec(`CREATE TABLE t(a, b); INSERT INTO t VALUES
      (1, -9007199254740993), (2.5, -0.0), (1e308, NULL), ('', 'a'), ('naïve – 中文 😀', 'plain ascii'),
      (printf('%.*c', 300, 'x') || '–' || printf('%.*c', 200, 'y') || '😀🎉' || '中文', x''),
      (char(65279) || '[]', char(65279) || printf('%.*c', 40, 'z')), (CAST(x'61006200' AS TEXT), x'00ff10'),
      (CAST(x'ff41eda080' AS TEXT), CAST(x'c3a9ff41eda08041414141414141414141414141' AS TEXT)),
      (randomblob(300), printf('%.*c', 300, 'é'))`);
    const sql = 'SELECT rowid, * FROM t ORDER BY rowid';
    let same = true;
    for (const encoding of ['v2', 'v3'] as const) {
      const old = createHash('sha256');
      hashRowsDecoded(db, sql, old, encoding);
      const fast = createHash('sha256');
      const ran = eachRawRow(db, sql, (row) => hashRawRow(row, fast, encoding));
      same &&= ran && fast.digest('hex') === old.digest('hex');
    }
    direct = same;
  } catch {
    direct = false;
  } finally {
    db?.close();
  }
  return direct;
}

export const directHashingEnabled = (): boolean => direct;
