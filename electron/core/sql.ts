// Small typed helpers over sql.js's statement API, so engine code reads as queries, not cursor loops.
import type { Database, SqlValue } from 'sql.js';

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
