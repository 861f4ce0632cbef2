// The whole store's shape, the sum of its slices, and what every slice creator receives.
import type { WindowApi } from '../../../electron/shared/contract';
import type { ActivitySlice } from './activity-slice';
import type { BackupsSlice } from './backups-slice';
import type { ChecksSlice } from './checks-slice';
import type { DecisionsSlice } from './decisions-slice';
import type { DialogsSlice } from './dialogs-slice';
import type { StoreEnv } from './env';
import type { LanguageSlice } from './language-slice';
import type { MigrationsSlice } from './migrations-slice';
import type { SessionSlice } from './session-slice';
import type { RestoreSlice } from './restore-slice';
import type { RecoverySlice } from './recovery-slice';
import type { RollbackGuardSlice } from './rollback-guard';

export type AppState = SessionSlice &
  MigrationsSlice &
  BackupsSlice &
  ChecksSlice &
  DialogsSlice &
  ActivitySlice &
  LanguageSlice &
  DecisionsSlice &
  RestoreSlice &
  RollbackGuardSlice &
  RecoverySlice;

export type SetState = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void;
export type GetState = () => AppState;

export interface SliceDeps {
  api: WindowApi;
  env: StoreEnv;
  set: SetState;
  get: GetState;
}
