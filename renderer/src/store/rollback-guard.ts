// Issue 14B, point 8: a rollback that the engine will refuse is disabled up front, with the reason
// and a Restore button for the backup that does take the file back — the engine's own rules
// (rollback.ts): an irreversible step, or a step the panel applied (PanelDB holds no before-images).
import type { BackupEntry, HistoryEntry, StatusReport } from '../../../electron/shared/reports';
import type { RollBackRequest } from './migrations-slice';
import { rollbackPlan } from './rollback-plan';
import type { SliceDeps } from './state';

/** The built-in steps without a down: 1 init_schema and 5 user_password_hash (README). */
const IRREVERSIBLE_BUILT_IN: ReadonlySet<number> = new Set([1, 5]);

export interface RollbackBlock {
  version: number;
  name: string;
  reason: 'irreversible' | 'panel-applied';
  /** The newest PanelDB backup made before the step, or null when none is known. */
  backupId: string | null;
}

function standsInHistory(history: HistoryEntry[], version: number): boolean {
  const ordered = history
    .filter((entry) => entry.version === version && entry.from_backup === undefined)
    .sort((a, b) => a.id - b.id);
  return ordered.at(-1)?.direction === 'up';
}

export function rollbackBlock(
  status: StatusReport,
  history: HistoryEntry[],
  backups: BackupEntry[],
  request: RollBackRequest,
): RollbackBlock | null {
  for (const step of rollbackPlan(status, history, request)) {
    const reason = IRREVERSIBLE_BUILT_IN.has(step.version)
      ? 'irreversible'
      : standsInHistory(history, step.version)
        ? null
        : 'panel-applied';
    if (reason === null) continue;
    const before = backups.find(
      (entry) => entry.metadata !== null && !entry.metadata.version_state.applied.includes(step.version),
    );
    return { version: step.version, name: step.name, reason, backupId: before?.id ?? null };
  }
  return null;
}

export interface RollbackGuardSlice {
  /** The engine's answer per request key: a block, or null when the roll back would run. */
  rollbackBlocks: Record<string, RollbackBlock | null>;
  /** Asks the engine whether `request` would be refused; the answer lands in rollbackBlocks. */
  probeRollBack(request: RollBackRequest): Promise<void>;
}

/** One key per request and file state: a new status (after any write) asks again. */
export const rollbackKey = (request: RollBackRequest, fileKey: string) =>
  `${'to' in request ? `to:${request.to}` : `steps:${request.steps}`}@${fileKey}`;

export function createRollbackGuardSlice({ api, get, set }: SliceDeps): RollbackGuardSlice {
  return {
    rollbackBlocks: {},
    probeRollBack: async (request) => {
      const status = get().status;
      if (status === null) return;
      const key = rollbackKey(request, status.file_fingerprint ?? status.database);
      if (key in get().rollbackBlocks) return;
      const result = await api.previewRollBack(request);
      const hint = result.ok ? undefined : result.error.hint;
      const block =
        !result.ok && result.error.code === 'ROLLBACK_REFUSED' && hint?.action === 'restore-backup'
          ? hint.refusedStep === undefined
            ? null
            : { ...hint.refusedStep, backupId: hint.backupId }
          : null;
      set({ rollbackBlocks: { ...get().rollbackBlocks, [key]: block } });
    },
  };
}
