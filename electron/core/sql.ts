// Small typed helpers over sql.js's statement API, so engine code reads as queries, not cursor loops.
import type { Database, SqlValue } from 'sql.js';
import { forEachValues } from './sqljs-direct';

export type Row = Record<string, SqlValue>;

export function queryRows(db: Database, sql: string, params: SqlValue[] = []): Row[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const rows: Row[] = [];
    while (statement.step()) rows.push(statement.getAsObject() as Row);
    return rows;
  } finally {
    statement.free();
  }
}

/**
 * Each row as an array, in column order: no object per row (hundreds of thousands of rows), read
 * straight from sql.js's memory when its self-test passed (sqljs-direct.ts).
 */
export function forEachRow(db: Database, sql: string, visit: (row: SqlValue[]) => void): void {
  forEachValues(db, sql, visit);
}

/** Whether a table (not a view or an index) of that name is in the schema. */
export function tableExists(db: Database, table: string): boolean {
  return (
    queryValue(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]) !== undefined
  );
}

export function queryValue(db: Database, sql: string, params: SqlValue[] = []): SqlValue | undefined {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    return statement.step() ? statement.get()[0] : undefined;
  } finally {
    statement.free();
  }
}

/** SQLite identifier quoting, for table names read from sqlite_master. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function tableNames(db: Database): string[] {
  return queryRows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((row) =>
    String(row.name),
  );
}

export function columnNames(db: Database, table: string): string[] {
  return queryRows(db, `PRAGMA table_info(${quoteIdentifier(table)})`).map((row) => String(row.name));
}

const utf8Databases = new WeakMap<Database, boolean>();
const LONG_TEXT = 4096;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A placeholder and value that store `text` as TEXT. sql.js encodes a bound JS string to UTF-8 in a
 * JavaScript loop, twice (length, then bytes) — seconds for the MBs of a big inbound's JSON. Long
 * text is handed over as UTF-8 bytes instead (one memcpy) and `CAST(? AS TEXT)` makes it the very
 * same TEXT value. Only in a UTF-8 database, and only for well-formed text (a lone surrogate would
 * be encoded differently); everything else is bound as a string, as before.
 */
export function textParam(db: Database, text: string | null): { placeholder: string; value: SqlValue } {
  if (text === null || text.length < LONG_TEXT || SURROGATE.test(text))
    return { placeholder: '?', value: text };
  let utf8 = utf8Databases.get(db);
  if (utf8 === undefined) {
    utf8 = queryValue(db, 'PRAGMA encoding') === 'UTF-8';
    utf8Databases.set(db, utf8);
  }
  return utf8
    ? { placeholder: 'CAST(? AS TEXT)', value: Buffer.from(text, 'utf8') }
    : { placeholder: '?', value: text };
}
