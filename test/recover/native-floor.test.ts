// The native sqlite3 shell's `.recover` is the floor PanelDB must reach per table. Debian's library
// lacks the sqlite_dbpage table it needs, so the test builds a tiny read-only stand-in
// (native/dbpage.c) with cc. Where `.recover` finds nothing for a table (rows orphaned by a damaged
// root, dropped tables), PanelDB must still put the rows back, by the known panel schema.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlite3, sqlite3Json } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';
import {
  allRows,
  buildPanel,
  damagePage,
  expectFaithful,
  overwrite,
  pagesOf,
  runCli,
  tableRows,
} from './support';

const hasCompiler = (() => {
  try {
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
    execFileSync('sh', ['-c', 'test -f /usr/include/sqlite3ext.h']);
    return true;
  } catch {
    return false;
  }
})();

let extension = '';
const TABLES = ['inbounds', 'client_traffics', 'outbound_traffics', 'inbound_client_ips', 'link_histories'];

/** Rows the shell's .recover puts into each panel table (its lost_and_found is not counted). */
async function nativeRecover(input: string, dir: string): Promise<Record<string, number>> {
  const copy = join(dir, 'native-input.db');
  await copyFile(input, copy);
  const sql = execFileSync('sqlite3', ['-batch', '-cmd', `.load ${extension}`, copy, '.recover'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const rebuilt = join(dir, 'native-out.db');
  execFileSync('sqlite3', ['-batch', rebuilt], { input: sql });
  const names = new Set(
    sqlite3Json(rebuilt, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r.name)),
  );
  return Object.fromEntries(
    TABLES.map((t) => [
      t,
      names.has(t) ? Number(sqlite3(rebuilt, `SELECT count(*) FROM "${t}";`).trim()) : 0,
    ]),
  );
}

async function scenario(damage: (input: string) => Promise<void>, extra = '') {
  const dir = await tempDir('paneldb-floor-');
  const input = join(dir, 'x-ui.db');
  buildPanel(input, 60, 400);
  const rows = allRows(input);
  if (extra !== '') sqlite3(input, `PRAGMA secure_delete=OFF;\n${extra}`);
  await damage(input);
  const native = await nativeRecover(input, dir);
  const out = join(dir, 'paneldb.db');
  const { code, stdout } = await runCli(['recover', input, '--out', out]);
  expect(code, stdout).toBe(0);
  const ours = Object.fromEntries(TABLES.map((t) => [t, tableRows(out, t).length]));
  for (const t of TABLES) expectFaithful(tableRows(out, t), rows[t]!);
  return { rows, native, ours };
}

describe.skipIf(!hasCompiler)('paneldb recover against the native .recover floor', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    // Shared by every test here, so not tempDir() (removed after each test).
    dir = await mkdtemp(join(tmpdir(), 'paneldb-dbpage-'));
    extension = join(dir, 'dbpage');
    execFileSync('cc', [
      '-shared',
      '-fPIC',
      '-O1',
      '-o',
      `${extension}.so`,
      join(__dirname, 'native/dbpage.c'),
    ]);
  });

  it('reaches at least what .recover reads when leaf pages are overwritten', async () => {
    const { native, ours } = await scenario(async (input) => {
      await damagePage(input, pagesOf(input, 'inbounds', 'leaf')[1]!, 'random');
      await damagePage(input, pagesOf(input, 'client_traffics', 'leaf')[2]!, 'zero');
    });
    for (const t of TABLES) expect(ours[t], t).toBeGreaterThanOrEqual(native[t]!);
  });

  it('puts rows orphaned by destroyed interior pages back where .recover leaves them out', async () => {
    const { native, ours, rows } = await scenario(async (input) => {
      for (const t of ['inbounds', 'client_traffics'])
        for (const p of pagesOf(input, t, 'internal')) await damagePage(input, p, 'zero');
    });
    for (const t of TABLES) expect(ours[t], t).toBeGreaterThanOrEqual(native[t]!);
    expect(ours.client_traffics).toBe(rows.client_traffics!.length);
    expect(native.client_traffics).toBeLessThan(rows.client_traffics!.length);
  });

  it('reaches at least what .recover reads when page 1 is partly zeroed', async () => {
    const { native, ours } = await scenario(async (input) => overwrite(input, 0, Buffer.alloc(3000)));
    for (const t of TABLES) expect(ours[t], t).toBeGreaterThanOrEqual(native[t]!);
    expect(ours.inbounds).toBe(60);
  });

  it('puts back dropped tables, which .recover cannot name', async () => {
    const drops = TABLES.map((t) => `DROP TABLE "${t}";`).join('\n');
    const { native, ours, rows } = await scenario(async () => undefined, drops);
    for (const t of TABLES) {
      expect(native[t], t).toBe(0);
      expect(ours[t], t).toBe(rows[t]!.length);
    }
  });
});

describe.skipIf(hasCompiler)(
  'native .recover floor: SKIPPED, no C compiler (cc) or sqlite3ext.h to build the sqlite_dbpage extension',
  () => {
    it('is skipped on this machine', () => undefined);
  },
);
