// The SQL fixtures are real SQLite, not just text for the linter: the recreated panel files run and
// reproduce the damage §3.6 describes, and the clean files make an exact up → down → up round trip.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { PANEL_TABLES, SCHEMA_MIGRATIONS_DDL } from '../../electron/panel/panel-schema';
import { panelDb } from '../support/memory-panel';

const ORIGINAL = join(import.meta.dirname, '../fixtures/panel-sql/original');
const CLEAN = join(import.meta.dirname, '../fixtures/panel-sql/clean');

const sql = (dir: string, file: string) => readFile(join(dir, file), 'utf8');

const snapshot = (db: Database): string =>
  JSON.stringify([
    db.exec("SELECT type, name, sql FROM sqlite_master WHERE name <> 'sqlite_sequence' ORDER BY type, name"),
    ...PANEL_TABLES.map((table) => db.exec(`SELECT * FROM ${table} ORDER BY id`)),
  ]);

const one = (db: Database, query: string): unknown => db.exec(query)[0]?.values[0]?.[0];

describe('the recreated panel files', () => {
  const ups = [
    '000001_init_schema.up.sql',
    '000002_tls_config.up.sql',
    '000003_xhttp_flow.up.sql',
    '000004_reality_target.up.sql',
    '000005_user_password_hash.up.sql',
  ];

  it('run up 1→5 and down 5→1 on a panel-schema database, as golang-migrate would', async () => {
    const db = await panelDb();
    for (const ddl of SCHEMA_MIGRATIONS_DDL) db.run(ddl);
    for (const file of ups) db.exec(await sql(ORIGINAL, file));
    expect(one(db, 'SELECT count(*) FROM schema_migrations')).toBe(4);
    for (const file of [...ups].reverse()) db.exec(await sql(ORIGINAL, file.replace('.up.', '.down.')));
    expect(one(db, "SELECT count(*) FROM sqlite_master WHERE name = 'inbounds'")).toBe(0);
  });

  it('reproduce S4 (invalid JSON), S11 (two flow keys), S16 (malformed JSON fails the file) and S18', async () => {
    const db = await panelDb();
    for (const ddl of SCHEMA_MIGRATIONS_DDL) db.run(ddl);
    db.run(
      `INSERT INTO inbounds (id, protocol, settings, stream_settings, tag) VALUES
        (1, 'vless', '{"clients":[{"email":"a","flow":"","id":"u1"}]}',
         '{"network":"xhttp","security":"tls","tlsSettings":{"alpn":["h2","http/1.1"],"verifyPeerCertInNames":["dns.google"]}}', 't1')`,
    );
    db.run("INSERT INTO users (username, password) VALUES ('admin', 'secret')");
    db.exec(await sql(ORIGINAL, '000002_tls_config.up.sql'));
    expect(one(db, 'SELECT json_valid(stream_settings) FROM inbounds WHERE id = 1')).toBe(0);
    db.exec(await sql(ORIGINAL, '000003_xhttp_flow.up.sql'));
    expect(one(db, 'SELECT settings FROM inbounds WHERE id = 1')).toContain(
      '"flow":"xtls-rprx-vision","email":"a","flow":""',
    );
    db.run("UPDATE inbounds SET stream_settings = stream_settings || ',reality' WHERE id = 1");
    const migration4 = await sql(ORIGINAL, '000004_reality_target.up.sql');
    expect(() => db.exec(migration4)).toThrow(/malformed JSON/);
    db.exec(await sql(ORIGINAL, '000005_user_password_hash.up.sql'));
    expect(one(db, 'SELECT password FROM users')).toBe('HASHED:secret');
  });
});

describe('the clean files', () => {
  const versions = ['000006_sniffing_route_only', '000007_link_histories_created_at', '000008_client_notes'];
  const up = async (db: Database) => {
    for (const version of versions) db.exec(await sql(CLEAN, `${version}.up.sql`));
  };
  const down = async (db: Database) => {
    for (const version of [...versions].reverse()) db.exec(await sql(CLEAN, `${version}.down.sql`));
  };

  it('go up, down and up again: the down restores every table byte for byte, the second up equals the first', async () => {
    const db = await panelDb();
    db.run(
      `INSERT INTO inbounds (id, protocol, settings, sniffing, tag) VALUES
        (1, 'vless', '{}', '{\n  "enabled": true,\n  "destOverride": ["http", "tls"]\n}', 'pretty'),
        (2, 'vless', '{}', '{"enabled":false,"routeOnly":true}', 'has-key'),
        (3, 'vless', '{}', '{"enabled":true,', 'broken'),
        (4, 'vless', '{}', '', 'empty')`,
    );
    const before = snapshot(db);
    await up(db);
    const afterUp = snapshot(db);
    expect(one(db, 'SELECT sniffing FROM inbounds WHERE id = 1')).toBe(
      '{"enabled":true,"destOverride":["http","tls"],"routeOnly":false}',
    );
    expect(one(db, 'SELECT sniffing FROM inbounds WHERE id = 2')).toBe('{"enabled":false,"routeOnly":true}');
    expect(one(db, 'SELECT sniffing FROM inbounds WHERE id = 3')).toBe('{"enabled":true,');
    await down(db);
    expect(snapshot(db)).toBe(before);
    await up(db);
    expect(snapshot(db)).toBe(afterUp);
  });
});
