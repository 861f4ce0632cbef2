// Issue 14B: restores you can see. What each backup holds (read lazily, one at a time, cached by
// the engine by file fingerprint), the comparison a restore dialog shows, the explicit "I accept"
// a risky restore needs, "Compare with current", and turning an error's hint into an action.
import type { BackupDiff, RestoreComparison } from '../../../electron/shared/inspect';
import type { ErrorHint } from '../../../electron/shared/result';
import { perform } from './perform';
import type { SliceDeps } from './state';

export interface RestoreSlice {
  /** By backup id: the backup beside the open file. */
  inspections: Record<string, RestoreComparison>;
  backupDiff: BackupDiff | null;
  /** The restore dialog's checkbox: the admin read the risks and restores anyway. */
  riskAccepted: boolean;
  inspectBackup(backupId: string): Promise<RestoreComparison | null>;
  /** Reads every listed backup not yet inspected, one after another (never blocking the window). */
  inspectBackups(): Promise<void>;
  compareBackup(backupId: string): Promise<void>;
  closeBackupDiff(): void;
  setRiskAccepted(accepted: boolean): void;
  /** Back to the start screen. */
  closeDatabase(): Promise<void>;
  /** Reads the session again: a file that became unreadable switches to the limited mode, and back. */
  syncSession(): Promise<void>;
  /** What a hint's button does. */
  followHint(hint: ErrorHint): Promise<void>;
}

export function createRestoreSlice(deps: SliceDeps): RestoreSlice {
  const { api, get, set } = deps;
  let reading: Promise<void> | null = null;
  const inspectBackup = async (backupId: string) => {
    const result = await api.inspectBackup({ backupId });
    if (!result.ok) return null;
    set((state) => ({ inspections: { ...state.inspections, [backupId]: result.value } }));
    return result.value;
  };
  return {
    inspections: {},
    backupDiff: null,
    riskAccepted: false,
    inspectBackup,
    inspectBackups: () => {
      // One reader at a time: a second call waits for the first and then reads what is left.
      const run = async () => {
        for (const backup of get().backups) {
          if (get().inspections[backup.id] === undefined) await inspectBackup(backup.id);
        }
      };
      reading = (reading ?? Promise.resolve()).then(run, run);
      return reading;
    },
    compareBackup: async (backupId) => {
      await perform(deps, 'load', () => api.compareBackup({ backupId }), {
        progress: true,
        onOk: (backupDiff) => set({ backupDiff }),
      });
    },
    closeBackupDiff: () => set({ backupDiff: null }),
    setRiskAccepted: (riskAccepted) => set({ riskAccepted }),
    closeDatabase: async () => {
      await perform(deps, 'open', () => api.closeDatabase({}), {
        onOk: (session) =>
          set({
            session,
            status: null,
            history: [],
            preview: null,
            lastRun: null,
            backups: [],
            verifications: {},
            inspections: {},
            backupDiff: null,
            repairReport: null,
            confirm: null,
            tab: 'overview',
            error: null,
          }),
      });
    },
    syncSession: async () => {
      const result = await api.getSession({});
      if (!result.ok) return;
      const wasLimited = get().session?.database?.limited != null;
      const limited = result.value.database?.limited ?? null;
      // The limited screen shows the problem itself; the banner would only repeat it.
      set(
        limited === null ? { session: result.value } : { session: result.value, status: null, error: null },
      );
      // Whole again (a restore worked): read everything the tabs show.
      if (wasLimited && limited === null && result.value.database !== null) await get().refreshAll();
    },
    followHint: async (hint) => {
      set({ error: null, errorOperation: null });
      switch (hint.action) {
        case 'restore-backup':
          set({ tab: 'backups' });
          if (hint.backupId !== null) {
            if (get().backups.length === 0) await get().loadBackups();
            get().askRestore(hint.backupId);
          }
          return;
        case 'open-tab':
          set({ tab: hint.tab });
          return;
        case 'choose-step-mode':
          set({ tab: 'pending' });
          return;
        case 'repair':
          set({ tab: 'checks' });
          return;
        case 'accept-risk':
          return;
      }
    },
  };
}
