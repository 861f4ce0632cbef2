// Builds the recovered database in memory: the panel's exact GORM DDL, the placed rows with their
// original ids, the non-panel tables the file had, and a lost_and_found table for everything that
// could not be placed. sqlite_sequence is raised to what the damaged file claimed, so ids the
// panel already handed out are never handed out again.
import type { Database, SqlValue } from 'sql.js';
import { PANEL_DDL, PANEL_TABLES, SCHEMA_MIGRATIONS_DDL, type PanelTable } from '../../panel/panel-schema';
import { loadSqlJs } from '../sqljs';
import { quoteIdentifier } from '../sql';
import type { Value } from './page-reader';
import type { Placement } from './placement';
import type { SchemaEntry } from './btree-scan';

export const LOST_AND_FOUND_DDL =
  'CREATE TABLE lost_and_found (id integer PRIMARY KEY, source text NOT NULL, page integer, cell integer, table_guess text, original_rowid integer, reason text NOT NULL, nfield integer, "values" text)';

/** JSON for lost_and_found: blobs as hex, 64-bit integers as strings, so nothing is rounded. */
export function valuesJson(values: readonly Value[]): string {
  return JSON.stringify(
    values.map((v) => {
      if (v instanceof Uint8Array) return { blob: Buffer.from(v).toString('hex') };
      if (typeof v === 'bigint') return { int64: v.toString() };
      return v;
    }),
  );
}

const bindable = (value: Value | undefined): SqlValue => {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value as unknown as SqlValue;
  return value;
};

export async function buildOutput(
  placement: Placement,
  schema: readonly SchemaEntry[],
  claims: ReadonlyMap<string, number>,
): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.exec('BEGIN');
    for (const table of PANEL_TABLES) db.exec(PANEL_DDL[table]);
    db.exec(LOST_AND_FOUND_DDL);
    for (const table of PANEL_TABLES) insertTable(db, table, placement);
    const lost = db.prepare(
      'INSERT INTO lost_and_found (source, page, cell, table_guess, original_rowid, reason, nfield, "values") VALUES (?,?,?,?,?,?,?,?)',
    );
    for (const row of placement.lost) {
      lost.run([
        row.source,
        row.page,
        row.cell,
        row.tableGuess,
        bindable(row.rowid),
        row.reason,
        row.values.length,
        valuesJson(row.values),
      ]);
    }
    lost.free();
    copyOthers(db, placement, schema);
    for (const [table, seq] of claims) {
      if (!(PANEL_TABLES as readonly string[]).includes(table)) continue;
      db.run(
        'INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)',
        [table, table],
      );
      db.run('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?', [seq, table]);
    }
    db.exec('COMMIT');
    return db;
  } catch (thrown) {
    db.close();
    throw thrown;
  }
}

function insertTable(db: Database, table: PanelTable, placement: Placement): void {
  const rows = placement.tables[table];
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => [...row.values.keys()]))];
  // Rows that lack a column (written before ALTER TABLE ADD COLUMN) get the column's DEFAULT:
  // grouped by the columns they carry, so an absent value is not written as NULL.
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = columns.filter((c) => row.values.has(c)).join(',');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, group] of groups) {
    const names = key === '' ? [] : key.split(',');
    const sql = `INSERT INTO ${quoteIdentifier(table)} (id${names.map((n) => `,${quoteIdentifier(n)}`).join('')}) VALUES (?${',?'.repeat(names.length)})`;
    const statement = db.prepare(sql);
    for (const row of group)
      statement.run([bindable(row.id), ...names.map((n) => bindable(row.values.get(n)))]);
    statement.free();
  }
}

/** Non-panel tables (schema_migrations, lottery_wins …) are kept with their own DDL. */
function copyOthers(db: Database, placement: Placement, schema: readonly SchemaEntry[]): void {
  for (const [name, { shape, rows }] of placement.others) {
    if (name.startsWith('sqlite_') || name === 'lost_and_found') continue;
    const ddl = schema.find((e) => e.type === 'table' && e.name === name)?.sql;
    if (ddl === undefined || ddl === null) continue;
    if (name === 'schema_migrations') SCHEMA_MIGRATIONS_DDL.forEach((s) => db.exec(s));
    else db.exec(ddl);
    const names = shape.columns.map((c) => quoteIdentifier(c.name));
    const statement = db.prepare(
      `INSERT OR IGNORE INTO ${quoteIdentifier(name)} (rowid,${names.join(',')}) VALUES (?${',?'.repeat(names.length)})`,
    );
    for (const row of rows) {
      const values = shape.columns.map((_, i) => (i === shape.rowidAlias ? row.rowid : row.values[i]));
      statement.run([bindable(row.rowid), ...values.map(bindable)]);
    }
    statement.free();
  }
}
