// The handler table behind both transports (Electron IPC and `paneldb serve`): one handler per
// contract method, over one open database at a time. Operations run one after another — two
// writes racing on the same file is exactly what the engine's "changed on disk" check refuses.
import { basename, dirname } from 'node:path';
import type { ApiHandlers, ProgressListener, SessionInfo } from '../shared/contract';
import { fail, ok, type Result } from '../shared/result';
import type { EngineRunner } from './engine-runner';

export interface RecentFiles {
  list(): Promise<Array<{ id: string; path: string }>>;
  add(path: string): Promise<void>;
}

export interface SessionOptions {
  mode: 'desktop' | 'browser';
  runner: EngineRunner;
  /** Writes a fresh demo database and returns its path (a copy each time). */
  createDemo: () => Promise<string>;
  /** Desktop: the native open dialog; resolves null when the user cancels. */
  chooseDatabase?: () => Promise<string | null>;
  recent?: RecentFiles;
  /** A database given on the command line or dropped on the window. */
  initialDatabase?: { path: string; demo: boolean };
  onProgress?: ProgressListener;
}

export interface Session {
  handlers: ApiHandlers;
  /** For a file dropped on the window or given on the command line: validated like openDatabase. */
  openPath(path: string, demo?: boolean): Promise<Result<SessionInfo>>;
}

export function createSession(options: SessionOptions): Session {
  let current = options.initialDatabase ?? null;
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const info = async (): Promise<SessionInfo> => {
    const recent = options.recent === undefined ? [] : await options.recent.list();
    return {
      mode: options.mode,
      database:
        current === null
          ? null
          : { name: basename(current.path), folder: dirname(current.path), demo: current.demo },
      recent: recent.map((entry) => ({
        id: entry.id,
        name: basename(entry.path),
        folder: dirname(entry.path),
      })),
      canChooseFile: options.chooseDatabase !== undefined,
    };
  };

  /** Switches to `path` only if the engine can read it as a panel database; otherwise keeps the current one. */
  const open = (path: string, demo: boolean): Promise<Result<SessionInfo>> =>
    serialised(async () => {
      const status = await options.runner.run({ dbPath: path }, 'getStatus', undefined);
      if (!status.ok) return status;
      current = { path, demo };
      if (!demo) await options.recent?.add(path);
      return ok(await info());
    });

  const withDatabase = <T>(work: (dbPath: string) => Promise<Result<T>>): Promise<Result<T>> =>
    serialised(async () => {
      if (current === null) return fail('NO_DATABASE_OPEN', 'Open a database first.');
      return work(current.path);
    });

  const run = options.runner.run.bind(options.runner);
  const progress = options.onProgress;

  const handlers: ApiHandlers = {
    getSession: async () => ok(await info()),
    openDatabase: async () => {
      if (options.chooseDatabase === undefined) {
        return fail(
          'UNSUPPORTED',
          'Choosing a file needs the desktop app; in the browser, start `paneldb serve <db>`.',
        );
      }
      const path = await options.chooseDatabase();
      return path === null ? ok(await info()) : open(path, false);
    },
    openRecent: async ({ id }) => {
      const entry = (await options.recent?.list())?.find((candidate) => candidate.id === id);
      return entry === undefined
        ? fail('FILE_NOT_FOUND', 'That recent file is no longer listed.')
        : open(entry.path, false);
    },
    openDemo: async () => open(await options.createDemo(), true),
    getStatus: () => withDatabase((dbPath) => run({ dbPath }, 'getStatus', undefined)),
    previewMigrate: (request) =>
      withDatabase((dbPath) => run({ dbPath }, 'previewMigrate', request, progress)),
    migrate: (request) => withDatabase((dbPath) => run({ dbPath }, 'migrate', request, progress)),
    rollBack: (request) => withDatabase((dbPath) => run({ dbPath }, 'rollBack', request, progress)),
    getHistory: () => withDatabase((dbPath) => run({ dbPath }, 'getHistory', undefined)),
    listBackups: () => withDatabase((dbPath) => run({ dbPath }, 'listBackups', undefined)),
    createBackup: () => withDatabase((dbPath) => run({ dbPath }, 'createBackup', 'manual', progress)),
    verifyBackup: ({ backupId }) => withDatabase((dbPath) => run({ dbPath }, 'verifyBackupById', backupId)),
    restoreBackup: ({ backupId }) =>
      withDatabase((dbPath) => run({ dbPath }, 'restoreBackupById', backupId, progress)),
    deleteBackup: ({ backupId }) => withDatabase((dbPath) => run({ dbPath }, 'deleteBackup', backupId)),
    repair: (request) => withDatabase((dbPath) => run({ dbPath }, 'repair', request, progress)),
    runChecks: () => withDatabase((dbPath) => run({ dbPath }, 'check', undefined)),
    previewFix: ({ checkId }) => withDatabase((dbPath) => run({ dbPath }, 'previewFix', checkId, progress)),
    applyFix: ({ checkId }) => withDatabase((dbPath) => run({ dbPath }, 'applyFix', checkId, progress)),
    revertFix: ({ checkId }) => withDatabase((dbPath) => run({ dbPath }, 'revertFix', checkId, progress)),
  };

  return { handlers, openPath: (path, demo = false) => open(path, demo) };
}
