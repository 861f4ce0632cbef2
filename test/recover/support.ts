// Damaged panel files for the recovery tests, generated from SQL by the native sqlite3 CLI with
// secure_delete off (as the panel's own SQLite leaves deleted content), plus the rows they hold.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, truncate } from 'node:fs/promises';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, expect } from 'vitest';
import { main } from '../../electron/cli/main';
import { PANEL_DDL, PANEL_TABLES } from '../../electron/panel/panel-schema';
import { PANEL_SCHEMA_SQL, SEED_SQL } from '../support/panel-db';
import { sqlite3, sqlite3Json } from '../support/sqlite-cli';

export type Row = Record<string, unknown>;

/** Deterministic inbounds (one with a 10 KB settings JSON that spills onto overflow pages) and traffic rows. */
export function panelRowsSql(inbounds: number, clients: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= inbounds; i++) {
    const pad = i === 7 ? 'p'.repeat(10_000) : 'x'.repeat((i * 13) % 90);
    const settings = JSON.stringify({
      clients: [{ email: `user${i}@x`, id: `uuid-${i}`, flow: '', note: pad }],
    });
    lines.push(
      `INSERT INTO inbounds (user_id,up,down,total,all_time,remark,enable,expiry_time,device_limit,listen,port,protocol,settings,stream_settings,tag,sniffing) VALUES (1,${i * 1_000_003},${i * 77},${i % 3 === 0 ? 0 : 1 << 30},${i * 5},'remark ${i} 中文',${i % 2},${i % 4 === 0 ? 0 : 1_767_225_600_000 + i},0,'',${20_000 + i},'vless','${settings}','{"network":"tcp","security":"none"}','inbound-${20_000 + i}','{"enabled":true,"destOverride":["http","tls"]}');`,
    );
  }
  for (let i = 1; i <= clients; i++) {
    lines.push(
      `INSERT INTO client_traffics (inbound_id,enable,email,up,down,all_time,expiry_time,total,reset,last_online) VALUES (${1 + (i % Math.max(inbounds, 1))},${i % 2},'client-${i}@example.com',${i * 9_999_991},${i * 31},${i % 5 === 0 ? 'NULL' : i * 1_000},${-86_400_000 * (i % 3)},${i * 1024},${i % 30},${1_764_000_000 + i});`,
    );
  }
  lines.push(
    'INSERT INTO inbound_client_ips (client_email, ips) VALUES (\'client-1@example.com\', \'["1.2.3.4","5.6.7.8"]\');',
  );
  lines.push(
    "INSERT INTO outbound_traffics (tag, up, down, total) VALUES ('direct', 10, 20, 30), ('blocked', 0, 0, 0);",
  );
  lines.push(
    "INSERT INTO link_histories (type, link, created_at) VALUES ('vless_xhttp_reality', 'vless://abc@example.com:443?type=xhttp#x', '2026-02-04 11:17:33.086746427+08:00');",
  );
  return lines.join('\n');
}

/** A panel file built from SQL; `extra` runs after the rows in the same connection. */
export function buildPanel(path: string, inbounds: number, clients: number, extra = ''): void {
  sqlite3(
    path,
    `PRAGMA secure_delete=OFF;\nBEGIN;\n${PANEL_SCHEMA_SQL}\n${SEED_SQL}\n${panelRowsSql(inbounds, clients)}\nCOMMIT;\n${extra}`,
  );
}

let SQL: SqlJsStatic | undefined;

/** Rows read in-process by sql.js (SQLite itself, without a process per query); throws on a missing table. */
export function tableRows(path: string, table: string): Row[] {
  return readRows(path, [table])[table]!;
}

export function allRows(path: string): Record<string, Row[]> {
  return readRows(path, PANEL_TABLES);
}

function readRows(path: string, tables: readonly string[]): Record<string, Row[]> {
  if (SQL === undefined) throw new Error('call loadReader() in beforeAll first');
  const db = new SQL.Database(readFileSync(path));
  try {
    const out: Record<string, Row[]> = {};
    for (const table of tables) {
      const rows: Row[] = [];
      const statement = db.prepare(`SELECT * FROM "${table}" ORDER BY id`);
      while (statement.step()) rows.push(statement.getAsObject());
      statement.free();
      out[table] = rows;
    }
    return out;
  } finally {
    db.close();
  }
}

export async function loadReader(): Promise<void> {
  SQL ??= await initSqlJs();
}

beforeAll(loadReader);

/** Pages of a table by kind, as SQLite's own dbstat sees them. */
export function pagesOf(path: string, table: string, kind: 'leaf' | 'internal' | 'overflow'): number[] {
  return sqlite3Json(
    path,
    `SELECT pageno FROM dbstat WHERE name = '${table}' AND pagetype = '${kind}' ORDER BY pageno`,
  ).map((r) => Number(r.pageno));
}

export function rootOf(path: string, table: string): number {
  return Number(sqlite3Json(path, `SELECT rootpage FROM sqlite_master WHERE name = '${table}'`)[0]?.rootpage);
}

/** Overwrites a page with pseudo-random bytes (seeded) or zeros. */
export async function damagePage(
  path: string,
  page: number,
  how: 'random' | 'zero',
  pageSize = 4096,
): Promise<void> {
  const bytes = Buffer.alloc(pageSize);
  if (how === 'random') {
    let seed = page * 2_654_435_761;
    for (let i = 0; i < pageSize; i++) {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      bytes[i] = seed >>> 24;
    }
  }
  await overwrite(path, (page - 1) * pageSize, bytes);
}

export async function overwrite(path: string, at: number, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.write(bytes, 0, bytes.length, at);
  } finally {
    await handle.close();
  }
}

export { truncate };

/** integrity_check through the native shell; a malformed file makes it exit non-zero. */
export function nativeIntegrity(path: string): string {
  try {
    return sqlite3(path, 'PRAGMA integrity_check;').trim();
  } catch (thrown) {
    return thrown instanceof Error ? thrown.message : String(thrown);
  }
}

export async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

/** The recovered file is a sound panel database: integrity ok and GORM's exact DDL for every table. */
export function expectSoundPanelFile(path: string): void {
  expect(sqlite3(path, 'PRAGMA integrity_check;').trim()).toBe('ok');
  for (const table of PANEL_TABLES) {
    const ddl = sqlite3Json(
      path,
      `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${table}'`,
    )[0]?.sql;
    expect(ddl, table).toBe(PANEL_DDL[table]);
  }
}

/**
 * Every row in the recovered table is one the test wrote, value for value: same id and columns, or,
 * for a deleted row put back under a new id (`assigned`), the same columns apart from the id.
 */
export function expectFaithful(recovered: Row[], originals: Row[], deleted: Row[] = []): void {
  const byId = new Map(originals.map((r) => [r.id, r]));
  const strip = ({ id: _id, ...rest }: Row) => rest;
  for (const row of recovered) {
    const original = byId.get(row.id);
    if (original !== undefined && JSON.stringify(original) === JSON.stringify(row)) continue;
    const match = deleted.find((d) => JSON.stringify(strip(d)) === JSON.stringify(strip(row)));
    expect(
      match,
      `recovered row ${JSON.stringify(row).slice(0, 200)} is not one that was written`,
    ).toBeDefined();
  }
}
