// The markers the panel itself reads: history_of_seeders names (HEAD skips a seeder whose name is
// there) and golang-migrate's schema_migrations (branch builds read its single row). PanelDB writes
// them the way the panel would — never a duplicate name, never more than one clean row.
import type { Database } from 'sql.js';
import { PANEL_DDL, SCHEMA_MIGRATIONS_DDL } from '../panel/panel-schema';
import { queryRows, tableExists } from './sql';

export function addSeederMarker(db: Database, name: string): void {
  // Files older than v2.6.0 have no history table; GORM creates this exact one on the next start.
  if (!tableExists(db, 'history_of_seeders')) db.run(PANEL_DDL.history_of_seeders);
  const present = queryRows(db, 'SELECT 1 FROM history_of_seeders WHERE seeder_name = ?', [name]).length > 0;
  if (!present) db.run('INSERT INTO history_of_seeders (seeder_name) VALUES (?)', [name]);
}

export function removeSeederMarker(db: Database, name: string): void {
  if (tableExists(db, 'history_of_seeders'))
    db.run('DELETE FROM history_of_seeders WHERE seeder_name = ?', [name]);
}

/** golang-migrate's SetVersion: one transaction-local DELETE + INSERT, leaving exactly one clean row. */
export function setSchemaVersion(db: Database, version: number): void {
  for (const statement of SCHEMA_MIGRATIONS_DDL) db.run(statement);
  db.run('DELETE FROM schema_migrations');
  if (version >= 1) db.run('INSERT INTO schema_migrations (version, dirty) VALUES (?, 0)', [version]);
}
