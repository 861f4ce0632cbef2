// One writer at a time: a second write while one runs is refused with DATABASE_LOCKED naming the
// holder; a lock whose holder is gone is taken over with a note; the changed-on-disk check runs
// after the temp file is written, right before the rename.
import { spawnSync } from 'node:child_process';
import * as nodeFs from 'node:fs/promises';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../electron/cli/exit-codes';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { lockPathOf } from '../../electron/core/write-lock';
import { buildFixture } from '../fixtures/build';
import { sqlite3, sqlite3OnCopy } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

const isDbTemp = (path: string) => /^\.x-ui\.db\.[0-9a-f]{12}\.paneldb-tmp$/.test(basename(path));

/** A file system whose final rename of the database waits until `during` has run. */
function pausedAtRename(during: () => Promise<void>): FileSystem {
  return {
    ...nodeFileSystem,
    rename: async (from, to) => {
      if (isDbTemp(String(from))) await during();
      return nodeFs.rename(from, to);
    },
  };
}

describe('the write lock', () => {
  it('refuses a second writer while a migrate runs, naming the holder (exit 4)', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const seconds: Array<Awaited<ReturnType<ReturnType<typeof createPanelEngine>['migrate']>>> = [];
    const fs = pausedAtRename(async () => {
      const other = createPanelEngine({ dbPath: path });
      seconds.push(await other.applyFix('tls-disabled-with-cert'));
      seconds.push((await other.restoreBackup('nothing')) as never);
      seconds.push((await other.createBackup()) as never);
    });
    const first = await createPanelEngine({ dbPath: path, fs }).migrate();
    expect(first.ok).toBe(true);
    expect(seconds).toHaveLength(3);
    for (const second of seconds) {
      expect(second).toMatchObject({ ok: false, error: { code: 'DATABASE_LOCKED' } });
      if (!second.ok) {
        expect(second.error.message).toMatch(new RegExp(`migrate, pid ${process.pid}`));
        expect(second.error.hint).toMatchObject({
          action: 'wait-for-writer',
          holder: { pid: process.pid, command: 'migrate' },
        });
        expect(exitCodeFor(second.error.code)).toBe(4);
      }
    }
    // Released afterwards: the next write goes through.
    expect((await createPanelEngine({ dbPath: path }).createBackup()).ok).toBe(true);
  });

  it('refuses a second writer that uses another backup folder: the lock is per database', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    let second: Awaited<ReturnType<ReturnType<typeof createPanelEngine>['createBackup']>> | undefined;
    const fs = pausedAtRename(async () => {
      second = await createPanelEngine({ dbPath: path, backupDir: `${dir}/other-backups` }).createBackup();
    });
    const first = await createPanelEngine({ dbPath: path, backupDir: `${dir}/my-backups`, fs }).migrate();
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'DATABASE_LOCKED' } });
    // The lock lived in the database's own private folder; the chosen folders got only backups.
    expect((await stat(`${path}.backups`)).mode & 0o777).toBe(0o700);
    expect(await readdir(`${path}.backups`)).toEqual([]);
    expect(await readdir(`${dir}/other-backups`)).toEqual([]);
  });

  it('takes over a lock whose holder is gone, and says so', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const gone = spawnSync('node', ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    await mkdir(`${path}.backups`, { mode: 0o700 });
    const lock = lockPathOf(await nodeFs.realpath(path));
    await writeFile(
      lock,
      JSON.stringify({
        pid: deadPid,
        command: 'migrate',
        since: '2026-01-01T00:00:00.000Z',
        host: (await import('node:os')).hostname(),
        start: null,
        token: 'x',
      }),
    );
    const run = await createPanelEngine({ dbPath: path }).migrate();
    expect(run.ok).toBe(true);
    expect(run.ok && run.value.safety_notes?.join(' ')).toMatch(
      new RegExp(`pid ${deadPid}.*stale.*taken over`),
    );
    await expect(stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over an empty lock left by a crash while it was being written', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    await mkdir(`${path}.backups`, { mode: 0o700 });
    await writeFile(lockPathOf(await nodeFs.realpath(path)), '');
    const run = await createPanelEngine({ dbPath: path }).createBackup();
    expect(run.ok && run.value.safety_notes?.join(' ')).toMatch(/unreadable write lock/);
  });

  it('is refused as a link, not followed', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    await mkdir(`${path}.backups`, { mode: 0o700 });
    const elsewhere = `${dir}/elsewhere.json`;
    await writeFile(elsewhere, '{}');
    await nodeFs.symlink(elsewhere, lockPathOf(await nodeFs.realpath(path)));
    const run = await createPanelEngine({ dbPath: path }).migrate();
    expect(run).toMatchObject({ ok: false, error: { code: 'NOT_A_FILE' } });
    expect(await nodeFs.readFile(elsewhere, 'utf8')).toBe('{}');
  });

  it('is not taken by read-only commands: status creates no backup folder and no lock', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const engine = createPanelEngine({ dbPath: path });
    expect((await engine.getStatus()).ok).toBe(true);
    expect((await engine.check()).ok).toBe(true);
    expect((await engine.previewMigrate()).ok).toBe(true);
    expect(await readdir(`${dir}/f2-tls-variants`)).toEqual(['x-ui.db']);
  });
});

describe('the changed-on-disk check', () => {
  it('runs after the temp file is written, right before the rename: a commit in that window is kept', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    // The panel commits while the new file is being written (the wide window before).
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: async (...args: Parameters<FileSystem['open']>) => {
        const handle = await nodeFs.open(...args);
        if (!isDbTemp(String(args[0]))) return handle;
        const close = handle.close.bind(handle);
        return Object.assign(handle, {
          close: async () => {
            await close();
            sqlite3(path, "INSERT INTO settings(key, value) VALUES('committed-meanwhile', '1');");
          },
        });
      },
    };
    const before = await sha256File(path);
    const run = await createPanelEngine({ dbPath: path, fs }).migrate();
    expect(run).toMatchObject({ ok: false, error: { code: 'FILE_CHANGED_ON_DISK' } });
    expect(await sha256File(path)).not.toBe(before);
    expect(
      await sqlite3OnCopy(path, "SELECT key FROM settings WHERE key = 'committed-meanwhile';", true),
    ).toHaveLength(1);
  });
});
