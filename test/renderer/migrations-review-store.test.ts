import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../electron/shared/contract';
import { fail, ok } from '../../electron/shared/result';
import { message } from '../../electron/shared/i18n';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';
import { demoSession, review } from './fake-data';

const withFolder: SessionInfo = {
  ...demoSession(),
  mode: 'desktop',
  migrationsFolder: { name: 'clean', folder: '/srv/migrations' },
  canChooseMigrationsFolder: true,
};

describe('the migrations folder and its review in the store', () => {
  it('reads no review while the session has no folder', async () => {
    const api = fakeApi();
    const store = createAppStore(api);
    await store.getState().openDemo();
    expect(api.callsTo('reviewMigrations')).toEqual([]);
    expect(store.getState().review).toBeNull();
  });

  it('adding a folder reads status and the review; migrating reads the review again', async () => {
    const api = fakeApi({ addMigrationsFolder: () => ok(withFolder) });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().addMigrationsFolder();
    expect(store.getState().session?.migrationsFolder?.name).toBe('clean');
    expect(store.getState().review).toEqual(review());
    expect(store.getState().reviewLoading).toBe(false);
    expect(api.callsTo('reviewMigrations')).toHaveLength(1);
    expect(store.getState().activity.map((entry) => entry.message)).toContainEqual({
      key: 'activity.migrationsFolderAdded',
      params: { name: 'clean' },
    });
    await store.getState().migrate();
    expect(api.callsTo('reviewMigrations')).toHaveLength(2);
  });

  it('a refused folder shows the error and keeps the session as it was', async () => {
    const api = fakeApi({
      addMigrationsFolder: () =>
        fail('INVALID_ARGUMENT', message('err.external.downOnly', { file: '000006_a.down.sql', version: 6 })),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().addMigrationsFolder();
    expect(store.getState().error?.code).toBe('INVALID_ARGUMENT');
    expect(store.getState().session?.migrationsFolder).toBeNull();
    expect(store.getState().review).toBeNull();
  });

  it('removing the folder clears the review', async () => {
    const api = fakeApi({
      addMigrationsFolder: () => ok(withFolder),
      removeMigrationsFolder: () => ok({ ...withFolder, migrationsFolder: null }),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().addMigrationsFolder();
    await store.getState().removeMigrationsFolder();
    expect(store.getState().session?.migrationsFolder).toBeNull();
    expect(store.getState().review).toBeNull();
  });
});
