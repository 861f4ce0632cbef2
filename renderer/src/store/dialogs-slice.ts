// What is on screen: the open tab and the confirm dialog. Every write is asked for first; the
// question carries the exact steps or backup concerned, and accepting it runs the operation.
import type {
  BackupEntry,
  RunReport,
  TriggerEffect,
  TriggerInfo,
  ChangePreview,
  ForceOption,
} from '../../../electron/shared/reports';
import { perform } from './perform';
import type { RollBackRequest } from './migrations-slice';
import { backupForPath, type PlannedStep } from './plans';
import type { SliceDeps } from './state';

export const TABS = ['overview', 'history', 'pending', 'backups', 'checks'] as const;
export type TabId = (typeof TABS)[number];

/**
 * Every write question. `fingerprint` is the plan the dialog shows (issue 14): accepting sends it,
 * and the engine refuses with PLAN_CHANGED if the file changed since.
 */
export type ConfirmAction =
  | {
      kind: 'migrate';
      from: number;
      to: number;
      steps: Array<
        PlannedStep & { rows: number; triggers?: TriggerInfo[]; trigger_effects?: TriggerEffect[] }
      >;
      fingerprint?: string;
    }
  | {
      kind: 'rollback';
      request: RollBackRequest;
      from: number;
      steps: PlannedStep[];
      fingerprint?: string;
    }
  /** `acceptUnverified`: the person ticked "restore it anyway" for a backup without PanelDB metadata. */
  | { kind: 'restore'; backup: BackupEntry; acceptUnverified: boolean }
  | { kind: 'delete-backup'; backup: BackupEntry }
  | {
      kind: 'force-version';
      version: number;
      current: number;
      dirtyVersion: number | null;
      /** The engine's guard for this version (repair report); absent on an older engine. */
      option?: ForceOption;
      /** The explicit "these steps will not run" confirmation a clean file needs. */
      acknowledged?: boolean;
    }
  | {
      kind: 'fix';
      checkId: string;
      title: string;
      /** The rows the fix would change, from its dry run (labels are database text: shown as text). */
      rows: Array<{ table: string; rowid: number; label: string | null }>;
      /** The dry run's changes, shown key by key before anything is applied. */
      changes?: ChangePreview[];
      fingerprint?: string;
    }
  | { kind: 'revert-fix'; checkId: string };

export interface DialogsSlice {
  tab: TabId;
  confirm: ConfirmAction | null;
  setTab(tab: TabId): void;
  askMigrate(): Promise<void>;
  /** Asks the engine which steps the roll back would undo (or why it refuses), then asks the user. */
  askRollBack(request: RollBackRequest): Promise<void>;
  askRestore(backupId: string): void;
  askDeleteBackup(backupId: string): void;
  askForceVersion(version: number): void;
  /** The advanced confirmation of a force on a clean file. */
  setForceAcknowledged(acknowledged: boolean): void;
  askRevertFix(checkId: string): void;
  /** Dry-runs the fix for a check and asks to apply it, listing the rows it would change. */
  askFix(checkId: string): Promise<void>;
  /** The migrate question, computed again from a fresh preview (after the migration-3 mode changed). */
  refreshMigrateQuestion(): Promise<void>;
  /** Follows the repair report's recommendation: force a version, migrate or restore. */
  askRepair(): Promise<void>;
  /** The restore dialog's confirmation that a backup without metadata may be restored. */
  setAcceptUnverified(accept: boolean): void;
  cancelConfirm(): void;
  acceptConfirm(): Promise<void>;
}

function migrateQuestion(preview: RunReport): ConfirmAction {
  return {
    kind: 'migrate',
    from: preview.from_version,
    to: preview.to_version,
    steps: preview.steps.map(({ version, name, rows_changed, triggers, trigger_effects }) => ({
      version,
      name,
      rows: rows_changed,
      ...(triggers === undefined ? {} : { triggers, trigger_effects: trigger_effects ?? [] }),
    })),
    ...(preview.plan_fingerprint === undefined ? {} : { fingerprint: preview.plan_fingerprint }),
  };
}

