// Reading query results straight from sql.js's WebAssembly memory (issue 16). sql.js's
// `Statement.get()` goes through `cwrap` wrappers for every column of every row and decodes every
// text with a TextDecoder call: for the 220,000-row tables and the 60 MB of JSON of a 100 MB panel
// that is most of what `check` and a step's content hashes spend outside their own work.
//
// Only what sql.js exports is used, under its own names: the SQLite C functions it exports
// (`_sqlite3_prepare_v2`, `_sqlite3_step`, `_sqlite3_column_*`, …), `UTF8ToString`,
// `stringToNewUTF8`, `_malloc`/`_free`, and the connection handle `Database.db`, which both the
// release and the debug build keep under that name. The memory those pointers point into is taken
// at start-up through Emscripten's documented `instantiateWasm` hook (the one export of kind
// Memory, whatever it is called). A self-test at start (selfTestDirect) compares the direct rows
// with `Statement.get()` value for value; if anything differs or is missing, every caller uses
// `Statement.get()` as before.
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';

interface Native {
  _malloc(size: number): number;
  _free(pointer: number): void;
  _sqlite3_prepare_v2(db: number, sql: number, bytes: number, statement: number, tail: number): number;
  _sqlite3_step(statement: number): number;
  _sqlite3_finalize(statement: number): number;
  _sqlite3_column_count(statement: number): number;
  _sqlite3_column_type(statement: number, column: number): number;
  _sqlite3_column_double(statement: number, column: number): number;
  _sqlite3_column_bytes(statement: number, column: number): number;
  _sqlite3_column_blob(statement: number, column: number): number;
  _sqlite3_column_text(statement: number, column: number): number;
  _sqlite3_errmsg(db: number): number;
  UTF8ToString(pointer: number, maxBytes?: number, ignoreNul?: boolean): string;
  stringToNewUTF8(text: string): number;
}

const SQLITE_ROW = 100;
const SQLITE_DONE = 101;
export const COLUMN = { integer: 1, float: 2, text: 3, blob: 4, null: 5 } as const;

/** The WebAssembly globals used here (the node tsconfig has no DOM lib, which declares them). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
const Wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: unknown) => { exports: Record<string, unknown> };
      Memory: abstract new (...args: never[]) => WasmMemory;
    };
  }
).WebAssembly;

let memory: WasmMemory | undefined;
let native: Native | undefined;
let enabled = false;
let heap = new Uint8Array(0);
let heapBuffer = Buffer.alloc(0);

/**
 * initSqlJs options that instantiate sql.js's WebAssembly here, keeping its memory. Undefined (sql.js
 * loads as usual) when its wasm file cannot be read. Synchronous, so that a failure rejects
 * initSqlJs instead of leaving it waiting.
 */
export function memoryCapturingConfig(): Pick<EmscriptenModule, 'instantiateWasm'> | undefined {
  let binary: Buffer;
  try {
    binary = readFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
  } catch {
    return undefined;
  }
  return {
    instantiateWasm: (imports, done) => {
      const instance = new Wasm.Instance(new Wasm.Module(binary), imports);
      memory = Object.values(instance.exports).find(
        (value): value is WasmMemory => value instanceof Wasm.Memory,
      );
      done(instance);
      return instance.exports;
    },
  };
}

function view(): Uint8Array {
  // A memory that grew has a new buffer (the old one is detached): views are made afresh then.
  const buffer = memory?.buffer;
  if (buffer !== undefined && heap.buffer !== buffer) {
    heap = new Uint8Array(buffer);
    heapBuffer = Buffer.from(buffer);
  }
  return heap;
}

