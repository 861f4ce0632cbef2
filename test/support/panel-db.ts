// A minimal HEAD-schema panel file written by the native sqlite3 CLI, for tests that need "a panel
// database" rather than one of the §5 scenarios (those come from test/fixtures).
import { PANEL_DDL } from '../../electron/panel/panel-schema';
import { makeWalPair, sqlite3 } from './sqlite-cli';

export const PANEL_SCHEMA_SQL = `${Object.values(PANEL_DDL).join(';\n')};`;

export const SEED_SQL = `
INSERT INTO users (username, password) VALUES ('admin', '$2a$10$abcdefghijklmnopqrstuu5S1Z8QyJ1cT0kYxV0ZrXq0fJ3Qm7b9C');
INSERT INTO history_of_seeders (seeder_name) VALUES ('UserPasswordHash');
INSERT INTO settings (key, value) VALUES ('webPort', '13688');
`;

export function writePanelDb(path: string, extraSql = ''): string {
  sqlite3(path, `${PANEL_SCHEMA_SQL}\n${SEED_SQL}\n${extraSql}`);
  return path;
}

/** A panel file whose last inserts live only in its -wal, as a running panel leaves it. */
export async function writePanelWalPair(path: string, walOnlySql: string): Promise<string> {
  await makeWalPair(path, { checkpointedSql: `${PANEL_SCHEMA_SQL}\n${SEED_SQL}`, walOnlySql });
  return path;
}

/**
 * A trigger that changes a table the step does not touch (each inbound's traffic rows go when it is
 * updated), with the traffic rows it wipes: how a step's trigger effects and an inexact rollback show.
 */
export const TRAFFIC_WIPING_TRIGGER = `
INSERT INTO client_traffics (inbound_id, enable, email, up, down, all_time, expiry_time, total)
  SELECT id, 1, 'c' || id || '@x', 0, 0, 0, 0, 0 FROM inbounds;
CREATE TRIGGER wipe_traffic AFTER UPDATE ON inbounds BEGIN
  DELETE FROM client_traffics WHERE inbound_id = NEW.id;
END;`;
