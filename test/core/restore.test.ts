// `restore`: a verified backup replaces the database atomically; the file it replaces is kept first
// (a verified PanelDB backup, or its raw bytes when it is too damaged to open), and a -wal beside it
// is moved aside so SQLite can never replay it over the restored file.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupEntry } from '../../electron/shared/reports';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import { verifyBackup } from '../../electron/core/index';
import { buildFixture } from '../fixtures/build';
import { sqlite3, sqlite3OnCopy } from '../support/sqlite-cli';
import { sha256File, snapshotTree, tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorCodeOf(result: { ok: true } | { ok: false; error: { code: string } }): string | null {
  return result.ok ? null : result.error.code;
}

/** SQLite's own view of the content: schema and every row, independent of page layout. */
const dumpOf = (path: string) => sqlite3(path, '.dump');

/** f2 migrated to version 5, and the before-migrate backup `migrate` took. */
async function migratedF2(): Promise<{ dir: string; path: string; backup: BackupEntry }> {
  const dir = await tempDir();
  const path = await buildFixture('f2-tls-variants', dir);
  const engine = createPanelEngine({ dbPath: path });
  const report = unwrap(await engine.migrate());
  expect(report.saved).toBe(true);
  const listed = unwrap(await engine.listBackups());
  const backup = listed.find((entry) => entry.reason === 'before-migrate');
  if (backup === undefined) throw new Error('migrate left no before-migrate backup');
  expect(backup.id).toBe(report.backup?.id);
  return { dir, path, backup };
}

describe('restoring the before-migrate backup', () => {
  it.each([
    ['by the id listBackups gives', (backup: BackupEntry) => backup.id],
    ['by its path', (backup: BackupEntry) => backup.path],
  ])('%s brings back exactly the backup content', async (_how, reference) => {
    const { path, backup } = await migratedF2();
    const backupSha = await sha256File(backup.path);
    const backupDump = dumpOf(backup.path);
    expect(dumpOf(path)).not.toBe(backupDump);

    const engine = createPanelEngine({ dbPath: path });
    const report = unwrap(await engine.restoreBackup(reference(backup)));

    expect(report.restored_from).toBe(backup.path);
    expect(report.verification.ok).toBe(true);
    expect(report.verification.origin).toBe('paneldb');
    expect(await sha256File(path)).toBe(backupSha);
    expect(dumpOf(path)).toBe(backupDump);
    expect(await sha256File(backup.path)).toBe(backupSha);
    // The restored file is at the version the backup recorded.
    const status = unwrap(await engine.getStatus());
    expect(status.applied.map((entry) => entry.version)).toEqual(backup.metadata?.version_state.applied);
    expect(status.current_version).toBe(backup.metadata?.version_state.current_version);
  });

  it('keeps a verified before-restore safety backup of the file it replaced', async () => {
    const { path, backup } = await migratedF2();
    const migratedSha = await sha256File(path);
    const migratedDump = dumpOf(path);
    const engine = createPanelEngine({ dbPath: path });

    const report = unwrap(await engine.restoreBackup(backup.id));

    const safety = unwrap(await engine.listBackups()).find((entry) => entry.path === report.safety_backup);
    expect(safety?.reason).toBe('before-restore');
    expect(safety?.metadata?.version_state).toEqual({
      current_version: 5,
      applied: [1, 2, 3, 4, 5],
      dirty: false,
    });
    expect(unwrap(await verifyBackup(report.safety_backup)).ok).toBe(true);
    expect(await sha256File(report.safety_backup)).toBe(migratedSha);
    expect(dumpOf(report.safety_backup)).toBe(migratedDump);
    // The safety backup is itself restorable: the migration comes back.
    unwrap(await engine.restoreBackup(basename(report.safety_backup)));
    expect(await sha256File(path)).toBe(migratedSha);
  });
});

describe('restoring over a database with a -wal', () => {
  it('moves the stale -wal aside so the sqlite3 CLI sees the backup rows, and keeps the WAL-only rows in the safety backup', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    const replacement = await buildFixture('f0-fresh-first-start', join(dir, 'elsewhere'));
    const walSha = await sha256File(`${path}-wal`);
    const engine = createPanelEngine({ dbPath: path });

    // A plain database file, not a PanelDB backup: unverified, so it needs the explicit confirmation;
    // f0 has no inbounds where f7 has some: a restore that also needs the explicit --accept-risk.
    expect(errorCodeOf(await engine.restoreBackup(replacement, { acceptUnverified: true }))).toBe(
      'CONFIRMATION_REQUIRED',
    );
    const report = unwrap(
      await engine.restoreBackup(replacement, { acceptUnverified: true, acceptRisk: true }),
    );

    expect(await readdir(dirname(path))).not.toContain('x-ui.db-wal');
    expect(report.moved_aside).toHaveLength(1);
    const aside = report.moved_aside[0] ?? '';
    expect(dirname(aside)).toBe(engine.backupDir);
    expect(await sha256File(aside)).toBe(walSha);
    expect(await sha256File(path)).toBe(await sha256File(replacement));
    expect(sqlite3(path, 'SELECT count(*) FROM inbounds; PRAGMA integrity_check;').trim()).toBe('0\nok');
    expect(dumpOf(path)).toBe(dumpOf(replacement));
    // What only the -wal held (the F3a inbound) is in the safety backup, merged into a standalone file.
    const kept = await sqlite3OnCopy(report.safety_backup, 'SELECT remark, port FROM inbounds', false);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.port).toBe(23731);
    expect(unwrap(await verifyBackup(report.safety_backup)).metadata?.wal_transactions_merged).toBe(2);
  });
});

