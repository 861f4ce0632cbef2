import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../electron/shared/result';
import { message } from '../../electron/shared/i18n';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';
import { backup, repairReport, status } from './fake-data';

const own = backup('x-ui.db.20260102T030405-000Z.before-migrate.db');
const panels = backup('x-ui.db.backup.1700000000', {
  origin: 'panel',
  reason: null,
  metadata: null,
  standing: 'unverified',
  problem: 'no PanelDB metadata beside it',
});
const planted = backup('x-ui.db.20260101T000000-000Z.manual.db', {
  standing: 'invalid',
  problem: 'x-ui.db.20260101T000000-000Z.manual.db-wal beside it',
});

async function openWithBackups(overrides: Parameters<typeof fakeApi>[0] = {}) {
  const api = fakeApi({ listBackups: () => ok([own, panels]), ...overrides });
  const store = createAppStore(api);
  await store.getState().openDemo();
  return { api, store };
}

describe('the backups slice', () => {
  it('creates a backup and reads the list again', async () => {
    const { api, store } = await openWithBackups();
    await store.getState().createBackup();
    expect(api.callsTo('createBackup')).toEqual([{}]);
    expect(api.callsTo('listBackups')).toHaveLength(2);
    expect(store.getState().activity[0]?.message).toEqual({
      key: 'activity.backupCreated',
      params: { id: 'x-ui.db.manual.db' },
    });
  });

  it('keeps each verification result by backup id', async () => {
    const { api, store } = await openWithBackups({
      verifyBackup: ({ backupId }) =>
        ok({
          path: backupId,
          ok: false,
          status: 'invalid',
          origin: 'panel',
          checks: [{ id: 'integrity', ok: false, detail: 'page 2 broken' }],
          metadata: null,
        }),
    });
    await store.getState().verifyBackup(panels.id);
    expect(api.callsTo('verifyBackup')).toEqual([{ backupId: panels.id }]);
    expect(store.getState().verifications[panels.id]?.ok).toBe(false);
    expect(store.getState().verifying).toBeNull();
    expect(store.getState().activity[0]?.message?.key).toBe('activity.backupVerifyFailed');
  });

  it('restores only after the confirm dialog, by id, then refreshes everything', async () => {
    const { api, store } = await openWithBackups();
    store.getState().askRestore(own.id);
    expect(store.getState().confirm).toEqual({ kind: 'restore', backup: own, acceptUnverified: false });
    expect(api.callsTo('restoreBackup')).toEqual([]);
    await store.getState().acceptConfirm();
    expect(api.callsTo('restoreBackup')).toEqual([{ backupId: own.id }]);
    expect(api.callsTo('getStatus')).toHaveLength(2);
    expect(store.getState().activity[0]?.message).toEqual({
      key: 'activity.restored',
      params: { id: own.id, safety: 'x-ui.db.safety.db' },
    });
  });

  it('restores an unverified backup (no metadata) only once the box is ticked, and says so to the engine', async () => {
    const { api, store } = await openWithBackups();
    store.getState().askRestore(panels.id);
    await store.getState().acceptConfirm();
    expect(api.callsTo('restoreBackup')).toEqual([]);
    expect(store.getState().confirm?.kind).toBe('restore');
    store.getState().setAcceptUnverified(true);
    await store.getState().acceptConfirm();
    expect(api.callsTo('restoreBackup')).toEqual([{ backupId: panels.id, acceptUnverified: true }]);
  });

  it('never restores an invalid backup (a -wal beside it), ticked or not', async () => {
    const { api, store } = await openWithBackups({ listBackups: () => ok([own, planted]) });
    store.getState().askRestore(planted.id);
    store.getState().setAcceptUnverified(true);
    await store.getState().acceptConfirm();
    expect(api.callsTo('restoreBackup')).toEqual([]);
  });

  it("offers to delete only PanelDB's own backups, never the panel's", async () => {
    const { api, store } = await openWithBackups();
    store.getState().askDeleteBackup(panels.id);
    expect(store.getState().confirm).toBeNull();
    store.getState().askDeleteBackup(own.id);
    expect(store.getState().confirm).toEqual({ kind: 'delete-backup', backup: own });
    await store.getState().acceptConfirm();
    expect(api.callsTo('deleteBackup')).toEqual([{ backupId: own.id }]);
  });

  it('a refused restore shows its code', async () => {
    const { store } = await openWithBackups({
      restoreBackup: () =>
        fail(
          'BACKUP_INVALID',
          message('err.restore.failedVerification', { path: 'x-ui.db.backup.1700000000' }),
        ),
    });
    store.getState().askRestore(own.id);
    await store.getState().acceptConfirm();
    expect(store.getState().error?.code).toBe('BACKUP_INVALID');
  });
});

describe('repair from the store', () => {
  const dirty = repairReport({
    current_version: 3,
    dirty: true,
    dirty_version: 3,
    data_version: 2,
    evidence: [{ id: 'dirty', severity: 'error', message: 'schema_migrations is dirty at 3', rows: [] }],
    recommendation: { action: 'force-version', version: 2, backup: null, reason: 'Force version 2' },
  });

  it('follows the recommendation: confirm forcing the version the data is at, then force it', async () => {
    const api = fakeApi({
      getStatus: () => ok(status({ current_version: 3, dirty: true, dirty_version: 3 })),
      repair: ({ forceVersion }) =>
        ok(forceVersion === undefined ? dirty : { ...dirty, forced: { version: forceVersion, backup: own } }),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askRepair();
    expect(store.getState().confirm).toEqual({
      kind: 'force-version',
      version: 2,
      current: 3,
      dirtyVersion: 3,
    });
    await store.getState().acceptConfirm();
    expect(api.callsTo('repair')).toContainEqual({ forceVersion: 2 });
    expect(store.getState().activity[0]?.message).toEqual({
      key: 'activity.forced',
      params: { version: 2, backup: own.id },
    });
  });

  it('turns a restore recommendation (a path) into the backup id the list gave', async () => {
    const api = fakeApi({
      listBackups: () => ok([own, panels]),
      repair: () =>
        ok(
          repairReport({
            recommendation: { action: 'restore-backup', version: null, backup: panels.path, reason: '' },
          }),
        ),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askRepair();
    expect(store.getState().confirm).toEqual({ kind: 'restore', backup: panels, acceptUnverified: false });
  });
});
