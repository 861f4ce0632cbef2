// Disk faults through the engine's injectable file system: a write error while writing the backup,
// its metadata, the temp file or during the rename, and a full disk. Each leaves the database and
// its -wal untouched and says what failed.
import * as nodeFs from 'node:fs/promises';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { tempDir } from '../support/temp-dir';

const fault = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/** Fails writes of handles opened for files whose path matches `target`. */
function failingWrites(target: (path: string) => boolean, code = 'ENOSPC'): Partial<FileSystem> {
  return {
    open: (async (...args: Parameters<FileSystem['open']>) => {
      const handle = await nodeFs.open(...args);
      if (!target(String(args[0])) || args[1] === 'r') return handle;
      return Object.assign(Object.create(handle) as typeof handle, {
        write: async () => Promise.reject(fault(code)),
        writeFile: async () => Promise.reject(fault(code)),
        close: () => handle.close(),
      });
    }) as FileSystem['open'],
  };
}

const inBackupFolder = (path: string) => dirname(path).endsWith('.backups');
const isDbTemp = (path: string) => /^\.x-ui\.db\.[0-9a-f]{12}\.paneldb-tmp$/.test(basename(path));

const cases: Array<{ name: string; fs: Partial<FileSystem>; code: string; says: RegExp }> = [
  {
    name: 'the disk fills while the backup is written',
    // The write lock (a few bytes, written first) still fits; the backup does not.
    fs: failingWrites(
      (path) => inBackupFolder(path) && !path.includes('.json') && !path.endsWith('.paneldb-lock'),
    ),
    code: 'BACKUP_FAILED',
    says: /backup/i,
  },
  {
    name: "the backup's metadata cannot be written",
    fs: failingWrites((path) => inBackupFolder(path) && path.includes('.json')),
    code: 'BACKUP_FAILED',
    says: /metadata/i,
  },
  {
    name: 'the backup cannot be renamed into place',
    fs: {
      rename: async (from, to) =>
        inBackupFolder(String(to)) && String(to).endsWith('.db')
          ? Promise.reject(fault('EIO'))
          : nodeFs.rename(from, to),
    },
    code: 'BACKUP_FAILED',
    says: /backup/i,
  },
  {
    name: 'the disk fills while the new database is written',
    fs: failingWrites((path) => isDbTemp(basename(path)) || isDbTemp(path)),
    code: 'WRITE_FAILED',
    says: /replace/i,
  },
  {
    name: 'the final rename fails',
    fs: {
      rename: async (from, to) =>
        isDbTemp(String(from)) ? Promise.reject(fault('EIO')) : nodeFs.rename(from, to),
    },
    code: 'WRITE_FAILED',
    says: /replace/i,
  },
  {
    // The write lock is the first thing a write writes: nothing else is attempted.
    name: 'the disk is full for every write',
    fs: failingWrites(() => true),
    code: 'WRITE_FAILED',
    says: /write lock/i,
  },
];

describe('disk faults during a migrate', () => {
  for (const testCase of cases) {
    it(`${testCase.name}: the database and its -wal stay as they were and the error says what failed`, async () => {
      const dir = await tempDir();
      const path = await buildFixture('f7-wal-uncheckpointed', dir);
      const before = [await readFile(path), await readFile(`${path}-wal`)];
      const fs = { ...nodeFileSystem, ...testCase.fs } as FileSystem;
      const result = await createPanelEngine({ dbPath: path, fs }).migrate();
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(testCase.code);
      expect(result.error.message).toMatch(testCase.says);
      expect(result.error.message).toMatch(/not touched|left as it was|removed/);
      expect([await readFile(path), await readFile(`${path}-wal`)]).toEqual(before);
      const folder = await readdir(dirname(path));
      expect(folder.filter((name) => /paneldb-(tmp|save)/.test(name))).toEqual([]);
      // And nothing is lost: the next status reads the same rows, WAL included.
      const status = await createPanelEngine({ dbPath: path }).getStatus();
      expect(status.ok && status.value.journal.wal_transactions_applied).toBeGreaterThan(0);
    });
  }
});