/** One result row, valid until the next step: values on demand, texts' bytes without a copy. */
export interface RawRow {
  readonly columns: number;
  type(column: number): number;
  number(column: number): number;
  /** The stored bytes of a text or blob (a view into sql.js memory: use before the next row). */
  bytes(column: number): Uint8Array;
  /** A text as `Statement.get()` decodes it; ASCII without a copy through TextDecoder. */
  text(column: number): string;
  /** The value `Statement.get()` returns for the column. */
  value(column: number): SqlValue;
  /**
   * Whether the column is a TEXT whose bytes are `ascii`'s characters, all below 0x80 (then text()
   * is `ascii`); false says nothing more. No string is made.
   */
  textIs(column: number, ascii: string): boolean;
}

class Cursor implements RawRow {
  columns = 0;
  constructor(
    private readonly api: Native,
    public statement: number,
  ) {}
  type(column: number): number {
    return this.api._sqlite3_column_type(this.statement, column);
  }
  number(column: number): number {
    return this.api._sqlite3_column_double(this.statement, column);
  }
  bytes(column: number): Uint8Array {
    const type = this.type(column);
    const pointer =
      type === COLUMN.blob
        ? this.api._sqlite3_column_blob(this.statement, column)
        : this.api._sqlite3_column_text(this.statement, column);
    const size = this.api._sqlite3_column_bytes(this.statement, column);
    return view().subarray(pointer, pointer + size);
  }
  text(column: number): string {
    const pointer = this.api._sqlite3_column_text(this.statement, column);
    const size = this.api._sqlite3_column_bytes(this.statement, column);
    if (pointer === 0) return '';
    const bytes = view().subarray(pointer, pointer + size);
    // ASCII decodes to the same string whichever decoder runs; anything else as sql.js decodes it.
    if (isAscii(bytes)) return heapBuffer.toString('latin1', pointer, pointer + size);
    return this.api.UTF8ToString(pointer, size, true);
  }
  textIs(column: number, ascii: string): boolean {
    if (this.type(column) !== COLUMN.text) return false;
    const pointer = this.api._sqlite3_column_text(this.statement, column);
    const size = this.api._sqlite3_column_bytes(this.statement, column);
    if (size !== ascii.length) return false;
    const bytes = view();
    for (let i = 0; i < size; i += 1) {
      const code = ascii.charCodeAt(i);
      if (code >= 0x80 || bytes[pointer + i] !== code) return false;
    }
    return true;
  }
  value(column: number): SqlValue {
    switch (this.type(column)) {
      case COLUMN.integer:
      case COLUMN.float:
        return this.number(column);
      case COLUMN.text:
        return this.text(column);
      case COLUMN.blob:
        return Uint8Array.from(this.bytes(column));
      default:
        return null;
    }
  }
}

function handleOf(db: Database): number | undefined {
  const handle = (db as unknown as { db?: unknown }).db;
  return typeof handle === 'number' && handle > 0 ? handle : undefined;
}

/**
 * Runs `sql` (no parameters) and calls `visit` with each row read straight from memory. Returns
 * false, having run nothing, when the direct path is not available: the caller reads as usual.
 */
export function eachRawRow(db: Database, sql: string, visit: (row: RawRow) => void): boolean {
  const api = native;
  const handle = handleOf(db);
  if (!enabled || api === undefined || handle === undefined) return false;
  runRaw(api, handle, sql, visit);
  return true;
}

function runRaw(api: Native, handle: number, sql: string, visit: (row: RawRow) => void): void {
  const text = api.stringToNewUTF8(sql);
  const out = api._malloc(4);
  try {
    if (api._sqlite3_prepare_v2(handle, text, -1, out, 0) !== 0) throw errorOf(api, handle);
    const statement = new Int32Array(view().buffer, out, 1)[0] ?? 0;
    if (statement === 0) return; // an empty statement
    const cursor = new Cursor(api, statement);
    try {
      cursor.columns = api._sqlite3_column_count(statement);
      for (;;) {
        const code = api._sqlite3_step(statement);
        if (code === SQLITE_DONE) break;
        if (code !== SQLITE_ROW) throw errorOf(api, handle);
        visit(cursor);
      }
    } finally {
      api._sqlite3_finalize(statement);
    }
  } finally {
    api._free(out);
    api._free(text);
  }
}

