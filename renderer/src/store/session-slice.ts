// The session: which database is open (or none: the start screen), opening one, and reading
// everything shown about it again.
import type { SessionInfo } from '../../../electron/shared/contract';
import type { Result } from '../../../electron/shared/result';
import type { Message } from '../i18n';
import { perform } from './perform';
import type { AppState, SliceDeps } from './state';

export interface SessionSlice {
  session: SessionInfo | null;
  /** True while status, history, backups and checks are being read. */
  loading: boolean;
  init(): Promise<void>;
  openDemo(): Promise<void>;
  openDatabase(): Promise<void>;
  openRecent(id: string): Promise<void>;
  /** Issue 17: opens the file the session's last recovery wrote (the session knows which). */
  openRecovered(): Promise<void>;
  /** Desktop: a database opened from the menu, a drop or the command line (or the refusal of one). */
  applySessionChange(result: Result<SessionInfo>): Promise<void>;
  refreshAll(): Promise<void>;
}

/** What belongs to one database and must not survive opening another. */
export const DATABASE_STATE: Partial<AppState> = {
  status: null,
  history: [],
  preview: null,
  review: null,
  lastRun: null,
  backups: [],
  verifications: {},
  inspections: {},
  backupDiff: null,
  repairReport: null,
  healthChecks: null,
  fullIntegrity: null,
  confirm: null,
  tab: 'overview',
};

const sameDatabase = (a: SessionInfo | null, b: SessionInfo) =>
  a?.database != null &&
  b.database !== null &&
  a.database.name === b.database.name &&
  a.database.folder === b.database.folder;

export function createSessionSlice(deps: SliceDeps): SessionSlice {
  const { api, get, set } = deps;

  const opened = async (session: SessionInfo) => {
    const switched = !sameDatabase(get().session, session);
    set(switched ? { ...DATABASE_STATE, session } : { session });
    if (session.database !== null) await get().refreshAll();
  };
  const openedMessage = (session: SessionInfo): Message | null =>
    session.database === null ? null : { key: 'activity.opened', params: { name: session.database.name } };

  return {
    session: null,
    loading: false,
    init: async () => {
      await perform(deps, 'open', () => api.getSession({}), { onOk: opened });
    },
    openDemo: async () => {
      await perform(deps, 'open', () => api.openDemo({}), { onOk: opened, success: openedMessage });
    },
    openDatabase: async () => {
      const before = get().session;
      await perform(deps, 'open', () => api.openDatabase({}), {
        onOk: opened,
        success: (session) => (sameDatabase(before, session) ? null : openedMessage(session)),
      });
    },
    openRecent: async (id) => {
      await perform(deps, 'open', () => api.openRecent({ id }), { onOk: opened, success: openedMessage });
    },
    openRecovered: async () => {
      await perform(deps, 'open', () => api.openRecoveredDatabase({}), {
        onOk: opened,
        success: openedMessage,
      });
    },
    applySessionChange: async (result) => {
      await perform(deps, 'open', () => Promise.resolve(result), { onOk: opened, success: openedMessage });
    },
    refreshAll: async () => {
      if (get().session?.database == null) return;
      set({ loading: true });
      const state = get();
      if (get().session?.database?.limited != null) {
        // Limited mode (issue 14B): only the backups can be read; the status tells when it is whole again.
        await Promise.all([state.loadBackups(), state.loadStatus()]);
        set({ loading: false });
        return;
      }
      await Promise.all([
        state.loadStatus(),
        state.loadHistory(),
        state.loadBackups(),
        state.loadRepair(),
        state.loadReview(),
        state.loadActivity(),
      ]);
      set({ loading: false });
      // Status is on screen: now the reads that take seconds on a big file.
      await get().loadHealth();
    },
  };
}
