// `paneldb recover` on files damaged in the ways admins meet them: every row it puts into a panel
// table is one that was written (never invented, shifted or truncated), the new file is a sound
// panel database with GORM's DDL, and the damaged input is never written.
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlite3, sqlite3Json } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';
import {
  allRows,
  buildPanel,
  damagePage,
  expectFaithful,
  expectSoundPanelFile,
  nativeIntegrity,
  overwrite,
  pagesOf,
  runCli,
  sha256,
  tableRows,
  truncate,
  type Row,
} from './support';

interface Report {
  tables: Record<
    string,
    {
      recovered: number;
      from_btree: number;
      from_orphan_pages: number;
      from_freelist: number;
      from_freeblocks: number;
      ids_assigned: number;
      claimed_max_id: number | null;
    }
  >;
  unreadable_pages: Array<{ page: number }>;
  lost_and_found: { rows: number; by_table_guess: Record<string, number> };
  checks: { integrity: unknown };
}

async function recover(input: string, out: string): Promise<Report> {
  const before = await sha256(input);
  const { code, stdout, stderr } = await runCli(['recover', input, '--out', out, '--json']);
  expect(stderr).toBe('');
  expect(code, stdout).toBe(0);
  expect(await sha256(input)).toBe(before);
  expectSoundPanelFile(out);
  expect((await stat(out)).mode & 0o777).toBe(0o600);
  return JSON.parse(stdout) as Report;
}

async function damagedPanel(inbounds = 60, clients = 400, extra = '') {
  const dir = await tempDir('paneldb-recover-');
  const input = join(dir, 'x-ui.db');
  buildPanel(input, inbounds, clients, extra);
  return { dir, input, out: join(dir, 'recovered.db'), rows: allRows(input) };
}

