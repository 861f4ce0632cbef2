// The store driven against the real engine session (in process), as the window would drive it:
// open the demo, migrate after confirming the previewed steps, roll one back, restore a backup.
import { describe, expect, it } from 'vitest';
import type { ProgressListener, WindowApi } from '../../electron/shared/contract';
import { createDemoDatabase } from '../../electron/core/demo';
import { inProcessRunner } from '../../electron/app/engine-runner';
import { nodeFileSystem } from '../../electron/core/file-system';
import { createSession } from '../../electron/app/session';
import { createAppStore, type AppStore } from '../../renderer/src/store';

function engineApi(): WindowApi {
  const listeners = new Set<ProgressListener>();
  const { handlers } = createSession({
    mode: 'browser',
    runner: inProcessRunner(),
    createDemo: () => createDemoDatabase(nodeFileSystem),
    onProgress: (event) => listeners.forEach((listener) => listener(event)),
  });
  return {
    ...handlers,
    onProgress: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onSessionChanged: () => () => undefined,
  };
}

const noError = (store: AppStore) => expect(store.getState().error).toBeNull();

describe('the store over the engine', () => {
  it('opens the demo, migrates what the preview showed, rolls back one step and restores', async () => {
    const store = createAppStore(engineApi());
    await store.getState().init();
    expect(store.getState().session?.database).toBeNull();

    await store.getState().openDemo();
    noError(store);
    const opened = store.getState();
    expect(opened.status).toMatchObject({ current_version: 0, latest_version: 5, pending_count: 4 });
    expect(opened.repairReport?.recommendation.action).toBe('migrate');

    await store.getState().askMigrate();
    const confirm = store.getState().confirm;
    expect(confirm?.kind).toBe('migrate');
    expect(confirm?.kind === 'migrate' && confirm.steps.map((step) => step.version)).toEqual([1, 2, 3, 4]);
    const preview = store.getState().preview;
    const tls = preview?.steps.find((step) => step.version === 2)?.changes[0]?.json_changes;
    expect(tls).toContainEqual(
      expect.objectContaining({ path: 'tlsSettings.verifyPeerCertByName', kind: 'added' }),
    );

    await store.getState().acceptConfirm();
    noError(store);
    const migrated = store.getState();
    expect(migrated.lastRun).toMatchObject({
      operation: 'migrate',
      saved: true,
      from_version: 0,
      to_version: 5,
    });
    expect(migrated.status).toMatchObject({ current_version: 5, pending_count: 0 });
    expect(migrated.history.map((entry) => entry.version)).toEqual([1, 2, 3, 4]);
    expect(migrated.backups.map((entry) => entry.reason)).toContain('before-migrate');

    await store.getState().askRollBack({ steps: 1 });
    const rollback = store.getState().confirm;
    expect(rollback?.kind === 'rollback' && rollback.steps).toEqual([{ version: 4, name: 'reality_target' }]);
    await store.getState().acceptConfirm();
    noError(store);
    expect(store.getState().lastRun?.steps[0]).toMatchObject({
      version: 4,
      status: 'reverted',
      content_hash_restored: true,
    });
    expect(store.getState().status?.pending.map((step) => step.version)).toEqual([4]);

    const first = store.getState().backups.find((entry) => entry.reason === 'before-migrate');
    expect(first).toBeDefined();
    await store.getState().verifyBackup(first?.id ?? '');
    expect(store.getState().verifications[first?.id ?? '']?.ok).toBe(true);
    store.getState().askRestore(first?.id ?? '');
    await store.getState().acceptConfirm();
    noError(store);
    expect(store.getState().status).toMatchObject({ current_version: 0, pending_count: 4 });
  });
});
