// Issue 14B, point 8: a rollback that the engine will refuse is disabled up front, with the reason
// and a Restore button for the backup that does take the file back. The engine alone decides: its
// dry run (previewRollBack) is asked once per request and file state; the renderer keeps no copy
// of the rollback rules (issue 11), so the dialog and the toolbar cannot drift from the engine.
import type { RollBackRequest } from './migrations-slice';
import type { SliceDeps } from './state';

export interface RollbackBlock {
  version: number;
  name: string;
  reason: 'irreversible' | 'panel-applied';
  /** The newest PanelDB backup made before the step, or null when none is known. */
  backupId: string | null;
}

export interface RollbackGuardSlice {
  /**
   * The engine's answer per request key: a block, or null when the roll back would run. A key is
   * absent while the engine has not answered (or could not, e.g. busy): the toolbar then leaves
   * the button to the confirm dialog, which runs the same dry run.
   */
  rollbackBlocks: Record<string, RollbackBlock | null>;
  /** Asks the engine whether `request` would be refused; the answer lands in rollbackBlocks. */
  probeRollBack(request: RollBackRequest): Promise<void>;
}

/** One key per request and file state: a new status (after any write) asks again. */
export const rollbackKey = (request: RollBackRequest, fileKey: string) =>
  `${'to' in request ? `to:${request.to}` : `steps:${request.steps}`}@${fileKey}`;

export function createRollbackGuardSlice({ api, get, set }: SliceDeps): RollbackGuardSlice {
  const asking = new Set<string>();
  return {
    rollbackBlocks: {},
    probeRollBack: async (request) => {
      const status = get().status;
      if (status === null) return;
      const key = rollbackKey(request, status.file_fingerprint ?? status.database);
      if (key in get().rollbackBlocks || asking.has(key)) return;
      asking.add(key);
      try {
        const result = await api.previewRollBack(request);
        let block: RollbackBlock | null;
        if (result.ok) block = null;
        else {
          const hint = result.error.hint;
          // Only a refusal is an answer; any other failure (busy, changed on disk) is asked again
          // with the next status rather than remembered as "would run".
          if (result.error.code !== 'ROLLBACK_REFUSED') return;
          block =
            hint?.action === 'restore-backup' && hint.refusedStep !== undefined
              ? { ...hint.refusedStep, backupId: hint.backupId }
              : null;
        }
        set({ rollbackBlocks: { ...get().rollbackBlocks, [key]: block } });
      } finally {
        asking.delete(key);
      }
    },
  };
}
