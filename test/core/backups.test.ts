import * as nodeFs from 'node:fs/promises';
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { verifyBackup } from '../../electron/core/index';
import { TOOL_VERSION } from '../../electron/core/tool-version';
import { writePanelDb, writePanelWalPair } from '../support/panel-db';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, snapshotTree, tempDir } from '../support/temp-dir';

const WAL_ONLY_INBOUND =
  "INSERT INTO inbounds (remark, port, protocol, settings, tag) VALUES ('only-in-wal', 443, 'vless', '{\"clients\":[]}', 'inbound-443');";

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('taking a backup', () => {
  it('writes a standalone 0600 file in a 0700 folder that holds the rows living only in the -wal', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), WAL_ONLY_INBOUND);
    const entry = unwrap(await createPanelEngine({ dbPath: path }).createBackup());

    expect((await stat(join(dir, 'x-ui.db.backups'))).mode & 0o777).toBe(0o700);
    expect((await stat(entry.path)).mode & 0o777).toBe(0o600);
    expect((await stat(`${entry.path}.json`)).mode & 0o777).toBe(0o600);
    expect([...(await readFile(entry.path)).subarray(18, 20)]).toEqual([1, 1]);
    // Copied alone to another folder, the sqlite3 CLI sees the WAL-only row: the backup needs no -wal.
    const elsewhere = join(await tempDir(), 'restored.db');
    await copyFile(entry.path, elsewhere);
    expect(sqlite3(elsewhere, 'SELECT remark FROM inbounds; PRAGMA integrity_check;').trim()).toBe(
      'only-in-wal\nok',
    );
  });

  it('records when, why, the version state, sha256, size, source path and tool version', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const now = new Date('2026-11-26T10:20:30.456Z');
    const entry = unwrap(
      await createPanelEngine({ dbPath: path, now: () => now }).createBackup('before-migrate'),
    );
    const metadata = JSON.parse(await readFile(`${entry.path}.json`, 'utf8')) as Record<string, unknown>;
    expect(metadata).toEqual({
      format: 'paneldb-backup/1',
      created: '2026-11-26T10:20:30.456Z',
      reason: 'before-migrate',
      source_path: path,
      sha256: await sha256File(entry.path),
      size: (await stat(entry.path)).size,
      version_state: { current_version: 0, applied: [5], dirty: false },
      wal_transactions_merged: 0,
      tool_version: TOOL_VERSION,
    });
    expect(entry.id).toBe('x-ui.db.20261126T102030-456Z.before-migrate.db');
  });

  it('leaves the database and its -wal untouched', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), WAL_ONLY_INBOUND);
    const before = await sha256File(path);
    const walBefore = await sha256File(`${path}-wal`);
    unwrap(await createPanelEngine({ dbPath: path }).createBackup());
    expect(await sha256File(path)).toBe(before);
    expect(await sha256File(`${path}-wal`)).toBe(walBefore);
  });

  it('gives two backups taken in the same millisecond distinct names', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const engine = createPanelEngine({ dbPath: path, now: () => new Date('2026-01-01T00:00:00Z') });
    const first = unwrap(await engine.createBackup());
    const second = unwrap(await engine.createBackup());
    expect(first.path).not.toBe(second.path);
    // Two backups and their sidecars, beside the audit log that recorded both.
    const names = await readdir(join(dir, 'x-ui.db.backups'));
    expect(names.filter((name) => name !== 'paneldb-audit.jsonl')).toHaveLength(4);
    expect(names).toContain('paneldb-audit.jsonl');
  });

  it('refuses a folder that cannot be used, and writes nothing', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    await writeFile(join(dir, 'in-the-way'), 'a file, not a folder');
    const before = await snapshotTree(dir);
    const result = await createPanelEngine({
      dbPath: path,
      backupDir: join(dir, 'in-the-way'),
    }).createBackup();
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKUP_DIR_UNWRITABLE' } });
    expect(await snapshotTree(dir)).toEqual(before);

    const readOnly: FileSystem = {
      ...nodeFileSystem,
      access: async () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
    };
    await mkdir(join(dir, 'read-only'), { mode: 0o700 });
    const denied = await createPanelEngine({
      dbPath: path,
      backupDir: join(dir, 'read-only'),
      fs: readOnly,
    }).createBackup();
    expect(denied).toMatchObject({ ok: false, error: { code: 'BACKUP_DIR_UNWRITABLE' } });
  });

  it('leaves no partial backup behind when the disk fills while writing it', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const full: FileSystem = {
      ...nodeFileSystem,
      open: (async (...args: Parameters<FileSystem['open']>) => {
        const handle = await nodeFs.open(...args);
        // The backup's own temp file fills the disk (the write lock, a few bytes, still fits).
        if (!String(args[0]).endsWith('.paneldb-tmp')) return handle;
        return Object.assign(Object.create(handle) as typeof handle, {
          write: async () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })),
          writeFile: async () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })),
          close: () => handle.close(),
        });
      }) as FileSystem['open'],
    };
    const result = await createPanelEngine({ dbPath: path, fs: full }).createBackup();
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED' } });
    expect(await readdir(join(dir, 'x-ui.db.backups'))).toEqual([]);
  });

  it('refuses to back up a database that fails its integrity check', async () => {
    const dir = await tempDir();
    const path = writePanelDb(
      join(dir, 'x-ui.db'),
      `CREATE TABLE extra (a integer, b integer);
       CREATE INDEX extra_a ON extra (a);
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO extra SELECT i, 1000 - i FROM n;
       PRAGMA writable_schema = ON;
       UPDATE sqlite_master SET sql = 'CREATE INDEX extra_a ON extra (b)' WHERE name = 'extra_a';`,
    );
    const result = await createPanelEngine({ dbPath: path }).createBackup();
    expect(result).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
  });
});

