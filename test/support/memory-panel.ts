// An in-memory database with the panel's exact schema, for step-level migration tests.
import type { Database } from 'sql.js';
import { loadSqlJs } from '../../electron/core/sqljs';
import { PANEL_DDL } from '../../electron/panel/panel-schema';

export async function panelDb(): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  for (const ddl of Object.values(PANEL_DDL)) db.run(ddl);
  return db;
}