/** An invalid backup is never restored; an unverified one only once the person confirmed it. */
export function confirmable(action: ConfirmAction): boolean {
  if (action.kind !== 'restore') return true;
  if (action.backup.standing === 'invalid') return false;
  return action.backup.standing === 'ok' || action.acceptUnverified;
}

export function createDialogsSlice(deps: SliceDeps): DialogsSlice {
  const { get, set, api } = deps;
  /** The roll back question's engine dry run, awaited before the roll back it guards runs. */
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
      const finding = get().healthChecks?.checks.find((check) => check.id === checkId);
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
      ask({
        kind: 'fix',
        checkId,
        title: finding.title,
        rows,
        changes: preview.steps.flatMap((step) => step.changes),
        ...(preview.plan_fingerprint === undefined ? {} : { fingerprint: preview.plan_fingerprint }),
      });
    },
    askRollBack: async (request) => {
      if (get().status === null) return;
      const plan = await perform(deps, 'rollBack', () => api.previewRollBack(request));
      if (plan === null) return;
      if (plan.steps.length === 0) {
        get().log('rollBack', 'info', { key: 'activity.nothingToRollBack' });
        return;
      }
      // The engine's own dry run of the downs: its step list and its plan fingerprint.
      ask({
        kind: 'rollback',
        request,
        from: plan.from_version,
        steps: plan.steps.map(({ version, name }) => ({ version, name })),
        ...(plan.plan_fingerprint === undefined ? {} : { fingerprint: plan.plan_fingerprint }),
      });
    },
    askRestore: (backupId) => {
      const entry = backup(backupId);
      if (entry === undefined) return;
      set({ riskAccepted: false });
      ask({ kind: 'restore', backup: entry, acceptUnverified: false });
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
      const option = get().repairReport?.force_options?.find((candidate) => candidate.version === version);
      ask({
        kind: 'force-version',
        version,
        current: status.current_version,
        dirtyVersion: status.dirty ? status.dirty_version : null,
        ...(option === undefined ? {} : { option, acknowledged: false }),
      });
    },
    setForceAcknowledged: (acknowledged) => {
      const open = get().confirm;
      if (open?.kind === 'force-version') set({ confirm: { ...open, acknowledged } });
    },
    askRevertFix: (checkId) => ask({ kind: 'revert-fix', checkId }),
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
        case 'fix':
          if (recommendation.check !== undefined) return get().askFix(recommendation.check);
          return;
        case 'checks':
          set({ tab: 'checks' });
          return;
        case 'none':
          return;
      }
    },
    setAcceptUnverified: (accept) => {
      const action = get().confirm;
      if (action?.kind === 'restore') set({ confirm: { ...action, acceptUnverified: accept } });
    },
    cancelConfirm: () => set({ confirm: null }),
    acceptConfirm: async () => {
      const action = get().confirm;
      if (action === null || !confirmable(action)) return;
      const confirmed = action;
      set({ confirm: null });
      const state = get();
      switch (confirmed.kind) {
        case 'migrate':
          return state.migrate(confirmed.to, confirmed.fingerprint);
        case 'rollback':
          return state.rollBack(
            confirmed.fingerprint === undefined
              ? confirmed.request
              : { ...confirmed.request, expect: confirmed.fingerprint },
          );
        case 'restore': {
          const risky = (state.inspections[confirmed.backup.id]?.risks.length ?? 0) > 0;
          return state.restoreBackup(confirmed.backup.id, {
            acceptUnverified: confirmed.acceptUnverified,
            acceptRisk: risky && state.riskAccepted,
          });
        }
        case 'delete-backup':
          return state.deleteBackup(confirmed.backup.id);
        case 'force-version':
          if (confirmed.option?.refused != null) return;
          if (confirmed.option?.needs_acknowledgement === true && confirmed.acknowledged !== true) return;
          return state.forceVersion(confirmed.version, {
            acknowledgeSkipped: confirmed.acknowledged === true,
            ...(confirmed.option === undefined ? {} : { expect: confirmed.option.fingerprint }),
          });
        case 'fix':
          return state.applyFix(confirmed.checkId, confirmed.fingerprint);
        case 'revert-fix':
          return state.revertFix(confirmed.checkId);
      }
    },
  };
}
