// Issue 14B, point 4: restores you can see. Every backup — PanelDB's and the panel's own — shows
// its version state, its inbound / client / user counts and whether the panel can start on it,
// read lazily and cached by fingerprint; a risky restore needs an explicit yes; `verify` fails on
// a file the panel cannot start on; "Compare with current" is a row-level JSON diff.
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { verifyBackup } from '../../electron/core/index';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import type { Result } from '../../electron/shared/result';
import { buildFixture } from '../fixtures/build';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('inspecting a backup', () => {
  it("shows the panel's own x-ui.db.backup.<unix>: version state, counts, and that the panel can start on it", async () => {
    const path = await buildFixture('f9-tables-dropped', await tempDir());
    const engine = createPanelEngine({ dbPath: path });
    const comparison = unwrap(await engine.inspectBackup('x-ui.db.backup.1770180197'));
    expect(comparison.backup).toMatchObject({
      id: 'x-ui.db.backup.1770180197',
      readable: true,
      panel_can_start: true,
      counts: { inbounds: 3, users: 1 },
    });
    expect(comparison.backup.counts?.clients).toBeGreaterThan(0);
    expect(comparison.backup.version_state?.current_version).toBe(5);
    // The file now: the panel tables are gone, the panel cannot start on it.
    expect(comparison.current).toMatchObject({ panel_can_start: false, problems: ['tables-dropped'] });
    // Restoring it is not risky: it brings inbounds back.
    expect(comparison.risks).toEqual([]);
  });

  it('counts clients from the inbounds’ settings JSON', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const engine = createPanelEngine({ dbPath: path });
    const backup = unwrap(await engine.createBackup());
    const expected = sqlite3(
      path,
      "SELECT sum(json_array_length(json_extract(settings, '$.clients'))) FROM inbounds WHERE json_valid(settings);",
    ).trim();
    const comparison = unwrap(await engine.inspectBackup(backup.id));
    expect(comparison.backup.counts?.clients).toBe(Number(expected));
    expect(comparison.current.counts).toEqual(comparison.backup.counts);
  });

  it('reads a backup once and answers again from the cache until the file changes', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const backup = unwrap(await createPanelEngine({ dbPath: path }).createBackup());
    const reads: string[] = [];
    const counting: FileSystem = {
      ...nodeFileSystem,
      readFile: ((file: string, ...rest: unknown[]) => {
        reads.push(String(file));
        return (nodeFileSystem.readFile as (...args: unknown[]) => unknown)(file, ...rest);
      }) as FileSystem['readFile'],
      // Loading reads through a file handle (no following links): count the opens too.
      open: ((file: string, ...rest: unknown[]) => {
        reads.push(String(file));
        return (nodeFileSystem.open as (...args: unknown[]) => unknown)(file, ...rest);
      }) as FileSystem['open'],
    };
    const engine = createPanelEngine({ dbPath: path, fs: counting });
    unwrap(await engine.inspectBackup(backup.id));
    const first = reads.filter((file) => file === backup.path).length;
    expect(first).toBeGreaterThan(0);
    unwrap(await engine.inspectBackup(backup.id));
    expect(reads.filter((file) => file === backup.path).length).toBe(first);
    // Another file in its place: read again, and the new content shows.
    const other = await buildFixture('f0-fresh-first-start', await tempDir());
    await copyFile(other, backup.path);
    const again = unwrap(await engine.inspectBackup(backup.id));
    expect(reads.filter((file) => file === backup.path).length).toBeGreaterThan(first);
    expect(again.backup.counts?.inbounds).toBe(0);
  });
});

describe('verify', () => {
  it('fails on an empty SQL-first file the panel cannot start on, naming the check', async () => {
    const path = await buildFixture('f10-sql-first-schema', await tempDir());
    const report = unwrap(await verifyBackup(path));
    expect(report.ok).toBe(false);
    const check = report.checks.find((item) => item.id === 'panel_starts');
    expect(check).toMatchObject({ ok: false });
    expect(check?.detail).toContain('sql-first-schema');
  });

  it('passes a backup the panel can start on', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    // A PanelDB backup (with its metadata): a bare file is "unverified", not a pass (issue 12).
    const backup = unwrap(await createPanelEngine({ dbPath: path }).createBackup());
    const report = unwrap(await verifyBackup(backup.path));
    expect(report.ok).toBe(true);
    expect(report.checks.find((item) => item.id === 'panel_starts')?.ok).toBe(true);
  });
});

