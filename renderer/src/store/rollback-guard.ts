// A roll back the engine would refuse is disabled up front, with the reason and a Restore button
// for the backup that does take the file back. The store asks the engine (previewRollBack, a dry
// run that writes nothing) instead of re-deriving its rules: the refusal's hint names the step,
// why it cannot be undone, and the way back.
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
