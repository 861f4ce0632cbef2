// A file whose tables were made by the branch's 000001_init_schema.up.sql (the panel cannot start
// on it) is rebuilt into GORM's DDL: shared columns are copied, the obvious renames mapped
// (upload→up, link_type→type …), and the columns GORM does not have are reported, not invented.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';
import { expectSoundPanelFile, runCli, sha256, tableRows } from './support';

const UP_SQL = join(__dirname, '../fixtures/panel-sql/original/000001_init_schema.up.sql');

const ROWS = `
INSERT INTO users (username, password, created_at, updated_at) VALUES ('admin', '$2a$10$abcdefghijklmnopqrstuu5S1Z8QyJ1cT0kYxV0ZrXq0fJ3Qm7b9C', '2026-02-04 10:00:00', '2026-02-04 10:00:00');
INSERT INTO inbounds (user_id, up, down, total, remark, enable, port, protocol, settings, stream_settings, tag, sniffing) VALUES (1, 5, 6, 0, 'sql-first', 1, 443, 'vless', '{"clients":[{"email":"a@x","id":"u1"}]}', '{"network":"tcp"}', 'inbound-443', '{"enabled":false}');
INSERT INTO settings (key, value) VALUES ('webPort', '2053'), ('secret', 'abc');
INSERT INTO client_traffics (user_id, inbound_id, email, upload, download, total, expiry_time, device_limit) VALUES (1, 1, 'a@x', 111, 222, 0, 0, 3);
INSERT INTO outbound_traffics (user_id, up, down) VALUES (1, 9, 10);
INSERT INTO link_histories (user_id, link_type, link_content, created_at) VALUES (1, 'vless_tcp', 'vless://u1@example.com:443', '2026-02-04 11:17:33');
INSERT INTO history_of_seeders (seeder_name) VALUES ('UserPasswordHash');
CREATE TABLE schema_migrations (version uint64,dirty bool);
INSERT INTO schema_migrations VALUES (5, 0);
`;

describe('paneldb recover on an SQL-first file', () => {
  it("rebuilds the tables into GORM's DDL and keeps every row", async () => {
    const dir = await tempDir('paneldb-sqlfirst-');
    const input = join(dir, 'x-ui.db');
    sqlite3(input, `${await readFile(UP_SQL, 'utf8')}\n${ROWS}`);
    const before = await sha256(input);
    const out = join(dir, 'converted.db');
    const { code, stdout } = await runCli(['recover', input, '--out', out, '--json']);
    expect(code, stdout).toBe(0);
    expect(await sha256(input)).toBe(before);
    expectSoundPanelFile(out);
    const report = JSON.parse(stdout) as {
      source_schema: string;
      tables: Record<
        string,
        { recovered: number; unmapped_columns: string[]; renamed_columns: Record<string, string> }
      >;
      other_tables: Record<string, number>;
    };
    expect(report.source_schema).toBe('sql-first');
    expect(tableRows(out, 'users')).toEqual([
      { id: 1, username: 'admin', password: '$2a$10$abcdefghijklmnopqrstuu5S1Z8QyJ1cT0kYxV0ZrXq0fJ3Qm7b9C' },
    ]);
    expect(report.tables.users!.unmapped_columns).toEqual(['created_at', 'updated_at']);
    expect(tableRows(out, 'settings')).toEqual([
      { id: 1, key: 'webPort', value: '2053' },
      { id: 2, key: 'secret', value: 'abc' },
    ]);
    expect(tableRows(out, 'client_traffics')).toEqual([
      {
        id: 1,
        inbound_id: 1,
        enable: null,
        email: 'a@x',
        up: 111,
        down: 222,
        all_time: null,
        expiry_time: 0,
        total: 0,
        reset: 0,
        last_online: 0,
      },
    ]);
    expect(report.tables.client_traffics!.renamed_columns).toEqual({ upload: 'up', download: 'down' });
    expect(report.tables.client_traffics!.unmapped_columns).toEqual([
      'user_id',
      'device_limit',
      'created_at',
    ]);
    expect(tableRows(out, 'link_histories')).toEqual([
      { id: 1, type: 'vless_tcp', link: 'vless://u1@example.com:443', created_at: '2026-02-04 11:17:33' },
    ]);
    expect(tableRows(out, 'inbounds')).toHaveLength(1);
    expect(tableRows(out, 'inbounds')[0]).toMatchObject({
      tag: 'inbound-443',
      settings: '{"clients":[{"email":"a@x","id":"u1"}]}',
    });
    expect(tableRows(out, 'outbound_traffics')).toEqual([{ id: 1, tag: null, up: 9, down: 10, total: 0 }]);
    expect(report.other_tables).toEqual({ schema_migrations: 1 });
    const text = await runCli(['recover', input, '--out', join(dir, 'again.db')]);
    expect(text.stdout).toContain('SQL-first');
  });
});
