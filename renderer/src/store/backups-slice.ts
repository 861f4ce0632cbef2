// Backups: PanelDB's own and the panel's, with their verification results; create, verify,
// restore and delete (only PanelDB's own).
import type { BackupEntry, VerifyReport } from '../../../electron/shared/reports';
import { perform } from './perform';
import type { SliceDeps } from './state';

export interface BackupsSlice {
  backups: BackupEntry[];
  /** Verification results by backup id, from this session. */
  verifications: Record<string, VerifyReport>;
  verifying: string | null;
  loadBackups(): Promise<void>;
  createBackup(): Promise<void>;
  verifyBackup(backupId: string): Promise<void>;
  /** The person's confirmations: a backup without PanelDB metadata, a risky one (see inspectBackup). */
  restoreBackup(
    backupId: string,
    confirmations?: { acceptUnverified?: boolean; acceptRisk?: boolean },
  ): Promise<void>;
  deleteBackup(backupId: string): Promise<void>;
}

export function createBackupsSlice(deps: SliceDeps): BackupsSlice {
  const { api, set, get } = deps;
  return {
    backups: [],
    verifications: {},
    verifying: null,
    loadBackups: async () => {
      await perform(deps, 'load', () => api.listBackups({}), { onOk: (backups) => set({ backups }) });
      void get().inspectBackups();
    },
    createBackup: async () => {
      await perform(deps, 'createBackup', () => api.createBackup({}), {
        write: true,
        progress: true,
        success: (backup) => ({ key: 'activity.backupCreated', params: { id: backup.id } }),
      });
    },
    verifyBackup: async (backupId) => {
      if (get().verifying !== null) return;
      set({ verifying: backupId });
      await perform(deps, 'verifyBackup', () => api.verifyBackup({ backupId }), {
        onOk: (report) => set((state) => ({ verifications: { ...state.verifications, [backupId]: report } })),
        success: (report) => ({
          key: report.ok ? 'activity.backupVerified' : 'activity.backupVerifyFailed',
          params: { id: backupId },
        }),
      });
      set({ verifying: null });
    },
    restoreBackup: async (backupId, confirmations = {}) => {
      const request = {
        backupId,
        ...(confirmations.acceptUnverified === true ? { acceptUnverified: true } : {}),
        ...(confirmations.acceptRisk === true ? { acceptRisk: true } : {}),
      };
      await perform(deps, 'restoreBackup', () => api.restoreBackup(request), {
        write: true,
        progress: true,
        // The file changed: what was read about it (and compared against it) is stale.
        onOk: () => set({ preview: null, lastRun: null, inspections: {}, backupDiff: null }),
        success: (report) => ({
          key: 'activity.restored',
          params: { id: backupId, safety: report.safety_backup.split(/[\\/]/).pop() ?? '' },
        }),
      });
    },
    deleteBackup: async (backupId) => {
      await perform(deps, 'deleteBackup', () => api.deleteBackup({ backupId }), {
        write: true,
        onOk: () =>
          set((state) => {
            const { [backupId]: _removed, ...verifications } = state.verifications;
            return { verifications };
          }),
        success: (result) => ({ key: 'activity.backupDeleted', params: { id: result.deleted } }),
      });
    },
  };
}
