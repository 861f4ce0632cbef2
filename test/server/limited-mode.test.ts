// Issue 14B, points 4 and 5: a file the app cannot open still opens (limited mode, with its
// backups to restore), a deleted file is shown as gone, `paneldb serve DIR` lists the folder's
// databases by server-issued ids, and the start screen can go back from the demo.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../electron/core/demo';
import { inProcessRunner } from '../../electron/app/engine-runner';
import { nodeFileSystem } from '../../electron/core/file-system';
import { createSession } from '../../electron/app/session';
import type { SessionInfo } from '../../electron/shared/contract';
import { buildFixture } from '../fixtures/build';
import { servePanel, type ServedPanel } from '../support/serve-process';
import { sha256File, tempDir } from '../support/temp-dir';

const served: ServedPanel[] = [];
afterEach(async () => {
  await Promise.all(served.splice(0).map((panel) => panel.stop()));
});

async function serve(args: string[]) {
  const panel = await servePanel(args);
  served.push(panel);
  const call = async (method: string, body: unknown = {}) => {
    const response = await fetch(`${panel.origin}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${panel.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
  };
  return { panel, call };
}

describe('paneldb serve on a file it cannot open', () => {
  it('starts anyway, in the limited mode, and offers the backups of the damaged file to restore', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    await copyFile(path, `${path}.backup.1770000000`);
    await writeFile(path, Buffer.from('SQLite format 3\0 but garbage after the header'.padEnd(2048, '#')));
    const { call } = await serve([path]);

    const session = (await call('getSession')).value as SessionInfo;
    expect(session.database?.name).toBe('x-ui.db');
    expect(session.database?.limited?.code).toMatch(/DATABASE_CORRUPT|NOT_SQLITE/);

    const backups = (await call('listBackups')).value as Array<{ id: string; origin: string }>;
    expect(backups.map((entry) => entry.id)).toContain('x-ui.db.backup.1770000000');
    const comparison = (await call('inspectBackup', { backupId: 'x-ui.db.backup.1770000000' })).value as {
      backup: { panel_can_start: boolean };
      current: { readable: boolean };
    };
    expect(comparison.backup.panel_can_start).toBe(true);
    expect(comparison.current.readable).toBe(false);

    expect(
      (await call('restoreBackup', { backupId: 'x-ui.db.backup.1770000000', acceptUnverified: true })).ok,
    ).toBe(true);
    expect(await sha256File(path)).toBe(await sha256File(`${path}.backup.1770000000`));
    expect((await call('getStatus')).ok).toBe(true);
    expect(((await call('getSession')).value as SessionInfo).database?.limited).toBeNull();
  }, 60_000);

  it('starts on an empty file and on a SQLite file that is not a panel’s', async () => {
    const dir = await tempDir();
    const empty = join(dir, 'empty.db');
    await writeFile(empty, '');
    const notPanel = await buildFixture('not-panel', dir);
    for (const [file, code] of [
      [empty, 'FILE_EMPTY'],
      [notPanel, 'NOT_A_PANEL_DATABASE'],
    ] as const) {
      const { call } = await serve([file]);
      expect(((await call('getSession')).value as SessionInfo).database?.limited?.code).toBe(code);
    }
  }, 60_000);
});

describe('paneldb serve DIR', () => {
  it('lists the panel databases in DIR by ids it hands out, opens one by id, and goes back to the start', async () => {
    const dir = join(await tempDir(), 'panels');
    await mkdir(dir);
    const first = await buildFixture('f2-tls-variants', await tempDir());
    await copyFile(first, join(dir, 'a.db'));
    await copyFile(first, join(dir, 'b.db'));
    await copyFile(first, join(dir, 'a.db.backup.1770000000'));
    await writeFile(join(dir, 'notes.txt'), 'not a database');
    const { call } = await serve([dir]);

    const session = (await call('getSession')).value as SessionInfo;
    expect(session.database).toBeNull();
    expect(session.filesFolder).toBe('panels');
    expect(session.recent.map((file) => file.name)).toEqual(['a.db', 'b.db']);
    for (const file of session.recent) expect(file.id).not.toContain('/');

    // A path from the page is never taken: only a listed id opens a file.
    expect((await call('openRecent', { id: join(dir, 'b.db') })).ok).toBe(false);
    const second = session.recent[1];
    const opened = (await call('openRecent', { id: second?.id })).value as SessionInfo;
    expect(opened.database?.name).toBe('b.db');

    const back = (await call('closeDatabase')).value as SessionInfo;
    expect(back.database).toBeNull();
    expect(back.recent).toHaveLength(2);
  }, 60_000);
});

describe('a file deleted after it was opened', () => {
  it('is shown as gone, not with its last status', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const session = createSession({
      mode: 'browser',
      runner: inProcessRunner(),
      createDemo: () => createDemoDatabase(nodeFileSystem),
    });
    expect((await session.openPath(path)).ok).toBe(true);
    const before = await session.handlers.getSession({});
    expect(before.ok && before.value.database?.limited).toBeNull();

    await rm(path);
    const status = await session.handlers.getStatus({});
    expect(status.ok).toBe(false);
    const after = await session.handlers.getSession({});
    expect(after.ok && after.value.database?.limited?.code).toBe('FILE_NOT_FOUND');
    // Nothing can be migrated on it.
    expect((await session.handlers.migrate({})).ok).toBe(false);
  });
});
