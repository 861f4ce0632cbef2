// Recent files: newest first, no duplicates, at most ten, ids instead of paths, and a damaged list
// never stops the app.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecentFiles, MAX_RECENT_FILES, recentId } from '../../electron/main/recent-files';
import { tempDir } from '../support/temp-dir';

describe('recent files', () => {
  it('keeps the newest first, without duplicates, at most ten, in a private file', async () => {
    const file = join(await tempDir(), 'user-data', 'recent-files.json');
    const recent = createRecentFiles(file);
    expect(await recent.list()).toEqual([]);
    for (let n = 1; n <= 12; n += 1) await recent.add(`/srv/${n}/x-ui.db`);
    await recent.add('/srv/5/x-ui.db');
    const listed = await recent.list();
    expect(listed).toHaveLength(MAX_RECENT_FILES);
    expect(listed.slice(0, 3).map((entry) => entry.path)).toEqual([
      '/srv/5/x-ui.db',
      '/srv/12/x-ui.db',
      '/srv/11/x-ui.db',
    ]);
    expect(listed.map((entry) => entry.path)).not.toContain('/srv/1/x-ui.db');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('names each file by a stable id that is not its path', async () => {
    const recent = createRecentFiles(join(await tempDir(), 'recent-files.json'));
    await recent.add('/srv/a/x-ui.db');
    const [entry] = await recent.list();
    expect(entry?.id).toBe(recentId('/srv/a/x-ui.db'));
    expect(entry?.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('serialises concurrent adds and tells listeners after each change', async () => {
    const recent = createRecentFiles(join(await tempDir(), 'recent-files.json'));
    let changes = 0;
    recent.onChange(() => (changes += 1));
    await Promise.all(['/a.db', '/b.db', '/c.db'].map((path) => recent.add(path)));
    expect((await recent.list()).map((entry) => entry.path)).toEqual(['/c.db', '/b.db', '/a.db']);
    expect(changes).toBe(3);
  });

  it('starts a fresh list from a damaged file, and an unwritable list does not fail the open', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'recent-files.json'), '{"version":1,"paths":[42]');
    expect(await createRecentFiles(join(dir, 'recent-files.json')).list()).toEqual([]);
    await writeFile(join(dir, 'not-a-dir'), '');
    const unwritable = createRecentFiles(join(dir, 'not-a-dir', 'recent-files.json'));
    await expect(unwritable.add('/a.db')).resolves.toBeUndefined();
  });
});
