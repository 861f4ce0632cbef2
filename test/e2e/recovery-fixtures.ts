// Damaged panel files for the recovery panel's browser test, generated from SQL by the native
// sqlite3 shell (secure_delete off, as the panel's own SQLite leaves deleted content):
//  - a file whose inbounds leaf page is overwritten and whose overflow chain of inbound 7 is cut
//    (rows go to lost_and_found), with deleted client_traffics rows still in free space;
//  - a WAL pair with five commits (the third a broken upgrade) whose main file has a damaged
//    settings page, so it opens in limited mode with a commit timeline to pick from.
import { join } from 'node:path';
import { PANEL_SCHEMA_SQL, SEED_SQL } from '../support/panel-db';
import { makeWalPair, sqlite3OnCopy } from '../support/sqlite-cli';
import { buildPanel, damagePage, pagesOf, panelRowsSql } from '../recover/support';

export async function damagedPanel(dir: string): Promise<string> {
  const path = join(dir, 'x-ui.db');
  buildPanel(
    path,
    60,
    400,
    'PRAGMA secure_delete=OFF;\nDELETE FROM client_traffics WHERE id IN (398, 399, 400);',
  );
  await damagePage(path, pagesOf(path, 'inbounds', 'leaf')[1]!, 'random');
  const overflow = pagesOf(path, 'inbounds', 'overflow');
  await damagePage(path, overflow[overflow.length - 1]!, 'zero');
  return path;
}

export const WAL_COMMITS = [
  "BEGIN; INSERT INTO inbounds (remark, port, protocol, settings, stream_settings, tag) VALUES ('a', 1001, 'vless', '{\"clients\":[]}', '{\"network\":\"tcp\"}', 'inbound-1001'), ('b', 1002, 'vless', '{\"clients\":[]}', '{\"network\":\"tcp\"}', 'inbound-1002'); COMMIT;",
  "BEGIN; INSERT INTO client_traffics (inbound_id, enable, email, up, down, total) VALUES (5, 1, 'new-1', 0, 0, 0); UPDATE client_traffics SET up = up + 100 WHERE id = 1; COMMIT;",
  // The broken upgrade: a golang-migrate style step that corrupts JSON and drops a table.
  "BEGIN; CREATE TABLE schema_migrations (version uint64,dirty bool); INSERT INTO schema_migrations VALUES (2, 0); UPDATE inbounds SET stream_settings = REPLACE(stream_settings, '}', ',}'); DROP TABLE link_histories; COMMIT;",
  'BEGIN; UPDATE client_traffics SET down = down + 7 WHERE id <= 2; COMMIT;',
  'BEGIN; DELETE FROM client_traffics WHERE id = 3; COMMIT;',
];

export async function damagedWalPair(dir: string): Promise<string> {
  const path = join(dir, 'x-ui.db');
  await makeWalPair(path, {
    checkpointedSql: `${PANEL_SCHEMA_SQL}\n${SEED_SQL}\n${panelRowsSql(4, 6)}`,
    walOnlySql: WAL_COMMITS.join('\n'),
  });
  // The main file alone (a copy: the shell would checkpoint the pair) says where settings lives;
  // no commit rewrites that page, so the damage stays whichever state is read.
  const [row] = await sqlite3OnCopy(
    path,
    "SELECT rootpage FROM sqlite_master WHERE name = 'settings'",
    false,
  );
  await damagePage(path, Number(row?.rootpage), 'random');
  return path;
}