describe('paneldb recover', () => {
  it('copies a healthy file completely: every table, every row, the same ids', async () => {
    const { input, out, rows } = await damagedPanel();
    const report = await recover(input, out);
    for (const [table, original] of Object.entries(rows)) {
      expect(tableRows(out, table), table).toEqual(original);
      expect(report.tables[table]?.from_btree).toBe(original.length);
    }
    expect(report.lost_and_found.rows).toBe(0);
    expect(report.tables.inbounds?.claimed_max_id).toBe(60);
  });

  it('keeps every readable row when leaf pages of inbounds and client_traffics are overwritten', async () => {
    const { input, out, rows } = await damagedPanel();
    const inboundLeaves = pagesOf(input, 'inbounds', 'leaf');
    const clientLeaves = pagesOf(input, 'client_traffics', 'leaf');
    await damagePage(input, inboundLeaves[1]!, 'random');
    await damagePage(input, clientLeaves[2]!, 'zero');
    expect(nativeIntegrity(input)).not.toBe('ok');
    const report = await recover(input, out);
    const inbounds = tableRows(out, 'inbounds');
    const clients = tableRows(out, 'client_traffics');
    expectFaithful(inbounds, rows.inbounds!);
    expectFaithful(clients, rows.client_traffics!);
    // Only the rows of the two destroyed pages are missing.
    expect(inbounds.length).toBeGreaterThan(rows.inbounds!.length - 20);
    expect(inbounds.length).toBeLessThan(rows.inbounds!.length);
    expect(clients.length).toBeGreaterThan(rows.client_traffics!.length - 120);
    expect(clients.length).toBeLessThan(rows.client_traffics!.length);
    expect(report.unreadable_pages.map((p) => p.page)).toEqual(
      expect.arrayContaining([inboundLeaves[1], clientLeaves[2]]),
    );
    expect(tableRows(out, 'users')).toEqual(rows.users);
  });

  it('puts back every row when the interior and root pages of both tables are overwritten', async () => {
    const { input, out, rows } = await damagedPanel();
    for (const table of ['inbounds', 'client_traffics']) {
      for (const page of pagesOf(input, table, 'internal')) await damagePage(input, page, 'random');
    }
    const report = await recover(input, out);
    expect(tableRows(out, 'inbounds')).toEqual(rows.inbounds);
    expect(tableRows(out, 'client_traffics')).toEqual(rows.client_traffics);
    expect(report.tables.client_traffics?.from_orphan_pages).toBe(rows.client_traffics!.length);
  });

  it('classifies every table by its known shape when page 1 (header and sqlite_master) is zeroed', async () => {
    const { input, out, rows } = await damagedPanel(30, 200);
    await overwrite(input, 0, Buffer.alloc(3000));
    const report = await recover(input, out);
    for (const table of [
      'inbounds',
      'client_traffics',
      'outbound_traffics',
      'inbound_client_ips',
      'link_histories',
      'users',
      'history_of_seeders',
    ]) {
      expect(tableRows(out, table), table).toEqual(rows[table]);
    }
    expectFaithful(tableRows(out, 'settings'), rows.settings!);
    expect(report.tables.inbounds?.from_orphan_pages).toBe(30);
  });

  it('recovers what is left of a truncated file and invents nothing for the lost tail', async () => {
    const { input, out, rows } = await damagedPanel();
    const size = (await stat(input)).size;
    await truncate(input, size - 4096 * 2 - 1000);
    await recover(input, out);
    for (const table of ['inbounds', 'client_traffics']) {
      const recovered = tableRows(out, table);
      expectFaithful(recovered, rows[table]!);
      expect(recovered.length).toBeGreaterThan(0);
    }
  });

  it('never stores a row whose overflow chain is cut: it goes to lost_and_found', async () => {
    const { input, out, rows } = await damagedPanel();
    const overflow = pagesOf(input, 'inbounds', 'overflow');
    expect(overflow.length).toBeGreaterThanOrEqual(2);
    await damagePage(input, overflow[overflow.length - 1]!, 'zero');
    const report = await recover(input, out);
    const inbounds = tableRows(out, 'inbounds');
    expect(inbounds.find((r) => r.id === 7)).toBeUndefined();
    expectFaithful(inbounds, rows.inbounds!);
    expect(inbounds).toHaveLength(rows.inbounds!.length - 1);
    expect(report.lost_and_found.by_table_guess.inbounds).toBeGreaterThanOrEqual(1);
    const lost = sqlite3Json(
      out,
      "SELECT original_rowid, reason FROM lost_and_found WHERE table_guess = 'inbounds'",
    );
    expect(lost.map((l) => l.original_rowid)).toContain(7);
    expect(lost.map((l) => l.reason).join(' ')).toMatch(/overflow/);
  });

  it("puts back all eight tables after the branch's Down() dropped them (no VACUUM)", async () => {
    const drops = [
      'link_histories',
      'history_of_seeders',
      'client_traffics',
      'inbound_client_ips',
      'settings',
      'outbound_traffics',
      'inbounds',
      'users',
    ]
      .map((t) => `DROP TABLE IF EXISTS "${t}";`)
      .join('\n');
    const dir = await tempDir('paneldb-recover-');
    const input = join(dir, 'x-ui.db');
    buildPanel(input, 60, 400);
    const rows = allRows(input);
    sqlite3(
      input,
      `PRAGMA secure_delete=OFF;\nCREATE TABLE schema_migrations (version uint64,dirty bool);\n${drops}`,
    );
    expect(sqlite3(input, "SELECT count(*) FROM sqlite_master WHERE name = 'inbounds';").trim()).toBe('0');
    const out = join(dir, 'recovered.db');
    const report = await recover(input, out);
    for (const table of [
      'inbounds',
      'client_traffics',
      'outbound_traffics',
      'inbound_client_ips',
      'link_histories',
    ]) {
      expect(tableRows(out, table), table).toEqual(rows[table]);
      // Pages of a dropped table stay as freelist leaves; the one that became a trunk page keeps its
      // old cells after the leaf list, read back by carving.
      const tally = report.tables[table]!;
      expect(tally.from_freelist + tally.from_freeblocks, table).toBe(rows[table]!.length);
    }
    // users/settings/history_of_seeders rows share one shape family; each placed one is genuine.
    for (const table of ['users', 'settings', 'history_of_seeders'])
      expectFaithful(tableRows(out, table), rows[table]!);
  });

  it('puts deleted inbounds and client_traffics rows back under new ids with their original values', async () => {
    const deletes =
      'DELETE FROM client_traffics WHERE id IN (10, 11, 12, 200); DELETE FROM inbounds WHERE id IN (3, 4);';
    const dir = await tempDir('paneldb-recover-');
    const input = join(dir, 'x-ui.db');
    buildPanel(input, 60, 400);
    const before = allRows(input);
    sqlite3(input, `PRAGMA secure_delete=OFF;\n${deletes}`);
    const live = allRows(input);
    const out = join(dir, 'recovered.db');
    const report = await recover(input, out);
    const deleted = (t: string) => before[t]!.filter((r) => !live[t]!.some((l: Row) => l.id === r.id));
    for (const table of ['inbounds', 'client_traffics']) {
      const recovered = tableRows(out, table);
      expectFaithful(recovered, live[table]!, deleted(table));
      expect(recovered.length, table).toBe(before[table]!.length);
      expect(report.tables[table]!.ids_assigned).toBe(deleted(table).length);
      // Ids above what the file handed out: the panel never reuses one.
      for (const row of recovered.filter((r) => !live[table]!.some((l: Row) => l.id === r.id)))
        expect(Number(row.id)).toBeGreaterThan(Number(report.tables[table]!.claimed_max_id ?? 0) - 1);
    }
  });

  it('refuses an --out that exists or names the input, and writes nothing', async () => {
    const { dir, input } = await damagedPanel(3, 3);
    const existing = join(dir, 'exists.db');
    await writeFile(existing, 'keep me');
    const before = await sha256(input);
    for (const out of [existing, input, `${input}-wal`]) {
      const { code, stdout } = await runCli(['recover', input, '--out', out, '--json']);
      expect(code).toBe(2);
      expect(JSON.parse(stdout).error.code).toBe('INVALID_ARGUMENT');
    }
    expect(await sha256(input)).toBe(before);
    expect(await sha256(existing)).toBe(await sha256(existing));
    const { stdout } = await runCli(['recover', input, '--out', existing]);
    expect(stdout).toBe('');
  });

  it('prints a per-table summary in English and in Chinese', async () => {
    const { input, dir } = await damagedPanel(3, 3);
    const en = await runCli(['recover', input, '--out', join(dir, 'a.db')]);
    expect(en.stdout).toContain('Recovered into a new file');
    expect(en.stdout).toContain('inbounds: 3 row(s)');
    const zh = await runCli(['--lang', 'zh-CN', 'recover', input, '--out', join(dir, 'b.db')]);
    expect(zh.stdout).toContain('已恢复到新文件');
  });
});
