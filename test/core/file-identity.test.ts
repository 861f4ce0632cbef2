// No symlinks, no special files, and the replacement keeps the file's identity: a link named
// x-ui.db-shm or -wal is never chmod'ed through, a FIFO named x-ui.db-wal is NOT_A_FILE at once
// (never a hang), and x-ui.db keeps its owner, group and mode across a migrate.
import { execFileSync } from 'node:child_process';
import { chmod, chown, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as nodeFs from 'node:fs/promises';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { sha256File, tempDir } from '../support/temp-dir';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('links and special files beside the database', () => {
  for (const sidecar of ['-shm', '-wal'] as const) {
    it(`a symlink named x-ui.db${sidecar} is refused and its target keeps its mode`, async () => {
      const dir = await tempDir();
      const path = await buildFixture('f2-tls-variants', dir);
      const target = join(dir, 'someone-elses-file');
      await writeFile(target, 'not yours');
      await chmod(target, 0o644);
      await symlink(target, `${path}${sidecar}`);
      const before = await sha256File(path);
      const run = await createPanelEngine({ dbPath: path }).migrate();
      expect(run).toMatchObject({ ok: false, error: { code: 'NOT_A_FILE' } });
      expect(await modeOf(target)).toBe(0o644);
      expect(await sha256File(path)).toBe(before);
    });
  }

  it('a FIFO named x-ui.db-wal is NOT_A_FILE at once for status and migrate, never a hang', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    execFileSync('mkfifo', [`${path}-wal`]);
    const started = Date.now();
    expect(await createPanelEngine({ dbPath: path }).getStatus()).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_FILE' },
    });
    expect(await createPanelEngine({ dbPath: path }).migrate()).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_FILE' },
    });
    expect(Date.now() - started).toBeLessThan(5000);
  }, 10_000);
});

describe('the replaced file keeps its identity', () => {
  it('keeps mode 0660 and, as root, the owner and group (nobody:nogroup)', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    await chmod(path, 0o660);
    const root = process.getuid?.() === 0;
    if (root) await chown(path, 65534, 65534);
    const run = await createPanelEngine({ dbPath: path }).migrate();
    expect(run.ok).toBe(true);
    expect(run.ok && run.value.saved).toBe(true);
    const after = await stat(path);
    expect(after.mode & 0o777).toBe(0o660);
    if (root) expect([after.uid, after.gid]).toEqual([65534, 65534]);
  });

  it('says so when the owner cannot be kept, and still writes the file', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const root = process.getuid?.() === 0;
    if (root) await chown(path, 65534, 65534);
    // Not root: chown to another user fails with EPERM, as it does here for a root-owned file.
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: async (...args: Parameters<FileSystem['open']>) => {
        const handle = await nodeFs.open(...args);
        return Object.assign(handle, {
          chown: async () => Promise.reject(Object.assign(new Error('EPERM'), { code: 'EPERM' })),
        });
      },
    };
    const before = await stat(path);
    const run = await createPanelEngine({ dbPath: path, fs }).migrate();
    expect(run.ok && run.value.saved).toBe(true);
    if (before.uid !== process.getuid?.())
      expect(run.ok && run.value.safety_notes?.join(' ')).toMatch(/could not be given that owner \(EPERM\)/);
  });
});
