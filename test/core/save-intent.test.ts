// The save record cannot be steered: a record planted beside the database (or one in the backup
// folder naming other files) moves and deletes nothing; a crash after the final rename followed by
// the panel's restart never gets an old -wal put back; read-only commands act on nothing.
import * as nodeFs from 'node:fs/promises';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { saveIntentPathOf } from '../../electron/core/save-intent';
import { buildFixture } from '../fixtures/build';
import { panelStart } from '../support/live-sqlite';
import { sqlite3, sqlite3OnCopy } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

class SimulatedCrash extends Error {}
const isDbTemp = (path: string) => /^\.x-ui\.db\.[0-9a-f]{12}\.paneldb-tmp$/.test(basename(path));
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('the save record', () => {
  it('planted beside the database naming other files: status and migrate delete and move nothing', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    const yours = join(dir, 'your-file.txt');
    const theirs = join(dir, 'their-file.txt');
    const privateDir = join(dir, 'private');
    await writeFile(yours, 'yours');
    await writeFile(theirs, 'theirs');
    await mkdir(privateDir);
    const planted = {
      format: 'paneldb-save/1',
      target: path,
      temp: yours,
      temp_sha256: '00',
      moves: [{ from: join(privateDir, 'job'), to: theirs }],
    };
    await writeFile(
      join(dir, 'f7-wal-uncheckpointed', '.x-ui.db.paneldb-save.json'),
      JSON.stringify(planted),
    );
    expect((await createPanelEngine({ dbPath: path }).getStatus()).ok).toBe(true);
    expect((await createPanelEngine({ dbPath: path }).migrate()).ok).toBe(true);
    expect(await readFile(yours, 'utf8')).toBe('yours');
    expect(await readFile(theirs, 'utf8')).toBe('theirs');
    expect(await readdir(privateDir)).toEqual([]);
  });

  it('in the backup folder but naming files that are not the database siblings: ignored and reported', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    const backupDir = `${path}.backups`;
    await mkdir(backupDir, { mode: 0o700 });
    const record = saveIntentPathOf(await nodeFs.realpath(path), backupDir);
    const hash = 'a'.repeat(64);
    await writeFile(
      record,
      JSON.stringify({
        format: 'paneldb-save/2',
        target: await nodeFs.realpath(path),
        temp: '../victim.txt',
        original_sha256: hash,
        new_sha256: hash,
        wal: { aside: '../../victim.txt', sha256: hash },
        shm_aside: null,
        backup: null,
        started: 'x',
      }),
    );
    const status = await createPanelEngine({ dbPath: path }).getStatus();
    expect(status.ok && status.value.warnings.find((w) => w.code === 'INTERRUPTED_SAVE')?.message).toMatch(
      /ignored because its temp file/,
    );
    const run = await createPanelEngine({ dbPath: path }).migrate();
    expect(run.ok).toBe(true);
    expect(run.ok && run.value.safety_notes?.join(' ')).toMatch(/was ignored/);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
  });

  it('malformed: status and writes report it instead of failing with INTERNAL', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    await mkdir(`${path}.backups`, { mode: 0o700 });
    await writeFile(
      saveIntentPathOf(await nodeFs.realpath(path), `${path}.backups`),
      '{"format": "paneldb-sa',
    );
    const status = await createPanelEngine({ dbPath: path }).getStatus();
    expect(status.ok).toBe(true);
    const run = await createPanelEngine({ dbPath: path }).migrate();
    expect(run.ok && run.value.safety_notes?.join(' ')).toMatch(/not valid JSON/);
  });

  it('a crash right after the final rename, then a panel start: the old -wal is never put back', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    // Dies at the first write after the temp file became the database (removing the save record).
    let renamed = false;
    let dead = false;
    const fs: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (dead) throw new SimulatedCrash('dead');
        await nodeFs.rename(from, to);
        if (isDbTemp(String(from))) renamed = true;
      },
      rm: async (...args) => {
        if (dead || renamed) {
          dead = true;
          throw new SimulatedCrash('killed right after the final rename');
        }
        return nodeFs.rm(...args);
      },
      open: async (...args: Parameters<FileSystem['open']>) => {
        if (dead || (renamed && args[1] !== 'r')) {
          dead = true;
          throw new SimulatedCrash('dead');
        }
        return nodeFs.open(...args);
      },
    };
    expect((await createPanelEngine({ dbPath: path, fs }).migrate()).ok).toBe(false);
    expect(renamed).toBe(true);
    const migrated = await sha256File(path);
    panelStart(path, 'panel-row-after-restart');
    expect(await sha256File(path)).not.toBe(migrated);

    const next = await createPanelEngine({ dbPath: path }).migrate();
    expect(next.ok && next.value.safety_notes?.join(' ')).toMatch(
      /neither the original nor the new.*nothing was moved/,
    );
    expect(await exists(`${path}-wal`)).toBe(false);
    expect(sqlite3(path, 'PRAGMA integrity_check;', ['-readonly']).trim()).toBe('ok');
    const rows = await sqlite3OnCopy(
      path,
      "SELECT key FROM settings WHERE key = 'panel-row-after-restart';",
      true,
    );
    expect(rows).toEqual([{ key: 'panel-row-after-restart' }]);
    // The WAL from before the migrate is still kept in the backup folder, not merged anywhere.
    expect(
      (await readdir(`${path}.backups`)).some(
        (name) => name.includes('-wal.') && name.endsWith('.moved-aside'),
      ),
    ).toBe(true);
  });

  it('status during a migrate touches neither the live record nor the temp file', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    let statusDuring: Awaited<ReturnType<ReturnType<typeof createPanelEngine>['getStatus']>> | undefined;
    let listingBefore: string[] = [];
    let listingAfter: string[] = [];
    const listing = async () =>
      [...(await readdir(join(dir, 'f7-wal-uncheckpointed'))), ...(await readdir(`${path}.backups`))].sort();
    // The window: the -wal is aside, the record written, the temp file not yet renamed.
    const fs: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (isDbTemp(String(from))) {
          listingBefore = await listing();
          statusDuring = await createPanelEngine({ dbPath: path }).getStatus();
          listingAfter = await listing();
        }
        return nodeFs.rename(from, to);
      },
    };
    const run = await createPanelEngine({ dbPath: path, fs }).migrate();
    expect(run.ok).toBe(true);
    expect(statusDuring?.ok).toBe(true);
    expect(listingBefore.some((name) => name.endsWith('.paneldb-save.json'))).toBe(true);
    expect(listingAfter).toEqual(listingBefore);
    expect(await exists(`${path}-wal`)).toBe(false);
  });
});

