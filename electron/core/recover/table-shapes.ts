// The row shapes a recovered record can have: the panel's GORM tables (docs/panel-database.md §1.2),
// the branch's SQL-first tables from 000001_init_schema.up.sql (§3.6 S1), and whatever the damaged
// file's own sqlite_master still declares (upgraded files append columns in a different order).
import type { Database } from 'sql.js';
import { PANEL_DDL, PANEL_TABLES, type PanelTable } from '../../panel/panel-schema';
import { queryRows } from '../sql';

/** Storage classes a column accepts, from its declared type's affinity. */
export type ColumnKind = 'int' | 'numeric' | 'text' | 'any';

export interface ShapeColumn {
  name: string;
  kind: ColumnKind;
  notNull: boolean;
}

export interface TableShape {
  /** The panel table the rows go to; null for a non-panel table copied as it is. */
  table: PanelTable | null;
  name: string;
  origin: 'gorm' | 'sql-first' | 'file';
  columns: ShapeColumn[];
  /** Index of the INTEGER PRIMARY KEY column (stored as NULL, the value is the rowid), or -1. */
  rowidAlias: number;
}

/** Columns of the SQL-first schema whose meaning is a GORM column under another name. */
export const SQL_FIRST_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  client_traffics: { upload: 'up', download: 'down' },
  link_histories: { link_type: 'type', link_content: 'link' },
};

/** SQLite's affinity rules (datatype3 §3.1) reduced to what a column can hold. */
export function kindOf(declared: string): ColumnKind {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'int';
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return 'text';
  if (type === '' || type.includes('BLOB')) return 'any';
  return 'numeric';
}

/** Parses CREATE TABLE text by letting SQLite itself build it in a scratch database. */
export function shapeFromDdl(scratch: Database, name: string, ddl: string): TableShape | null {
  if (name === 'sqlite_sequence') {
    // SQLite refuses to create this name itself; its columns are fixed (fileformat2 §2.6.2).
    const any = (column: string): ShapeColumn => ({ name: column, kind: 'any', notNull: false });
    return { table: null, name, origin: 'file', columns: [any('name'), any('seq')], rowidAlias: -1 };
  }
  if (!/^\s*CREATE\s+TABLE/i.test(ddl) || /\bWITHOUT\s+ROWID\b/i.test(ddl)) return null;
  scratch.exec('SAVEPOINT shape');
  try {
    scratch.exec(ddl);
    const created = queryRows(
      scratch,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    const table = created[0]?.name;
    if (typeof table !== 'string') return null;
    const info = queryRows(scratch, `PRAGMA table_info("${table.replaceAll('"', '""')}")`);
    const pkColumns = info.filter((row) => Number(row.pk) > 0);
    const columns = info.map((row) => ({
      name: String(row.name),
      kind: kindOf(String(row.type ?? '')),
      notNull: Number(row.notnull) === 1,
    }));
    let rowidAlias = -1;
    const only = pkColumns[0];
    if (pkColumns.length === 1 && only !== undefined && String(only.type).toUpperCase() === 'INTEGER') {
      rowidAlias = Number(only.cid);
    }
    const panel = (PANEL_TABLES as readonly string[]).includes(name) ? (name as PanelTable) : null;
    return { table: panel, name, origin: 'file', columns, rowidAlias };
  } catch {
    return null;
  } finally {
    scratch.exec('ROLLBACK TO shape; RELEASE shape');
  }
}

const SQL_FIRST_DDL: Readonly<Partial<Record<PanelTable, string>>> = {
  users:
    'CREATE TABLE users (id integer PRIMARY KEY AUTOINCREMENT, username text NOT NULL UNIQUE, password text NOT NULL, created_at datetime, updated_at datetime)',
  outbound_traffics:
    'CREATE TABLE outbound_traffics (id integer PRIMARY KEY AUTOINCREMENT, user_id integer, up integer, down integer, created_at datetime)',
  settings: 'CREATE TABLE settings (key text PRIMARY KEY, value text)',
  inbound_client_ips:
    'CREATE TABLE inbound_client_ips (id integer PRIMARY KEY AUTOINCREMENT, inbound_id integer, client_ip text, client_time datetime)',
  client_traffics:
    'CREATE TABLE client_traffics (id integer PRIMARY KEY AUTOINCREMENT, user_id integer, inbound_id integer, email text, upload integer, download integer, total integer, expiry_time integer, device_limit integer, created_at datetime)',
  link_histories:
    'CREATE TABLE link_histories (id integer PRIMARY KEY AUTOINCREMENT, user_id integer, link_type text, link_content text, created_at datetime)',
};

/** Every known shape; SQL-first inbounds and history_of_seeders equal GORM's, so they are not repeated. */
export function knownShapes(scratch: Database): TableShape[] {
  const shapes: TableShape[] = [];
  for (const table of PANEL_TABLES) {
    const gorm = shapeFromDdl(scratch, table, PANEL_DDL[table]);
    if (gorm !== null) shapes.push({ ...gorm, origin: 'gorm' });
    const sqlFirst = SQL_FIRST_DDL[table];
    const shape = sqlFirst === undefined ? null : shapeFromDdl(scratch, table, sqlFirst);
    if (shape !== null) shapes.push({ ...shape, origin: 'sql-first' });
  }
  return shapes;
}

/** The shape of a table b-tree named in sqlite_master; SQL-first when its columns say so. */
export function classifyDeclared(shape: TableShape, known: readonly TableShape[]): TableShape {
  const sqlFirst = known.find((k) => k.origin === 'sql-first' && k.name === shape.name);
  if (sqlFirst === undefined) return shape;
  const names = shape.columns.map((c) => c.name).join(',');
  return names === sqlFirst.columns.map((c) => c.name).join(',') ? { ...shape, origin: 'sql-first' } : shape;
}