describe('a risky restore', () => {
  it('is refused without an explicit yes when the backup has no inbounds and the file has some, and works with it', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const emptyPanel = await buildFixture('f0-fresh-first-start', join(dir, 'other'));
    await copyFile(emptyPanel, `${path}.backup.1770000000`);
    const engine = createPanelEngine({ dbPath: path });
    const before = await sha256File(path);

    const comparison = unwrap(await engine.inspectBackup('x-ui.db.backup.1770000000'));
    expect(comparison.risks).toEqual(['far-fewer-inbounds']);
    expect(comparison.current.counts?.inbounds).toBeGreaterThan(0);
    expect(comparison.backup.counts?.inbounds).toBe(0);

    const refused = await engine.restoreBackupById({
      id: 'x-ui.db.backup.1770000000',
      acceptUnverified: true,
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.error.hint).toEqual({ action: 'accept-risk', risks: ['far-fewer-inbounds'] });
    expect(refused.error.message).not.toMatch(/paneldb |--/);
    expect(await sha256File(path)).toBe(before);

    unwrap(
      await engine.restoreBackupById({
        id: 'x-ui.db.backup.1770000000',
        acceptUnverified: true,
        acceptRisk: true,
      }),
    );
    expect(await readFile(path)).toEqual(await readFile(`${path}.backup.1770000000`));
  });

  it('is refused for a backup the panel cannot start on (an empty SQL-first file)', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f0-fresh-first-start', dir);
    const sqlFirst = await buildFixture('f10-sql-first-schema', join(dir, 'other'));
    await copyFile(sqlFirst, `${path}.backup.1770000001`);
    const engine = createPanelEngine({ dbPath: path });
    const refused = await engine.restoreBackupById({
      id: 'x-ui.db.backup.1770000001',
      acceptUnverified: true,
    });
    expect(refused.ok || refused.error.hint).toEqual({
      action: 'accept-risk',
      risks: ['panel-cannot-start'],
    });
  });
});

describe('comparing a backup with the open file', () => {
  it('lists every changed row as a key-level JSON diff, before = now and after = the backup', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const engine = createPanelEngine({ dbPath: path });
    const migrated = unwrap(await engine.migrate());
    const backupId = migrated.backup?.id ?? '';
    const diff = unwrap(await engine.compareBackup(backupId));
    expect(diff.backup_id).toBe(backupId);
    const inbound = diff.changes.find((change) => change.table === 'inbounds');
    expect(inbound?.json_changes?.length).toBeGreaterThan(0);
    expect(inbound?.label).not.toBeNull();
    // The migration wrote its markers and log: rows only the file now has.
    expect(Object.keys(diff.only_current)).toContain('history_of_seeders');
    // The same file compared with its own copy: nothing differs.
    const copy = unwrap(await engine.createBackup());
    const same = unwrap(await engine.compareBackup(copy.id));
    expect(same.changes).toEqual([]);
    expect(same.only_backup).toEqual({});
  });
});

describe('refusals carry a hint, not a command line', () => {
  it('an irreversible step names the backup to restore as a hint', async () => {
    const path = await buildFixture('f1-legacy-nothing-recorded', await tempDir());
    const engine = createPanelEngine({ dbPath: path });
    const migrated = unwrap(await engine.migrate());
    const refused = await engine.rollBack({ to: 0 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('ROLLBACK_REFUSED');
    expect(refused.error.message).not.toMatch(/paneldb |--/);
    expect(refused.error.hint).toMatchObject({ action: 'restore-backup', backupId: migrated.backup?.id });
  });
});

describe('history across a restore', () => {
  it('keeps the entries of the replaced file, read from its before-restore safety backup and marked as such', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const engine = createPanelEngine({ dbPath: path });
    const migrated = unwrap(await engine.migrate());
    const before = unwrap(await engine.getHistory());
    expect(before.length).toBe(4);
    unwrap(await engine.restoreBackupById(migrated.backup?.id ?? ''));
    const after = unwrap(await engine.getHistory());
    // The file is back at its pre-migration state (no log of its own), yet the four runs still show.
    expect(after.filter((entry) => entry.from_backup === undefined)).toEqual([]);
    expect(after.map((entry) => [entry.version, entry.direction])).toEqual(
      before.map((entry) => [entry.version, entry.direction]),
    );
    for (const entry of after) expect(entry.from_backup).toMatch(/before-restore\.db$/);
    // Nothing to roll back on the restored file: the kept entries plan no rollback.
    expect(unwrap(await engine.getStatus()).current_version).toBe(0);
  });
});

describe('the SQL-first message says what is true', () => {
  it('names the wrong DDL and counts the rows present', async () => {
    const path = await buildFixture('f10-sql-first-schema', await tempDir());
    const engine = createPanelEngine({ dbPath: path });
    const empty = unwrap(await engine.repair());
    expect(empty.recommendation.action).toBe('restore-backup');
    expect(empty.recommendation.reason).toContain('wrong DDL');
    expect(empty.recommendation.reason).toContain('no inbounds');
    expect(empty.recommendation.reason).not.toMatch(/gone|dropped/);

    const statements = Array.from(
      { length: 14 },
      (_, i) =>
        `INSERT INTO inbounds (remark, port, protocol, settings, tag) VALUES ('in${i}', ${10000 + i}, 'vless', '{"clients":[{"email":"c${i}"}]}', 'tag${i}');`,
    );
    sqlite3(path, statements.join('\n'));
    const full = unwrap(await engine.repair());
    expect(full.recommendation.reason).toContain('14 inbound(s), 14 client(s)');
    // Still a file the panel cannot start on.
    expect(unwrap(await verifyBackup(path)).ok).toBe(false);
  });
});