describe('leftover temp files', () => {
  it('are removed under the lock only when they are PanelDB own regular files; a folder or link named like one stays', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const folder = join(dir, 'f2-tls-variants');
    const stale = join(folder, '.x-ui.db.0123456789ab.paneldb-tmp');
    const folderLike = join(folder, '.x-ui.db.abcdefabcdef.paneldb-tmp');
    const linkLike = join(folder, '.x-ui.db.fedcbafedcba.paneldb-tmp');
    const target = join(dir, 'linked.txt');
    await writeFile(stale, 'old copy');
    await mkdir(folderLike);
    await writeFile(target, 'keep');
    await nodeFs.symlink(target, linkLike);
    const other = join(folder, '.x-ui.db.not-ours.paneldb-tmp');
    await writeFile(other, 'not our pattern');

    expect((await createPanelEngine({ dbPath: path }).getStatus()).ok).toBe(true);
    expect(await exists(stale)).toBe(true); // status is read-only
    const run = await createPanelEngine({ dbPath: path }).migrate();
    expect(run.ok).toBe(true);
    expect(run.ok && run.value.safety_notes?.join(' ')).toMatch(/Removed 1 temp file/);
    expect(await exists(stale)).toBe(false);
    expect((await stat(folderLike)).isDirectory()).toBe(true);
    expect((await nodeFs.lstat(linkLike)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('keep');
    expect(await exists(other)).toBe(true);
  });
});
