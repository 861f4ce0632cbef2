// Checks: the repair report (evidence, which version the data is at, the recommendation) and
// forcing the recorded version when a step failed half-way.
import type { ChecksSection, RepairReport } from '../../../electron/shared/reports';
import { perform } from './perform';
import type { SliceDeps } from './state';

export interface ChecksSlice {
  repairReport: RepairReport | null;
  /** The health checks, read after status is on screen (they read every JSON column); null until then. */
  healthChecks: ChecksSection | null;
  /** The full integrity_check, run after status (which shows the quick check); null until done. */
  fullIntegrity: 'ok' | string[] | null;
  healthLoading: boolean;
  integrityLoading: boolean;
  /** Health checks, then the full integrity check: the slow reads that follow status. */
  loadHealth(): Promise<void>;
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
    healthChecks: null,
    fullIntegrity: null,
    healthLoading: false,
    integrityLoading: false,
    loadHealth: async () => {
      set({ healthLoading: true, integrityLoading: true });
      await perform(deps, 'load', () => api.runChecks({}), {
        onOk: ({ checks, summary }) => set({ healthChecks: { checks, summary } }),
      });
      set({ healthLoading: false });
      await perform(deps, 'load', () => api.checkIntegrity({}), {
        onOk: ({ integrity }) => set({ fullIntegrity: integrity }),
      });
      set({ integrityLoading: false });
    },
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
