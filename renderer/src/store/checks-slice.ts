// Checks: the repair report (evidence, which version the data is at, the recommendation) and
// forcing the recorded version when a step failed half-way.
import type { RepairReport } from '../../../electron/shared/reports';
import { perform } from './perform';
import type { SliceDeps } from './state';

export interface ChecksSlice {
  repairReport: RepairReport | null;
  loadRepair(): Promise<void>;
  /** `guard`: the explicit acknowledgement a clean file needs, and the fingerprint confirmed. */
  forceVersion(version: number, guard?: { acknowledgeSkipped?: boolean; expect?: string }): Promise<void>;
  /** Applies the fix for a check (the confirm dialog asked first): backup, one transaction, logged. */
  applyFix(checkId: string, expect?: string): Promise<void>;
}

export function createChecksSlice(deps: SliceDeps): ChecksSlice {
  const { api, set } = deps;
  return {
    repairReport: null,
    loadRepair: async () => {
      await perform(deps, 'load', () => api.repair({}), { onOk: (repairReport) => set({ repairReport }) });
    },
    forceVersion: async (version, guard = {}) => {
      const request = {
        forceVersion: version,
        ...(guard.acknowledgeSkipped === true ? { acknowledgeSkipped: true } : {}),
        ...(guard.expect === undefined ? {} : { expect: guard.expect }),
      };
      await perform(deps, 'forceVersion', () => api.repair(request), {
        write: true,
        progress: true,
        onOk: () => set({ preview: null, lastRun: null }),
        success: (report) => ({
          key: 'activity.forced',
          params: { version, backup: report.forced?.backup.id ?? '' },
        }),
      });
    },
    applyFix: async (checkId, expect) => {
      const request = expect === undefined ? { checkId } : { checkId, expect };
      await perform(deps, 'fix', () => api.applyFix(request), {
        write: true,
        progress: true,
        onOk: (report) => set({ lastRun: report, preview: null }),
        success: (report) => ({
          key: 'activity.fixed',
          params: {
            check: checkId,
            rows: report.steps.reduce((sum, step) => sum + step.rows_changed, 0),
            backup: report.backup?.id ?? '',
          },
        }),
      });
    },
  };
}
