// What is on screen: the open tab and the confirm dialog. Every write is asked for first; the
// question carries the exact steps or backup concerned, and accepting it runs the operation.
import type { BackupEntry, RunReport } from '../../../electron/shared/reports';
import { perform } from './perform';
import type { RollBackRequest } from './migrations-slice';
import { backupForPath, rollbackPlan, type PlannedStep } from './plans';
import type { SliceDeps } from './state';

export const TABS = ['overview', 'history', 'pending', 'backups', 'checks'] as const;
export type TabId = (typeof TABS)[number];

export type ConfirmAction =
  | { kind: 'migrate'; from: number; to: number; steps: Array<PlannedStep & { rows: number }> }
  | { kind: 'rollback'; request: RollBackRequest; from: number; steps: PlannedStep[] }
  | { kind: 'restore'; backup: BackupEntry }
  | { kind: 'delete-backup'; backup: BackupEntry }
  | { kind: 'force-version'; version: number; current: number; dirtyVersion: number | null }
  | {
      kind: 'fix';
      checkId: string;
      title: string;
      /** The rows the fix would change, from its dry run (labels are database text: shown as text). */
      rows: Array<{ table: string; rowid: number; label: string | null }>;
    };

export interface DialogsSlice {
  tab: TabId;
  confirm: ConfirmAction | null;
  setTab(tab: TabId): void;
  askMigrate(): Promise<void>;
  askRollBack(request: RollBackRequest): void;
  askRestore(backupId: string): void;
  askDeleteBackup(backupId: string): void;
  askForceVersion(version: number): void;
  /** Dry-runs the fix for a check and asks to apply it, listing the rows it would change. */
  askFix(checkId: string): Promise<void>;
  /** The migrate question, computed again from a fresh preview (after the migration-3 mode changed). */
  refreshMigrateQuestion(): Promise<void>;
  /** Follows the repair report's recommendation: force a version, migrate or restore. */
  askRepair(): Promise<void>;
  cancelConfirm(): void;
  acceptConfirm(): Promise<void>;
}

function migrateQuestion(preview: RunReport): ConfirmAction {
  return {
    kind: 'migrate',
    from: preview.from_version,
    to: preview.to_version,
    steps: preview.steps.map(({ version, name, rows_changed }) => ({ version, name, rows: rows_changed })),
  };
}

export function createDialogsSlice(deps: SliceDeps): DialogsSlice {
  const { get, set, api } = deps;
  const backup = (id: string) => get().backups.find((entry) => entry.id === id);
  const ask = (confirm: ConfirmAction) => {
    if (get().busy === null) set({ confirm });
  };
  return {
    tab: 'overview',
    confirm: null,
    setTab: (tab) => set({ tab }),
    askMigrate: async () => {
      const preview = get().preview ?? (await get().loadPreview());
      if (preview === null) return;
      if (preview.steps.length === 0) {
        get().log('migrate', 'info', { key: 'activity.nothingToMigrate' });
        return;
      }
      ask(migrateQuestion(preview));
    },
    refreshMigrateQuestion: async () => {
      const preview = await get().loadPreview();
      if (preview !== null && get().confirm?.kind === 'migrate') set({ confirm: migrateQuestion(preview) });
    },
    askFix: async (checkId) => {
      const finding = get().status?.checks.checks.find((check) => check.id === checkId);
      if (finding === undefined || !finding.fixable) return;
      const preview = await perform(deps, 'previewFix', () => api.previewFix({ checkId }), {
        progress: true,
      });
      if (preview === null) return;
      const rows = preview.steps.flatMap((step) =>
        step.changes.map(({ table, rowid, label }) => ({ table, rowid, label })),
      );
      if (rows.length === 0) {
        get().log('fix', 'info', { key: 'activity.nothingToFix', params: { check: checkId } });
        return;
      }
      ask({ kind: 'fix', checkId, title: finding.title, rows });
    },
    askRollBack: (request) => {
      const { status, history } = get();
      if (status === null) return;
      const steps = rollbackPlan(status, history, request);
      if (steps.length === 0) {
        get().log('rollBack', 'info', { key: 'activity.nothingToRollBack' });
        return;
      }
      ask({ kind: 'rollback', request, from: status.current_version, steps });
    },
    askRestore: (backupId) => {
      const entry = backup(backupId);
      if (entry === undefined) return;
      set({ riskAccepted: false });
      ask({ kind: 'restore', backup: entry });
      // The comparison the dialog shows is read now if it was not yet (issue 14B).
      void get().inspectBackup(backupId);
    },
    askDeleteBackup: (backupId) => {
      const entry = backup(backupId);
      if (entry?.origin === 'paneldb') ask({ kind: 'delete-backup', backup: entry });
    },
    askForceVersion: (version) => {
      const status = get().status;
      if (status === null) return;
      ask({
        kind: 'force-version',
        version,
        current: status.current_version,
        dirtyVersion: status.dirty ? status.dirty_version : null,
      });
    },
    askRepair: async () => {
      const recommendation = get().repairReport?.recommendation;
      if (recommendation === undefined) return;
      switch (recommendation.action) {
        case 'force-version':
          if (recommendation.version !== null) get().askForceVersion(recommendation.version);
          return;
        case 'migrate':
          return get().askMigrate();
        case 'restore-backup': {
          const entry = backupForPath(get().backups, recommendation.backup);
          if (entry === undefined) set({ tab: 'backups' });
          else get().askRestore(entry.id);
          return;
        }
        case 'none':
          return;
      }
    },
    cancelConfirm: () => set({ confirm: null }),
    acceptConfirm: async () => {
      const action = get().confirm;
      if (action === null) return;
      set({ confirm: null });
      const state = get();
      switch (action.kind) {
        case 'migrate':
          return state.migrate(action.to);
        case 'rollback':
          return state.rollBack(action.request);
        case 'restore': {
          const risky = (state.inspections[action.backup.id]?.risks.length ?? 0) > 0;
          return state.restoreBackup(action.backup.id, risky && state.riskAccepted);
        }
        case 'delete-backup':
          return state.deleteBackup(action.backup.id);
        case 'force-version':
          return state.forceVersion(action.version);
        case 'fix':
          return state.applyFix(action.checkId);
      }
    },
  };
}
