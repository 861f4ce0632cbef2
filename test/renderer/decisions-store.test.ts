// Issue 14 part A: the store driven over the real engine session, as the window drives it — the
// lockout gets a recommended fix that logs in again and reverts; a plan that changed under an open
// dialog is refused; a force on a clean file waits for its explicit acknowledgement; the audit log
// is loaded from the engine.
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import type { ProgressListener, WindowApi } from '../../electron/shared/contract';
import { createDemoDatabase } from '../../electron/core/demo';
import { inProcessRunner } from '../../electron/app/engine-runner';
import { nodeFileSystem } from '../../electron/core/file-system';
import { createSession, type Session } from '../../electron/app/session';
import { createAppStore } from '../../renderer/src/store';
import { nextAction } from '../../renderer/src/store/plans';
import { buildFixture } from '../fixtures/build';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

function engineApi(): { api: WindowApi; session: Session } {
  const listeners = new Set<ProgressListener>();
  const session = createSession({
    mode: 'browser',
    runner: inProcessRunner(),
    createDemo: () => createDemoDatabase(nodeFileSystem),
    onProgress: (event) => listeners.forEach((listener) => listener(event)),
  });
  const api: WindowApi = {
    ...session.handlers,
    onProgress: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onSessionChanged: () => () => undefined,
  };
  return { api, session };
}

async function openFixture(id: string, plant?: string) {
  const path = await buildFixture(id, await tempDir());
  if (plant !== undefined) sqlite3(path, plant);
  const { api, session } = engineApi();
  const store = createAppStore(api);
  await store.getState().init();
  const opened = await session.openPath(path);
  expect(opened.ok).toBe(true);
  if (opened.ok) await store.getState().applySessionChange(opened);
  return { path, store };
}

const stateOf = (store: Awaited<ReturnType<typeof openFixture>>['store']) => store.getState();

describe('decisions an admin can trust, from the store over the engine', () => {
  it('recommends the password fix for a lockout, previews it key by key, logs in again and reverts', async () => {
    const { path, store } = await openFixture(
      'f0-second-start-pending',
      "UPDATE users SET password = 'secret-admin';",
    );
    const state = stateOf(store);
    expect(state.status?.headline).toMatchObject({ kind: 'pending', applied: 2, baseline: true });
    const next = nextAction(state.status, state.repairReport, state.backups, state.healthChecks);
    expect(next).toEqual({ kind: 'fix', checkId: 'users.password-not-bcrypt' });

    await store.getState().askFix('users.password-not-bcrypt');
    const confirm = store.getState().confirm;
    expect(confirm).toMatchObject({ kind: 'fix', checkId: 'users.password-not-bcrypt' });
    expect(confirm?.kind === 'fix' && confirm.fingerprint).toMatch(/^[0-9a-f]{24}$/);
    // The password is never in the preview.
    expect(JSON.stringify(confirm)).not.toContain('secret-admin');
    await store.getState().acceptConfirm();
    expect(store.getState().error).toBeNull();
    expect(store.getState().lastRun?.operation).toBe('fix');
    const hash = sqlite3(path, 'SELECT password FROM users LIMIT 1;').trim();
    expect(await bcrypt.compare('secret-admin', hash)).toBe(true);
    expect(store.getState().audit.map((entry) => entry.operation)).toEqual(['fix']);

    store.getState().askRevertFix('users.password-not-bcrypt');
    await store.getState().acceptConfirm();
    expect(store.getState().error).toBeNull();
    expect(sqlite3(path, 'SELECT password FROM users LIMIT 1;').trim()).toBe('secret-admin');
    expect(store.getState().audit.map((entry) => entry.operation)).toEqual(['revert-fix', 'fix']);
  });

  it('sets the admin password from the dialog state: bcrypt cost 10, backup first', async () => {
    const { path, store } = await openFixture('f0-second-start-pending');
    store.getState().openSetPassword();
    expect(store.getState().passwordDialog).toBe(true);
    expect(await store.getState().setPassword('admin', 'n3w-pass')).toBe(true);
    expect(store.getState().passwordDialog).toBe(false);
    const hash = sqlite3(path, "SELECT password FROM users WHERE username = 'admin';").trim();
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(await bcrypt.compare('n3w-pass', hash)).toBe(true);
    expect(store.getState().lastRun?.backup?.reason).toBe('before-fix');
  });

  it('refuses the migrate it showed when the file changed while the dialog was open', async () => {
    const { path, store } = await openFixture('f0-second-start-pending');
    await store.getState().askMigrate();
    const shown = store.getState().confirm;
    expect(shown?.kind === 'migrate' && shown.steps.map((step) => step.version)).toEqual([1, 2, 3, 4]);
    sqlite3(path, "INSERT INTO history_of_seeders (seeder_name) VALUES ('TlsConfigMigration');");
    const before = await sha256File(path);
    await store.getState().acceptConfirm();
    expect(store.getState().error?.code).toBe('PLAN_CHANGED');
    expect(await sha256File(path)).toBe(before);
    // Reviewed again, it runs the new plan.
    await store.getState().askMigrate();
    const again = store.getState().confirm;
    expect(again?.kind === 'migrate' && again.steps.map((step) => step.version)).toEqual([1, 3, 4]);
    await store.getState().acceptConfirm();
    expect(store.getState().error).toBeNull();
    expect(store.getState().status?.headline?.kind).toBe('complete');
  });

  it('migrates to a chosen version', async () => {
    const { store } = await openFixture('f1-legacy-nothing-recorded');
    await store.getState().askMigrate();
    await store.getState().setMigrateTo(3);
    const confirm = store.getState().confirm;
    expect(confirm?.kind === 'migrate' && confirm.steps.map((step) => step.version)).toEqual([1, 2, 3]);
    await store.getState().acceptConfirm();
    expect(store.getState().status?.headline).toMatchObject({
      applied: 3,
      pending: [{ version: 4 }, { version: 5 }],
    });
  });

  it('a force on a clean file waits for the explicit acknowledgement that names the skipped steps', async () => {
    const { path, store } = await openFixture('f1-legacy-nothing-recorded');
    store.getState().askForceVersion(5);
    const confirm = store.getState().confirm;
    expect(confirm?.kind === 'force-version' && confirm.option?.needs_acknowledgement).toBe(true);
    expect(
      confirm?.kind === 'force-version' && confirm.option?.marks_without_running.map((step) => step.name),
    ).toContain('user_password_hash');
    const before = await sha256File(path);
    await store.getState().acceptConfirm();
    expect(await sha256File(path)).toBe(before);

    store.getState().askForceVersion(5);
    store.getState().setForceAcknowledged(true);
    await store.getState().acceptConfirm();
    expect(store.getState().error).toBeNull();
    const ids =
      (store.getState().healthChecks ?? store.getState().status?.checks)?.checks.map((check) => check.id) ??
      [];
    expect(ids).toContain('markers.claim-exceeds-data.user_password_hash');
    expect(store.getState().audit[0]?.operation).toBe('force-version');
  });
});
