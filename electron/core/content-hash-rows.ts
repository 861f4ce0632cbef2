// The row part of a table's content hash (content-hash.ts), read straight from sql.js's memory
// (issue 16: a migrate hashes `inbounds` — tens of MB of JSON at 100 MB — up to four times). The
// old path decoded every text out of wasm into a JavaScript string, which the hash then encoded back
// to UTF-8; here a text's stored bytes go to the hash as they are whenever they are exactly what that
// round trip would produce. The encoding is the same (v2 of content-hash.ts), so a hash taken either
// way matches the other and every hash already in a log:
//   per value 'n;' | `d${number};` | text | `b${length}:` + bytes, where a text is
//     v3: `t${UTF-8 length}:` + UTF-8 — the stored bytes and their count, nothing to work out;
//     v2: `s${UTF-16 length}:` + UTF-8 — the length of the decoded string, which meant walking
//         every byte of non-ASCII text (~55 ms per pass over 62 MB of JSON);
//   per row, v2: 'r' + its values; v3: the same for a small row, and for a row holding a text or
//   blob of LARGE_VALUE_BYTES or more, 'R' + the SHA-256 of ('r' + its values): such a row's digest
//   can be kept, so a table re-hashed after a step reads only the rows the step changed (and the
//   small ones) — content-hash.ts. v2 is still computed to compare with the hashes older logs hold.
// A start-up self-test (selfTestContentHash) hashes probe rows both ways; if any differs, or direct
// reads are off (sqljs-direct.ts), every hash takes the old path.
import { isAscii, isUtf8 } from 'node:buffer';
import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { COLUMN, eachRawRow, type RawRow } from './sqljs-direct';

let direct = false;

export type RowEncoding = 'v2' | 'v3';

/** A row with a text or blob of this many bytes (as hashed) is hashed on its own in v3. */
export const LARGE_VALUE_BYTES = 4096;

/** Where rows go: the table's hash, and what the caller wants to know on the way. */
export interface RowSink {
  hash: Hash;
  /** Before each row, with its rowid (the query's first column): room to feed kept rows in order. */
  beforeRow?(rowid: number): void;
  /** A large row's own digest (v3), to keep. */
  large?(rowid: number, digest: Buffer): void;
}

/** A bare hash is a sink that wants nothing else. */
const sinkOf = (sink: RowSink | Hash): RowSink => ('hash' in sink ? sink : { hash: sink });

/** Feeds every row of `sql` (`SELECT rowid, * …`) to `sink` in `encoding`. */
export function hashRows(
  db: Database,
  sql: string,
  sink: RowSink | Hash,
  encoding: RowEncoding = 'v3',
): void {
  const target = sinkOf(sink);
  if (direct && eachRawRow(db, sql, (row) => hashRawRow(row, target, encoding))) return;
  hashRowsDecoded(db, sql, target, encoding);
}

/** The old path: values as `Statement.get()` decodes them. */
export function hashRowsDecoded(
  db: Database,
  sql: string,
  sink: RowSink | Hash,
  encoding: RowEncoding = 'v3',
): void {
  const statement = db.prepare(sql);
  try {
    const target = sinkOf(sink);
    while (statement.step()) hashDecodedRow(statement.get(), target, encoding);
  } finally {
    statement.free();
  }
}

// Typed and length-prefixed, so 1 and '1' and NULL and '' differ and no two rows run together.
function hashDecodedRow(values: SqlValue[], sink: RowSink, encoding: RowEncoding): void {
  const rowid = Number(values[0]);
  sink.beforeRow?.(rowid);
  const large =
    encoding === 'v3' &&
    values.some(
      (value) =>
        (typeof value === 'string' && Buffer.byteLength(value) >= LARGE_VALUE_BYTES) ||
        (value instanceof Uint8Array && value.length >= LARGE_VALUE_BYTES),
    );
  const hash = large ? createHash('sha256') : sink.hash;
  hash.update('r');
  for (const value of values) {
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
  if (large) finishLarge(rowid, hash, sink);
}

function finishLarge(rowid: number, hash: Hash, sink: RowSink): void {
  const digest = hash.digest();
  sink.hash.update('R');
  sink.hash.update(digest);
  sink.large?.(rowid, digest);
}

/** Per column of the current raw row: its text decoded when its bytes cannot be hashed as stored. */
let decodedTexts: Array<string | undefined> = [];

function hashRawRow(row: RawRow, sink: RowSink, encoding: RowEncoding): void {
  const rowid = row.number(0);
  sink.beforeRow?.(rowid);
  if (decodedTexts.length < row.columns) decodedTexts = new Array<string | undefined>(row.columns);
  let large = false;
  for (let column = 0; column < row.columns; column += 1) {
    decodedTexts[column] = undefined;
    const type = row.type(column);
    if (type === COLUMN.text) {
      const bytes = row.bytes(column);
      // sql.js decodes with TextDecoder, which drops a leading byte-order mark and replaces invalid
      // UTF-8: only valid UTF-8 without one re-encodes to the very bytes stored. Anything else is
      // hashed as sql.js decodes it (RawRow.text), as the decoded path does.
      if (!(isAscii(bytes) || (isUtf8(bytes) && !startsWithBom(bytes)))) {
        const text = row.text(column);
        decodedTexts[column] = text;
        large ||= Buffer.byteLength(text) >= LARGE_VALUE_BYTES;
      } else large ||= bytes.length >= LARGE_VALUE_BYTES;
    } else if (type === COLUMN.blob) large ||= row.bytes(column).length >= LARGE_VALUE_BYTES;
  }
  large &&= encoding === 'v3';
  const hash = large ? createHash('sha256') : sink.hash;
  hash.update('r');
  for (let column = 0; column < row.columns; column += 1) {
    switch (row.type(column)) {
      case COLUMN.integer:
      case COLUMN.float:
        hash.update(`d${row.number(column)};`);
        break;
      case COLUMN.text: {
        const text = decodedTexts[column];
        if (text !== undefined) {
          hash.update(encoding === 'v3' ? `t${Buffer.byteLength(text)}:` : `s${text.length}:`);
          hash.update(text);
          break;
        }
        const bytes = row.bytes(column);
        if (encoding === 'v3') hash.update(`t${bytes.length}:`);
        else hash.update(`s${isAscii(bytes) ? bytes.length : utf16Length(bytes)}:`);
        hash.update(bytes);
        break;
      }
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
  if (large) finishLarge(rowid, hash, sink);
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
      (randomblob(300), printf('%.*c', 300, 'é')), (printf('%.*c', 5000, 'l'), 1), (zeroblob(4096), 2),
      (printf('%.*c', 1400, '中'), CAST(x'ff' AS TEXT) || printf('%.*c', 4095, 'i'))`);
    const sql = 'SELECT rowid, * FROM t ORDER BY rowid';
    let same = true;
    for (const encoding of ['v2', 'v3'] as const) {
      const old = createHash('sha256');
      hashRowsDecoded(db, sql, old, encoding);
      const fast = createHash('sha256');
      const ran = eachRawRow(db, sql, (row) => hashRawRow(row, { hash: fast }, encoding));
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
