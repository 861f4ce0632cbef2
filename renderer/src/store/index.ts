// The one store, built from its slices around the Api it is given, so tests pass a fake and the
// page passes window.api or the HTTP client.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WindowApi } from '../../../electron/shared/contract';
import { createActivitySlice } from './activity-slice';
import { createBackupsSlice } from './backups-slice';
import { createChecksSlice } from './checks-slice';
import { createDecisionsSlice } from './decisions-slice';
import { createDialogsSlice } from './dialogs-slice';
import { defaultEnv, type StoreEnv } from './env';
import { createLanguageSlice } from './language-slice';
import { createMigrationsSlice } from './migrations-slice';
import { createSessionSlice } from './session-slice';
import { createRestoreSlice } from './restore-slice';
import { createRecoverySlice } from './recovery-slice';
import { createRollbackGuardSlice } from './rollback-guard';
import type { AppState } from './state';

export type { AppState } from './state';
export type AppStore = StoreApi<AppState> & { dispose(): void };

export function createAppStore(api: WindowApi, env: StoreEnv = defaultEnv()): AppStore {
  const store = createStore<AppState>()((set, get) => {
    const deps = { api, env, set, get };
    return {
      ...createSessionSlice(deps),
      ...createMigrationsSlice(deps),
      ...createBackupsSlice(deps),
      ...createChecksSlice(deps),
      ...createDialogsSlice(deps),
      ...createActivitySlice(deps),
      ...createLanguageSlice(deps),
      ...createDecisionsSlice(deps),
      ...createRestoreSlice(deps),
      ...createRollbackGuardSlice(deps),
      ...createRecoverySlice(deps),
    };
  });
  const unsubscribeProgress = api.onProgress((event) => store.getState().applyProgress(event));
  const unsubscribeSession = api.onSessionChanged(
    (result) => void store.getState().applySessionChange(result),
  );
  return Object.assign(store, {
    dispose: () => {
      unsubscribeProgress();
      unsubscribeSession();
    },
  });
}