describe('restore refuses', () => {
  it('a backup that fails verification (tampered after it was written) with BACKUP_INVALID, leaving everything byte-identical', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const engine = createPanelEngine({ dbPath: path });
    const backup = unwrap(await engine.createBackup());
    sqlite3(backup.path, "UPDATE users SET password = 'tampered';");
    const before = await snapshotTree(dir);

    const result = await engine.restoreBackup(backup.id);

    expect(errorCodeOf(result)).toBe('BACKUP_INVALID');
    if (!result.ok) expect(result.error.detail).toContain('sha256');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('an unknown id with BACKUP_NOT_FOUND', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const engine = createPanelEngine({ dbPath: path });
    unwrap(await engine.createBackup());
    const before = await snapshotTree(dir);

    const result = await engine.restoreBackup('x-ui.db.20991231T235959-999Z.manual.db');

    expect(errorCodeOf(result)).toBe('BACKUP_NOT_FOUND');
    expect(await snapshotTree(dir)).toEqual(before);
  });
});

describe('restoring over a damaged database', () => {
  it('still works and keeps a raw .raw safety copy holding the damaged bytes', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const engine = createPanelEngine({ dbPath: path });
    const backup = unwrap(await engine.createBackup());
    const damaged = await readFile(path);
    for (let offset = 100; offset < 4000; offset += 1) damaged[offset] = (offset * 37 + 11) & 0xff;
    await writeFile(path, damaged);
    const damagedSha = await sha256File(path);
    expect(errorCodeOf(await engine.getStatus())).toBe('DATABASE_CORRUPT');

    const report = unwrap(await engine.restoreBackup(backup.id));

    expect(report.safety_backup.endsWith('.raw')).toBe(true);
    expect(dirname(report.safety_backup)).toBe(engine.backupDir);
    expect(await sha256File(report.safety_backup)).toBe(damagedSha);
    expect(await sha256File(path)).toBe(await sha256File(backup.path));
    expect(unwrap(await engine.getStatus()).integrity).toBe('ok');
  });
});

describe("restoring one of the panel's own x-ui.db.backup.<unix> siblings", () => {
  it('works by the id listBackups gives, and leaves the sibling as it was', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f8-branch-version-5', dir);
    const sibling = join(dirname(path), 'x-ui.db.backup.1770180192');
    const siblingSha = await sha256File(sibling);
    const engine = createPanelEngine({ dbPath: path });
    const listed = unwrap(await engine.listBackups()).find(
      (entry) => entry.id === 'x-ui.db.backup.1770180192',
    );
    expect(listed?.origin).toBe('panel');
    // The panel's backups carry no PanelDB metadata: listed as unverified, and restored only when confirmed.
    expect(listed?.standing).toBe('unverified');
    const unconfirmed = await engine.restoreBackup('x-ui.db.backup.1770180192');
    expect(errorCodeOf(unconfirmed)).toBe('BACKUP_UNVERIFIED');
    expect(await sha256File(path)).not.toBe(siblingSha);

    const report = unwrap(
      await engine.restoreBackupById({ id: 'x-ui.db.backup.1770180192', acceptUnverified: true }),
    );

    expect(report.restored_from).toBe(sibling);
    expect(report.verification.origin).toBe('panel');
    expect(await sha256File(path)).toBe(siblingSha);
    expect(await sha256File(sibling)).toBe(siblingSha);
    // The pre-migration snapshot: plaintext password, and schema_migrations still empty.
    expect(sqlite3(path, 'SELECT password FROM users; SELECT count(*) FROM schema_migrations;').trim()).toBe(
      'admin\n0',
    );
    const safety = unwrap(await engine.listBackups()).find((entry) => entry.path === report.safety_backup);
    expect(safety?.reason).toBe('before-restore');
  });
});

describe('the save record of a restore', () => {
  /** The engine's file system, reading the save record and the temp file at the final rename. */
  function watchingTheRename(backupDir: string, seen: Array<{ recorded: string; written: string }>) {
    const fs: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (/\.paneldb-tmp$/.test(String(from)) && String(to).endsWith('x-ui.db')) {
          const record = (await readdir(backupDir)).find((name) => name.endsWith('.paneldb-save.json'));
          const intent = JSON.parse(await readFile(join(backupDir, String(record)), 'utf8')) as {
            new_sha256: string;
          };
          seen.push({ recorded: intent.new_sha256, written: await sha256File(String(from)) });
        }
        return nodeFileSystem.rename(from, to);
      },
    };
    return fs;
  }

  it.each([
    ['a PanelDB backup', 'rollback'],
    ["a panel's backup whose header still says WAL mode", 'wal'],
  ])('names the hash of the bytes it writes, restoring %s', async (_what, mode) => {
    const dir = await tempDir();
    const path = await buildFixture('f8-branch-version-5', dir);
    const backupDir = join(dir, 'backups');
    const sibling = join(dirname(path), 'x-ui.db.backup.1770180192');
    if (mode === 'wal') sqlite3(sibling, 'PRAGMA journal_mode = WAL;');
    const seen: Array<{ recorded: string; written: string }> = [];
    const engine = createPanelEngine({ dbPath: path, backupDir, fs: watchingTheRename(backupDir, seen) });
    const reference =
      mode === 'wal'
        ? 'x-ui.db.backup.1770180192'
        : unwrap(await createPanelEngine({ dbPath: path, backupDir }).createBackup('manual')).id;

    unwrap(await engine.restoreBackupById({ id: reference, acceptUnverified: true }));

    expect(seen).toHaveLength(1);
    expect(seen[0]?.recorded).toBe(seen[0]?.written);
    expect(await sha256File(path)).toBe(seen[0]?.written);
  });
});
