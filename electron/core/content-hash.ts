// A content hash of the tables a step touches, taken before and after it: a rollback proves itself
// by returning those tables to the hash they had before the step.
import { createHash } from 'node:crypto';
import type { Database } from 'sql.js';
import { hashRows } from './content-hash-rows';
import { queryValue, quoteIdentifier, tableExists } from './sql';

/**
 * Row tables are hashed value by value; the prefix names the encoding (content-hash-rows.ts): v3 now,
 * v2 and the unprefixed v1 in older logs, which are still compared in their own encoding.
 */
const V3 = 'v3:';
const V2 = 'v2:';

export function tableContentHash(db: Database, table: string): string {
  const hash = createHash('sha256');
  if (table === 'sqlite_master') {
    // Schema: every object's definition, in a stable order.
    for (const row of rows(db, 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name'))
      hash.update(row);
    return hash.digest('hex');
  }
  if (!tableExists(db, table)) return 'absent';
  // Typed and length-prefixed (content-hash-rows.ts), read straight from sql.js memory when it can be.
  hashRows(db, `SELECT rowid, * FROM ${quoteIdentifier(table)} ORDER BY rowid`, hash, 'v3');
  return `${V3}${hash.digest('hex')}`;
}

/**
 * A table's hash with what re-hashing it after a step needs: its row count and the digests of its
 * large rows (content-hash-rows.ts), by rowid.
 */
export interface TableDigest {
  table: string;
  hash: string;
  rows: number;
  large: Map<number, Buffer>;
}

/** tableContentHash, keeping the large rows' digests; null for the schema or a table not there. */
export function digestTable(db: Database, table: string): TableDigest | null {
  if (table === 'sqlite_master' || !tableExists(db, table)) return null;
  const hash = createHash('sha256');
  const large = new Map<number, Buffer>();
  let rows = 0;
  hashRows(db, `SELECT rowid, * FROM ${quoteIdentifier(table)} ORDER BY rowid`, {
    hash,
    beforeRow: () => (rows += 1),
    large: (rowid, digest) => large.set(rowid, digest),
  });
  return { table, hash: `${V3}${hash.digest('hex')}`, rows, large };
}

/**
 * The same hash as digestTable, after writes that changed at most the rows in `changed` (rowids
 * updated, inserted or deleted): a large row not among them is taken from `previous` unread. Null
 * when the result cannot be proven: the rows hashed are not the rows the table holds (a change the
 * caller did not see), so the caller hashes the table afresh.
 */
export function rehashTable(
  db: Database,
  previous: TableDigest,
  changed: ReadonlySet<number>,
): TableDigest | null {
  const kept = [...previous.large.keys()].filter((rowid) => !changed.has(rowid)).sort((a, b) => a - b);
  const hash = createHash('sha256');
  const large = new Map<number, Buffer>();
  let rows = 0;
  let next = 0;
  const feedKeptBelow = (limit: number) => {
    for (; next < kept.length && (kept[next] ?? 0) < limit; next += 1) {
      const rowid = kept[next] ?? 0;
      const digest = previous.large.get(rowid) as Buffer;
      hash.update('R');
      hash.update(digest);
      large.set(rowid, digest);
      rows += 1;
    }
  };
  const table = quoteIdentifier(previous.table);
  // Rowids are numbers PanelDB read from SQLite itself: written out, they are SQL integers.
  const skip =
    kept.length === 0
      ? ''
      : ` WHERE rowid NOT IN (${kept.map((rowid) => String(Math.trunc(rowid))).join(',')})`;
  hashRows(db, `SELECT rowid, * FROM ${table}${skip} ORDER BY rowid`, {
    hash,
    beforeRow: (rowid) => {
      feedKeptBelow(rowid);
      rows += 1;
    },
    large: (rowid, digest) => large.set(rowid, digest),
  });
  feedKeptBelow(Number.POSITIVE_INFINITY);
  if (rows !== Number(queryValue(db, `SELECT count(*) FROM ${table}`))) return null;
  return { table: previous.table, hash: `${V3}${hash.digest('hex')}`, rows, large };
}

/** The v2 hash that logs written before v3 hold. */
function v2TableContentHash(db: Database, table: string): string {
  if (!tableExists(db, table)) return 'absent';
  const hash = createHash('sha256');
  hashRows(db, `SELECT rowid, * FROM ${quoteIdentifier(table)} ORDER BY rowid`, hash, 'v2');
  return `${V2}${hash.digest('hex')}`;
}

/** The v1 hash (one JSON line per row) that logs written before v2 hold: still comparable. */
export function legacyTableContentHash(db: Database, table: string): string {
  if (table === 'sqlite_master') return tableContentHash(db, table);
  if (!tableExists(db, table)) return 'absent';
  const hash = createHash('sha256');
  for (const row of rows(db, `SELECT rowid, * FROM ${quoteIdentifier(table)} ORDER BY rowid`))
    hash.update(row);
  return hash.digest('hex');
}

/** Whether `table` now hashes to `recorded`, whichever version of the hash the log holds. */
export function contentMatches(
  db: Database,
  table: string,
  current: string | undefined,
  recorded: string | undefined,
) {
  if (recorded === undefined) return false;
  if (current === recorded) return true;
  if (table === 'sqlite_master') return false;
  if (recorded.startsWith(V2)) return v2TableContentHash(db, table) === recorded;
  return /^[0-9a-f]{64}$/.test(recorded) && legacyTableContentHash(db, table) === recorded;
}

export function contentHashes(
  db: Database,
  tables: readonly string[],
  known?: ReadonlyMap<string, string>,
): Record<string, string> {
  return Object.fromEntries(tables.map((table) => [table, known?.get(table) ?? tableContentHash(db, table)]));
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

/**
 * What tells "nothing was written" apart cheaply: SQLite's count of rows inserted, updated or
 * deleted on this connection (triggers included) and the schema cookie (every DDL moves it).
 */
export function changeCounters(db: Database): { changes: number; schema: number } {
  const value = (sql: string) => Number(db.exec(sql)[0]?.values[0]?.[0]);
  return { changes: value('SELECT total_changes()'), schema: value('PRAGMA schema_version') };
}
