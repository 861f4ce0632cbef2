// WAL time travel: a panel left five committed transactions in its -wal, the third a broken
// upgrade (JSON rewritten with REPLACE into invalid text, a table dropped). PanelDB lists them with
// what each changed and writes the database as right after any one of them, without a backup.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANEL_SCHEMA_SQL, SEED_SQL } from '../support/panel-db';
import { makeWalPair, sqlite3, sqlite3Json } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';
import { allRows, panelRowsSql, runCli, sha256, tableRows } from './support';

const BASE = `${PANEL_SCHEMA_SQL}\n${SEED_SQL}\n${panelRowsSql(4, 6)}`;
const COMMITS = [
  "BEGIN; INSERT INTO inbounds (remark, port, protocol, settings, stream_settings, tag) VALUES ('a', 1001, 'vless', '{\"clients\":[]}', '{\"network\":\"tcp\"}', 'inbound-1001'), ('b', 1002, 'vless', '{\"clients\":[]}', '{\"network\":\"tcp\"}', 'inbound-1002'), ('c', 1003, 'trojan', '{\"clients\":[]}', '{\"network\":\"tcp\"}', 'inbound-1003'); COMMIT;",
  "BEGIN; INSERT INTO client_traffics (inbound_id, enable, email, up, down, total) VALUES (5, 1, 'new-1', 0, 0, 0), (5, 1, 'new-2', 0, 0, 0); UPDATE client_traffics SET up = up + 100 WHERE id = 1; COMMIT;",
  // The broken upgrade: a golang-migrate style step that corrupts JSON and drops a table.
  "BEGIN; CREATE TABLE schema_migrations (version uint64,dirty bool); INSERT INTO schema_migrations VALUES (2, 0); UPDATE inbounds SET stream_settings = REPLACE(stream_settings, '}', ',}'); DROP TABLE link_histories; COMMIT;",
  'BEGIN; UPDATE client_traffics SET down = down + 7 WHERE id <= 2; COMMIT;',
  'BEGIN; DELETE FROM client_traffics WHERE id = 3; COMMIT;',
];

async function walPair() {
  const dir = await tempDir('paneldb-walcommits-');
  const db = join(dir, 'x-ui.db');
  await makeWalPair(db, { checkpointedSql: BASE, walOnlySql: COMMITS.join('\n') });
  return { dir, db };
}

/** The same SQL run into a fresh file: what the database looked like after `n` commits. */
async function reference(dir: string, n: number) {
  const path = join(dir, `reference-${n}.db`);
  sqlite3(path, `${BASE}\n${COMMITS.slice(0, n).join('\n')}`);
  return path;
}

describe('paneldb recover and the WAL commit timeline', () => {
  it('lists the five committed transactions with the rows each one changed per table', async () => {
    const { db } = await walPair();
    const before = [await sha256(db), await sha256(`${db}-wal`)];
    const { code, stdout } = await runCli(['recover', db, '--list-wal-commits', '--json']);
    expect(code).toBe(0);
    const { commits } = JSON.parse(stdout) as {
      commits: Array<{
        index: number;
        frames: number;
        pages: number;
        schema_changed: boolean;
        tables: Record<string, { inserted: number; updated: number; deleted: number }>;
      }>;
    };
    expect(commits.map((c) => c.index)).toEqual([1, 2, 3, 4, 5]);
    expect(commits[0]!.tables).toMatchObject({ inbounds: { inserted: 3, updated: 0, deleted: 0 } });
    expect(commits[1]!.tables).toMatchObject({ client_traffics: { inserted: 2, updated: 1, deleted: 0 } });
    expect(commits[2]!.schema_changed).toBe(true);
    expect(commits[2]!.tables).toMatchObject({
      inbounds: { inserted: 0, updated: 7, deleted: 0 },
      link_histories: { inserted: 0, updated: 0, deleted: 1 },
      schema_migrations: { inserted: 1 },
    });
    expect(commits[3]!.tables).toEqual({ client_traffics: { inserted: 0, updated: 2, deleted: 0 } });
    expect(commits[4]!.tables).toEqual({ client_traffics: { inserted: 0, updated: 0, deleted: 1 } });
    for (const commit of commits) expect(commit.frames).toBeGreaterThanOrEqual(commit.pages);
    expect([await sha256(db), await sha256(`${db}-wal`)]).toEqual(before);
    const text = await runCli(['recover', db, '--list-wal-commits']);
    expect(text.stdout).toContain('#3:');
  });

  it('writes the database as right after commit 2: the broken upgrade is undone', async () => {
    const { dir, db } = await walPair();
    const before = [await sha256(db), await sha256(`${db}-wal`)];
    const out = join(dir, 'before-upgrade.db');
    const { code, stdout } = await runCli(['recover', db, '--wal-commit', '2', '--out', out, '--json']);
    expect(code, stdout).toBe(0);
    expect(JSON.parse(stdout).mode).toBe('wal-commit');
    expect(allRows(out)).toEqual(allRows(await reference(dir, 2)));
    expect(sqlite3(out, 'PRAGMA integrity_check;').trim()).toBe('ok');
    expect(sqlite3Json(out, "SELECT name FROM sqlite_master WHERE name = 'schema_migrations'")).toEqual([]);
    expect([await sha256(db), await sha256(`${db}-wal`)]).toEqual(before);
  });

  it('gives the main file alone for commit 0 and every commit for a plain recover', async () => {
    const { dir, db } = await walPair();
    const zero = join(dir, 'zero.db');
    expect((await runCli(['recover', db, '--wal-commit', '0', '--out', zero])).code).toBe(0);
    const mainOnly = join(dir, 'main-only.db');
    await copyFile(db, mainOnly);
    expect(allRows(zero)).toEqual(allRows(mainOnly));
    const all = join(dir, 'all.db');
    const { stdout } = await runCli(['recover', db, '--out', all, '--json']);
    expect(JSON.parse(stdout).wal.commits_applied).toBe(5);
    const last = await reference(dir, 5);
    for (const table of ['inbounds', 'client_traffics', 'users', 'settings'])
      expect(tableRows(all, table), table).toEqual(tableRows(last, table));
    expect(tableRows(all, 'link_histories')).toEqual([]);
  });

  it('refuses a commit number the WAL does not hold', async () => {
    const { dir, db } = await walPair();
    const { code, stdout } = await runCli([
      'recover',
      db,
      '--wal-commit',
      '6',
      '--out',
      join(dir, 'x.db'),
      '--json',
    ]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).error.message).toContain('5 committed');
  });
});
