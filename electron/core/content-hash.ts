// A content hash of the tables a step touches, taken before and after it: a rollback proves itself
// by returning those tables to the hash they had before the step.
import { createHash } from 'node:crypto';
import type { Database } from 'sql.js';
import { quoteIdentifier } from './sql';

export function tableContentHash(db: Database, table: string): string {
  const hash = createHash('sha256');
  if (table === 'sqlite_master') {
    // Schema: every object's definition, in a stable order.
    for (const row of rows(db, 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name'))
      hash.update(row);
    return hash.digest('hex');
  }
  const exists = db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).length > 0;
  if (!exists) return 'absent';
  for (const row of rows(db, `SELECT rowid, * FROM ${quoteIdentifier(table)} ORDER BY rowid`))
    hash.update(row);
  return hash.digest('hex');
}

export function contentHashes(db: Database, tables: readonly string[]): Record<string, string> {
  return Object.fromEntries(tables.map((table) => [table, tableContentHash(db, table)]));
}

function* rows(db: Database, sql: string): Generator<string> {
  const statement = db.prepare(sql);
  try {
    while (statement.step()) {
      // Typed encoding: 1 and '1' and NULL and '' must hash differently.
      const values = statement
        .get()
        .map((value) =>
          value instanceof Uint8Array
            ? { b: Buffer.from(value).toString('hex') }
            : value === null
              ? { n: 1 }
              : value,
        );
      yield `${JSON.stringify(values)}\n`;
    }
  } finally {
    statement.free();
  }
}
