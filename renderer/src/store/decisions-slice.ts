// Issue 14 part A in the store: the durable audit log (read from the engine, so it survives a
// restore and a reload), "Set the admin password…", reverting a fix, and the version a migrate
// stops at.
import type { AuditEntry } from '../../../electron/shared/reports';
import { perform } from './perform';
import type { SliceDeps } from './state';

export interface DecisionsSlice {
  /** The audit log of the open file's backup folder, newest first. */
  audit: AuditEntry[];
  loadActivity(): Promise<void>;
  /** Whether the "Set the admin password" dialog is open. */
  passwordDialog: boolean;
  openSetPassword(): void;
  closeSetPassword(): void;
  /** Resolves true when the password was set (the dialog then closes). */
  setPassword(username: string, password: string): Promise<boolean>;
  revertFix(checkId: string): Promise<void>;
  /** The version the migrate dialog stops at; null: every pending step. */
  migrateTo: number | null;
  setMigrateTo(version: number | null): Promise<void>;
}

export function createDecisionsSlice(deps: SliceDeps): DecisionsSlice {
  const { api, get, set } = deps;
  return {
    audit: [],
    loadActivity: async () => {
      await perform(deps, 'load', () => api.listActivity({}), { onOk: (audit) => set({ audit }) });
    },
    passwordDialog: false,
    openSetPassword: () => {
      if (get().busy === null) set({ passwordDialog: true });
    },
    closeSetPassword: () => set({ passwordDialog: false }),
    setPassword: async (username, password) => {
      const report = await perform(deps, 'setPassword', () => api.setPassword({ username, password }), {
        write: true,
        progress: true,
        onOk: (run) => set({ lastRun: run, passwordDialog: false }),
        success: (run) => ({
          key: 'activity.passwordSet',
          params: { user: username, backup: run.backup?.id ?? '' },
        }),
      });
      return report !== null;
    },
    revertFix: async (checkId) => {
      await perform(deps, 'revertFix', () => api.revertFix({ checkId }), {
        write: true,
        progress: true,
        onOk: (run) => set({ lastRun: run, preview: null }),
        success: (run) => ({
          key: 'activity.fixReverted',
          params: { check: checkId, backup: run.backup?.id ?? '' },
        }),
      });
    },
    migrateTo: null,
    setMigrateTo: async (version) => {
      if (get().migrateTo === version) return;
      set({ migrateTo: version, preview: null });
      if (get().confirm?.kind === 'migrate') await get().refreshMigrateQuestion();
    },
  };
}