const errorOf = (api: Native, handle: number) => new Error(api.UTF8ToString(api._sqlite3_errmsg(handle)));

/** Each row as `Statement.get()` would give it, read directly when the self-test passed. */
export function forEachValues(db: Database, sql: string, visit: (row: SqlValue[]) => void): void {
  const direct = eachRawRow(db, sql, (row) => {
    const values: SqlValue[] = new Array<SqlValue>(row.columns);
    for (let column = 0; column < row.columns; column += 1) values[column] = row.value(column);
    visit(values);
  });
  if (direct) return;
  const statement = db.prepare(sql);
  try {
    while (statement.step()) visit(statement.get());
  } finally {
    statement.free();
  }
}

export const directReadsEnabled = (): boolean => enabled;

/**
 * Start-up self-test: rows of every kind (integers beyond 2^53, reals, empty, short and long ASCII
 * and non-ASCII text, text with NUL bytes and with bytes that are not UTF-8, blobs, NULL), in two
 * databases, must read directly exactly as `Statement.get()` reads them. Otherwise never used.
 */
export function selfTestDirect(SQL: SqlJsStatic): boolean {
  enabled = false;
  const api = SQL as unknown as Partial<Native>;
  const needed: Array<keyof Native> = [
    '_malloc',
    '_free',
    '_sqlite3_prepare_v2',
    '_sqlite3_step',
    '_sqlite3_finalize',
    '_sqlite3_column_count',
    '_sqlite3_column_type',
    '_sqlite3_column_double',
    '_sqlite3_column_bytes',
    '_sqlite3_column_blob',
    '_sqlite3_column_text',
    '_sqlite3_errmsg',
    'UTF8ToString',
    'stringToNewUTF8',
  ];
  if (memory === undefined || needed.some((name) => typeof api[name] !== 'function')) return false;
  native = api as Native;
  const databases: Database[] = [];
  try {
    const probe = (rows: string) => {
      const db = new SQL.Database();
      databases.push(db);
      db.exec(`CREATE TABLE t(v); INSERT INTO t VALUES ${rows}`);
      return db;
    };
    const first = probe(
      `(1), (-9007199254740993), (1152921504606846976), (2.5), (-0.0), (1e308), (NULL), (''), ('a'),
       ('plain ascii text longer than sixteen bytes'), ('é'), ('naïve text longer than sixteen bytes ✓ 😀'),
       (CAST(x'61006200' AS TEXT)), (CAST(x'ff41eda080' AS TEXT)), (CAST(x'c3a9ff41eda08041414141414141414141414141' AS TEXT)),
       (char(65279) || '[]'), (x''), (x'00ff10'), (randomblob(3000)), (printf('%.*c', 70000, 'x'))`,
    );
    const second = probe(`('second'), (2)`);
    enabled = true;
    const same = (db: Database) => {
      const expected: SqlValue[][] = [];
      const statement = db.prepare('SELECT v, typeof(v) FROM t ORDER BY rowid');
      while (statement.step()) expected.push(statement.get());
      statement.free();
      const actual: SqlValue[][] = [];
      forEachValues(db, 'SELECT v, typeof(v) FROM t ORDER BY rowid', (row) => actual.push(row));
      return actual.length === expected.length && actual.every((row, i) => sameRow(row, expected[i]));
    };
    enabled = same(first) && same(second) && same(first);
  } catch {
    enabled = false;
  } finally {
    for (const db of databases) db.close();
  }
  return enabled;
}

function sameRow(actual: SqlValue[], expected: SqlValue[] | undefined): boolean {
  if (expected === undefined || actual.length !== expected.length) return false;
  return actual.every((value, i) => {
    const other = expected[i];
    if (value instanceof Uint8Array)
      return other instanceof Uint8Array && Buffer.from(value).equals(Buffer.from(other));
    return Object.is(value, other);
  });
}
