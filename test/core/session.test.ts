import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../electron/core/demo';
import { inProcessRunner, workerRunner } from '../../electron/app/engine-runner';
import { nodeFileSystem } from '../../electron/core/file-system';
import { createSession } from '../../electron/app/session';
import type { ProgressEvent } from '../../electron/shared/reports';
import { tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const demoSession = (runner = inProcessRunner(), events: ProgressEvent[] = []) =>
  createSession({
    mode: 'browser',
    runner,
    createDemo: () => createDemoDatabase(nodeFileSystem),
    onProgress: (event) => events.push(event),
  });

describe('a UI session over the engine', () => {
  it('starts with no database and refuses operations until one is open', async () => {
    const { handlers } = demoSession();
    expect(unwrap(await handlers.getSession({}))).toMatchObject({
      database: null,
      mode: 'browser',
      canChooseFile: false,
    });
    expect(await handlers.getStatus({})).toMatchObject({ ok: false, error: { code: 'NO_DATABASE_OPEN' } });
    expect(await handlers.openDatabase({})).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });

  it('opens the demo as a fresh copy, previews, migrates, lists, verifies and restores by id', async () => {
    const events: ProgressEvent[] = [];
    const { handlers } = demoSession(inProcessRunner(), events);
    const session = unwrap(await handlers.openDemo({}));
    expect(session.database).toMatchObject({ name: 'x-ui.db', demo: true });
    expect(unwrap(await handlers.previewMigrate({})).steps.length).toBe(4);
    const run = unwrap(await handlers.migrate({}));
    expect(run.to_version).toBe(5);
    expect(events.some((event) => event.kind === 'step')).toBe(true);
    const backups = unwrap(await handlers.listBackups({}));
    const id = backups[0]?.id ?? '';
    expect(unwrap(await handlers.verifyBackup({ backupId: id })).ok).toBe(true);
    unwrap(await handlers.restoreBackup({ backupId: id }));
    expect(unwrap(await handlers.getStatus({})).current_version).toBe(0);
  });

  it('names backups only by listed ids: a path or a traversal is not found', async () => {
    const { handlers } = demoSession();
    unwrap(await handlers.openDemo({}));
    for (const backupId of ['../../etc/passwd', '/etc/passwd', 'x-ui.db']) {
      expect(await handlers.restoreBackup({ backupId })).toMatchObject({
        ok: false,
        error: { code: 'BACKUP_NOT_FOUND' },
      });
    }
  });

  it("deletes PanelDB's own backups but not the panel's", async () => {
    const { handlers, openPath } = demoSession();
    const demo = unwrap(await handlers.openDemo({}));
    const path = join(demo.database?.folder ?? '', 'x-ui.db');
    await copyFile(path, `${path}.backup.1770000000`);
    unwrap(await openPath(path));
    const own = unwrap(await handlers.createBackup({}));
    expect(unwrap(await handlers.deleteBackup({ backupId: own.id }))).toEqual({ deleted: own.id });
    expect(await handlers.deleteBackup({ backupId: 'x-ui.db.backup.1770000000' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('keeps the current database when the chosen file cannot be opened', async () => {
    const dir = await tempDir();
    const { handlers, openPath } = demoSession();
    unwrap(await handlers.openDemo({}));
    expect(await openPath(join(dir, 'missing.db'))).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND' },
    });
    expect(unwrap(await handlers.getSession({})).database?.demo).toBe(true);
  });

  it('runs the same calls in a worker thread, with progress', async () => {
    const runner = workerRunner(join(process.cwd(), 'dist/node/engine-worker.js'));
    try {
      const events: ProgressEvent[] = [];
      const { handlers } = demoSession(runner, events);
      unwrap(await handlers.openDemo({}));
      expect(unwrap(await handlers.migrate({})).to_version).toBe(5);
      expect(events.filter((event) => event.kind === 'step')).toHaveLength(4);
    } finally {
      await runner.close();
    }
  });
});

const CLEAN = join(import.meta.dirname, '..', 'fixtures', 'panel-sql', 'clean');

describe('a session with a golang-migrate folder', () => {
  const desktopSession = (choose: () => Promise<string | null>) =>
    createSession({
      mode: 'desktop',
      runner: inProcessRunner(),
      createDemo: () => createDemoDatabase(nodeFileSystem),
      chooseMigrationsFolder: choose,
    });

  it('adds a folder from the desktop chooser: its versions join the pending list', async () => {
    const { handlers } = desktopSession(async () => CLEAN);
    unwrap(await handlers.openDemo({}));
    const before = unwrap(await handlers.getSession({}));
    expect(before).toMatchObject({ migrationsFolder: null, canChooseMigrationsFolder: true });
    const added = unwrap(await handlers.addMigrationsFolder({}));
    expect(added.migrationsFolder).toEqual({ name: 'clean', folder: join(CLEAN, '..') });
    const status = unwrap(await handlers.getStatus({}));
    const external = status.pending.filter((step) => step.source === 'external');
    expect(external.map((step) => step.version)).toEqual([6, 7, 8]);
    expect(external[0]?.file).toBe('000006_sniffing_route_only.up.sql');
    const removed = unwrap(await handlers.removeMigrationsFolder({}));
    expect(removed.migrationsFolder).toBeNull();
    expect(unwrap(await handlers.getStatus({})).pending.some((step) => step.source === 'external')).toBe(
      false,
    );
  });

  it('refuses a folder with duplicate versions and keeps the previous one', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'bad');
    await mkdir(bad);
    await writeFile(join(bad, '000006_a.up.sql'), 'SELECT 1;\n');
    await writeFile(join(bad, '000006_b.up.sql'), 'SELECT 2;\n');
    let next = CLEAN;
    const { handlers } = desktopSession(async () => next);
    unwrap(await handlers.openDemo({}));
    unwrap(await handlers.addMigrationsFolder({}));
    next = bad;
    const refused = await handlers.addMigrationsFolder({});
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(unwrap(await handlers.getSession({})).migrationsFolder?.name).toBe('clean');
  });

  it('keeps the folder when the dialog is cancelled', async () => {
    const { handlers } = desktopSession(async () => null);
    expect(unwrap(await handlers.addMigrationsFolder({})).migrationsFolder).toBeNull();
  });

  it('in the browser, says the folder comes with the server (and names no command line)', async () => {
    const { handlers } = demoSession();
    const refused = await handlers.addMigrationsFolder({});
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(refused.ok ? '' : refused.error.message).toContain('started with its migrations folder');
    expect(refused.ok ? '' : refused.error.message).not.toContain('--');
    expect(unwrap(await handlers.getSession({})).canChooseMigrationsFolder).toBe(false);
  });

  it('reviews the folder: lint grouped by file and the round trip of every pending step', async () => {
    const { handlers } = desktopSession(async () => CLEAN);
    expect(await handlers.reviewMigrations({})).toMatchObject({
      ok: false,
      error: { code: 'NO_DATABASE_OPEN' },
    });
    unwrap(await handlers.openDemo({}));
    expect(await handlers.reviewMigrations({})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    unwrap(await handlers.addMigrationsFolder({}));
    const review = unwrap(await handlers.reviewMigrations({}));
    expect(review.lint.every((entry) => entry.errors === 0)).toBe(true);
    expect(
      review.roundtrip.steps.filter((step) => step.source === 'external').map((step) => step.version),
    ).toEqual([6, 7, 8]);
    expect(review.roundtrip.passed).toBe(true);
    expect(JSON.stringify(review)).not.toContain(CLEAN);
  });
});