describe('listing backups', () => {
  it("lists PanelDB's backups and the panel's own <db>.backup.<unix> files, newest first", async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    await copyFile(path, join(dir, 'x-ui.db.backup.1770180197'));
    await copyFile(path, join(dir, 'other.db.backup.1770180199'));
    const engine = createPanelEngine({ dbPath: path, now: () => new Date('2026-11-26T00:00:00Z') });
    unwrap(await engine.createBackup());
    const list = unwrap(await engine.listBackups());
    expect(list.map((entry) => [entry.origin, entry.id])).toEqual([
      ['paneldb', 'x-ui.db.20261126T000000-000Z.manual.db'],
      ['panel', 'x-ui.db.backup.1770180197'],
    ]);
    expect(list[1]?.created).toBe(new Date(1770180197 * 1000).toISOString());
    const status = unwrap(await engine.getStatus());
    expect(status.last_backup).toBe(list[0]?.path);
  });
});

describe('verifying a backup', () => {
  it('passes a sound backup and names each check', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const entry = unwrap(await createPanelEngine({ dbPath: path }).createBackup());
    const report = unwrap(await verifyBackup(entry.path));
    expect(report.ok).toBe(true);
    expect(report.origin).toBe('paneldb');
    expect(report.checks.map((check) => [check.id, check.ok])).toEqual([
      ['opens', true],
      ['integrity', true],
      ['sha256', true],
      ['panel_tables', true],
      ['panel_starts', true],
    ]);
  });

  it('catches a backup whose bytes no longer match its metadata', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const entry = unwrap(await createPanelEngine({ dbPath: path }).createBackup());
    sqlite3(entry.path, "UPDATE settings SET value = '9999' WHERE key = 'webPort';");
    const report = unwrap(await verifyBackup(entry.path));
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.id === 'sha256')?.ok).toBe(false);
  });

  it("checks the panel's own backups for integrity and panel tables", async () => {
    const dir = await tempDir();
    sqlite3(join(dir, 'x-ui.db.backup.1770180197'), 'CREATE TABLE users (id integer);');
    const report = unwrap(await verifyBackup(join(dir, 'x-ui.db.backup.1770180197')));
    expect(report.origin).toBe('panel');
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.id === 'panel_tables')?.detail).toMatch(/inbounds/);
  });

  it('reports a file that is not a database as a coded error', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bogus.db'), 'not sqlite at all, just text');
    expect(await verifyBackup(join(dir, 'bogus.db'))).toMatchObject({
      ok: false,
      error: { code: 'NOT_SQLITE' },
    });
  });
});
