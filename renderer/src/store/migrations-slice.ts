// Where the file stands and how it moves: status, history, the dry-run preview of the pending
// steps, migrate and roll back, and the report of the last run.
import type { ApiRequest } from '../../../electron/shared/contract';
import type {
  HistoryEntry,
  MigrationsReview,
  RunReport,
  StatusReport,
  XhttpFlowMode,
} from '../../../electron/shared/reports';
import { perform } from './perform';
import type { SliceDeps } from './state';

export type RollBackRequest = ApiRequest<'rollBack'>;

export interface MigrationsSlice {
  status: StatusReport | null;
  history: HistoryEntry[];
  /** The dry run of `migrate`: what each pending step would change. */
  preview: RunReport | null;
  /** The report of the last migrate or roll back, kept on screen until dismissed. */
  lastRun: RunReport | null;
  /** Migration 3's mode for the preview and the run: `safe` unless the admin picks `panel`. */
  xhttpFlow: XhttpFlowMode;
  /** Changes the mode; the preview (and an open migrate question) is computed again for it. */
  setXhttpFlow(mode: XhttpFlowMode): Promise<void>;
  loadStatus(): Promise<void>;
  loadHistory(): Promise<void>;
  loadPreview(): Promise<RunReport | null>;
  /** `expect`: the plan fingerprint the confirm dialog showed; a different plan now is refused. */
  migrate(to?: number, expect?: string): Promise<void>;
  rollBack(request: RollBackRequest): Promise<void>;
  dismissRunReport(): void;
  /** The lint and round trip of the session's migrations folder; null without a folder or until read. */
  review: MigrationsReview | null;
  /** True while the review is being computed. */
  reviewLoading: boolean;
  loadReview(): Promise<void>;
  /** Desktop: the native folder dialog; the folder's versions join the pending list. */
  addMigrationsFolder(): Promise<void>;
  removeMigrationsFolder(): Promise<void>;
}

export function createMigrationsSlice(deps: SliceDeps): MigrationsSlice {
  const { api, set, get } = deps;
  const ran = (report: RunReport) => set({ lastRun: report, preview: null });
  return {
    status: null,
    history: [],
    preview: null,
    lastRun: null,
    xhttpFlow: 'safe',
    setXhttpFlow: async (mode) => {
      if (get().xhttpFlow === mode) return;
      set({ xhttpFlow: mode, preview: null });
      if (get().confirm?.kind === 'migrate') await get().refreshMigrateQuestion();
    },
    loadStatus: async () => {
      const status = await perform(deps, 'load', () => api.getStatus({}), {
        onOk: (status) => set({ status }),
      });
      // A file deleted or damaged since it was opened must not keep its last status (issue 14B).
      if (status === null || get().session?.database?.limited != null) await get().syncSession();
    },
    loadHistory: async () => {
      await perform(deps, 'load', () => api.getHistory({}), { onOk: (history) => set({ history }) });
    },
    loadPreview: () =>
      perform(
        deps,
        'preview',
        () => {
          const to = get().migrateTo;
          return api.previewMigrate(
            to === null ? { xhttpFlow: get().xhttpFlow } : { to, xhttpFlow: get().xhttpFlow },
          );
        },
        {
          progress: true,
          onOk: (preview) => set({ preview }),
          success: (preview) => ({
            key: 'activity.previewed',
            params: {
              steps: preview.steps.length,
              rows: preview.steps.reduce((sum, step) => sum + step.rows_changed, 0),
            },
          }),
        },
      ),
    migrate: async (to, expect) => {
      const xhttpFlow = get().xhttpFlow;
      const request = {
        xhttpFlow,
        ...(to === undefined ? {} : { to }),
        ...(expect === undefined ? {} : { expect }),
      };
      await perform(deps, 'migrate', () => api.migrate(request), {
        write: true,
        progress: true,
        onOk: ran,
        success: (report) => ({
          key: 'activity.migrated',
          params: { from: report.from_version, to: report.to_version, steps: report.steps.length },
        }),
      });
      // The file changed since the preview: it is stale, the next question previews afresh.
      if (get().error?.code === 'PLAN_CHANGED') set({ preview: null });
    },
    rollBack: async (request) => {
      await perform(deps, 'rollBack', () => api.rollBack(request), {
        write: true,
        progress: true,
        onOk: ran,
        success: (report) => ({
          key: 'activity.rolledBack',
          params: { from: report.from_version, to: report.to_version, steps: report.steps.length },
        }),
      });
    },
    dismissRunReport: () => set({ lastRun: null }),
    review: null,
    reviewLoading: false,
    loadReview: async () => {
      if (get().session?.migrationsFolder == null || get().session?.database == null) {
        set({ review: null });
        return;
      }
      set({ reviewLoading: true });
      await perform(deps, 'review', () => api.reviewMigrations({}), {
        onOk: (review) => set({ review }),
      });
      set({ reviewLoading: false });
    },
    addMigrationsFolder: async () => {
      const before = get().session?.migrationsFolder ?? null;
      await perform(deps, 'migrationsFolder', () => api.addMigrationsFolder({}), {
        onOk: async (session) => {
          set({ session, review: null, preview: null });
          await get().refreshAll();
        },
        success: (session) =>
          session.migrationsFolder === null ||
          (before !== null &&
            before.name === session.migrationsFolder.name &&
            before.folder === session.migrationsFolder.folder)
            ? null
            : { key: 'activity.migrationsFolderAdded', params: { name: session.migrationsFolder.name } },
      });
    },
    removeMigrationsFolder: async () => {
      await perform(deps, 'migrationsFolder', () => api.removeMigrationsFolder({}), {
        onOk: async (session) => {
          set({ session, review: null, preview: null });
          await get().refreshAll();
        },
        success: () => ({ key: 'activity.migrationsFolderRemoved' }),
      });
    },
  };
}
