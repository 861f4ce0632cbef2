// The handler table behind both transports (Electron IPC and `paneldb serve`): one handler per
// contract method, over one open database at a time. Operations run one after another — two
// writes racing on the same file is exactly what the engine's "changed on disk" check refuses.
import { basename, dirname } from 'node:path';
import { lintMigrationsDir } from '../lint/lint';
import type { ApiHandlers, ProgressListener, SessionInfo } from '../shared/contract';
import type { MigrationFileLint, MigrationsReview } from '../shared/reports';
import { fail, ok, type AppError, type ErrorCode, type Result } from '../shared/result';
import type { EngineRunner, EngineTarget } from './engine-runner';
import { recoveredFileName } from '../core/index';
import { recoveredFile } from './recovered-file';
import { message } from '../shared/i18n';

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
  /** Desktop: the native folder dialog for a golang-migrate folder; resolves null when the user cancels. */
  chooseMigrationsFolder?: () => Promise<string | null>;
  /** A golang-migrate folder given on the command line (`serve --migrations-dir`). */
  initialMigrationsDir?: string;
  /** `paneldb serve DIR`: the folder whose panel databases `recent` lists. */
  filesFolder?: string;
  /** Desktop: the native save dialog for a recovered file, offering `suggested`; null when cancelled. */
  chooseRecoveryTarget?: (suggested: string) => Promise<string | null>;
  now?: () => Date;
}

/**
 * Issue 14B: a file that cannot be opened as a panel database still opens, in a limited mode that
 * says what is wrong and offers its backups. A path that names nothing usable at all is refused.
 */
const LIMITED_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'FILE_EMPTY',
  'NOT_SQLITE',
  'DATABASE_CORRUPT',
  'NOT_A_PANEL_DATABASE',
  'WAL_INVALID',
  'WAL_MISMATCH',
  'WAL_WITHOUT_DATABASE',
  'FILE_UNREADABLE',
]);
/** Once open, a file that disappeared is shown as such, not with its last status. */
const isLimiting = (error: AppError, opened: boolean) =>
  LIMITED_CODES.has(error.code) || (opened && error.code === 'FILE_NOT_FOUND');

export interface Session {
  handlers: ApiHandlers;
  /** For a file dropped on the window or given on the command line: validated like openDatabase. */
  openPath(path: string, demo?: boolean): Promise<Result<SessionInfo>>;
  /** Sets the golang-migrate folder after linting it (and checking it against the open database); keeps the previous one when refused. */
  setMigrationsDir(dir: string): Promise<Result<SessionInfo>>;
}

/** Refuses a folder golang-migrate itself would refuse (duplicate versions), naming the files. */
async function validateMigrationsDir(dir: string): Promise<Result<MigrationFileLint[]>> {
  const linted = await lintMigrationsDir(dir);
  if (!linted.ok) return linted;
  const duplicates = linted.value.findings.filter((item) => item.rule === 'duplicate-version');
  if (duplicates.length > 0) {
    return fail(
      'INVALID_ARGUMENT',
      message(
        'err.session.duplicateVersions',
        { folder: basename(dir) },
        { findings: duplicates.map((item) => item.msg) },
      ),
    );
  }
  const byFile = new Map<string, MigrationFileLint>();
  for (const item of linted.value.findings) {
    const entry = byFile.get(item.file) ?? { file: item.file, errors: 0, warnings: 0, findings: [] };
    if (item.severity === 'error') entry.errors++;
    if (item.severity === 'warning') entry.warnings++;
    entry.findings.push({
      line: item.line,
      rule: item.rule,
      severity: item.severity,
      message: item.message,
      msg: item.msg,
      refs: item.refs,
    });
    byFile.set(item.file, entry);
  }
  return ok([...byFile.values()]);
}

export function createSession(options: SessionOptions): Session {
  let current: { path: string; demo: boolean; limited: AppError | null } | null =
    options.initialDatabase === undefined ? null : { ...options.initialDatabase, limited: null };
  let migrationsDir: string | null = options.initialMigrationsDir ?? null;
  /** The file the session's last recovery wrote (issue 17). */
  const recovered = recoveredFile(options.runner);
  const target = (dbPath: string): EngineTarget =>
    migrationsDir === null ? { dbPath } : { dbPath, migrationsDir };
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
          : {
              name: basename(current.path),
              folder: dirname(current.path),
              demo: current.demo,
              limited: current.limited,
            },
      filesFolder: options.filesFolder === undefined ? null : basename(options.filesFolder),
      recent: recent.map((entry) => ({
        id: entry.id,
        name: basename(entry.path),
        folder: dirname(entry.path),
      })),
      canChooseFile: options.chooseDatabase !== undefined,
      migrationsFolder:
        migrationsDir === null ? null : { name: basename(migrationsDir), folder: dirname(migrationsDir) },
      canChooseMigrationsFolder: options.chooseMigrationsFolder !== undefined,
    };
  };

  /** Switches to `path` only if the engine can read it as a panel database; otherwise keeps the current one. */
  const open = (path: string, demo: boolean): Promise<Result<SessionInfo>> =>
    serialised(async () => {
      const status = await options.runner.run(target(path), 'getStatus', undefined);
      if (!status.ok && !isLimiting(status.error, false)) return status;
      current = { path, demo, limited: status.ok ? null : status.error };
      if (!demo) await options.recent?.add(path);
      return ok(await info());
    });

  const withDatabase = <T>(work: (dbPath: string) => Promise<Result<T>>): Promise<Result<T>> =>
    serialised(async () => {
      if (current === null) return fail('NO_DATABASE_OPEN', message('err.session.noDatabase'));
      return work(current.path);
    });

  const setMigrationsDir = (dir: string): Promise<Result<SessionInfo>> =>
    serialised(async () => {
      const linted = await validateMigrationsDir(dir);
      if (!linted.ok) return linted;
      if (current !== null) {
        const status = await options.runner.run(
          { dbPath: current.path, migrationsDir: dir },
          'getStatus',
          undefined,
        );
        if (!status.ok) return status;
      }
      migrationsDir = dir;
      return ok(await info());
    });

  const review = (dbPath: string): Promise<Result<MigrationsReview>> => {
    const dir = migrationsDir;
    if (dir === null) {
      return Promise.resolve(fail('INVALID_ARGUMENT', message('err.session.noMigrationsFolder')));
    }
    return (async () => {
      const lint = await validateMigrationsDir(dir);
      if (!lint.ok) return lint;
      const roundtrip = await options.runner.run({ dbPath, migrationsDir: dir }, 'checkRoundTrip', undefined);
      if (!roundtrip.ok) return roundtrip;
      const { passed, steps, notes } = roundtrip.value;
      return ok({ lint: lint.value, roundtrip: { passed, steps, notes } });
    })();
  };

  const runner = options.runner;
  const run: EngineRunner['run'] = (engineTarget, operation, argument, onProgress) =>
    runner.run(target(engineTarget.dbPath), operation, argument, onProgress);
  const progress = options.onProgress;

  const handlers: ApiHandlers = {
    getSession: async () => ok(await info()),
    openDatabase: async () => {
      if (options.chooseDatabase === undefined) {
        return fail('UNSUPPORTED', message('err.session.fileDialogDesktopOnly'));
      }
      const path = await options.chooseDatabase();
      return path === null ? ok(await info()) : open(path, false);
    },
    openRecent: async ({ id }) => {
      const entry = (await options.recent?.list())?.find((candidate) => candidate.id === id);
      return entry === undefined
        ? fail('FILE_NOT_FOUND', message('err.session.recentGone'))
        : open(entry.path, false);
    },
    openDemo: async () => open(await options.createDemo(), true),
    getStatus: () =>
      withDatabase(async (dbPath) => {
        const status = await run({ dbPath }, 'getStatus', undefined);
        // The session follows the file: limited once it cannot be read (deleted, damaged), full again after a restore.
        if (current !== null && current.path === dbPath) {
          if (status.ok) current.limited = null;
          else if (isLimiting(status.error, true)) current.limited = status.error;
        }
        return status;
      }),
    previewMigrate: (request) =>
      withDatabase((dbPath) => run({ dbPath }, 'previewMigrate', request, progress)),
    migrate: (request) => withDatabase((dbPath) => run({ dbPath }, 'migrate', request, progress)),
    rollBack: (request) => withDatabase((dbPath) => run({ dbPath }, 'rollBack', request, progress)),
    getHistory: () => withDatabase((dbPath) => run({ dbPath }, 'getHistory', undefined)),
    listBackups: () => withDatabase((dbPath) => run({ dbPath }, 'listBackups', undefined)),
    createBackup: () => withDatabase((dbPath) => run({ dbPath }, 'createBackup', 'manual', progress)),
    verifyBackup: ({ backupId }) => withDatabase((dbPath) => run({ dbPath }, 'verifyBackupById', backupId)),
    restoreBackup: ({ backupId, acceptUnverified, acceptRisk }) =>
      withDatabase((dbPath) =>
        run(
          { dbPath },
          'restoreBackupById',
          { id: backupId, acceptUnverified: acceptUnverified === true, acceptRisk: acceptRisk === true },
          progress,
        ),
      ),
    deleteBackup: ({ backupId }) => withDatabase((dbPath) => run({ dbPath }, 'deleteBackup', backupId)),
    repair: (request) => withDatabase((dbPath) => run({ dbPath }, 'repair', request, progress)),
    runChecks: () => withDatabase((dbPath) => run({ dbPath }, 'check', undefined)),
    checkIntegrity: () => withDatabase((dbPath) => run({ dbPath }, 'checkIntegrity', undefined)),
    previewFix: (request) => withDatabase((dbPath) => run({ dbPath }, 'previewFix', request, progress)),
    applyFix: (request) => withDatabase((dbPath) => run({ dbPath }, 'applyFix', request, progress)),
    revertFix: (request) => withDatabase((dbPath) => run({ dbPath }, 'revertFix', request, progress)),
    previewRollBack: (request) =>
      withDatabase((dbPath) => run({ dbPath }, 'previewRollBack', request, progress)),
    setPassword: (request) => withDatabase((dbPath) => run({ dbPath }, 'setPassword', request, progress)),
    listActivity: () => withDatabase((dbPath) => run({ dbPath }, 'listActivity', undefined)),
    addMigrationsFolder: async () => {
      if (options.chooseMigrationsFolder === undefined) {
        return fail('UNSUPPORTED', message('err.session.folderDialogDesktopOnly'));
      }
      const dir = await options.chooseMigrationsFolder();
      return dir === null ? ok(await info()) : setMigrationsDir(dir);
    },
    removeMigrationsFolder: () =>
      serialised(async () => {
        migrationsDir = null;
        return ok(await info());
      }),
    reviewMigrations: () => withDatabase(review),
    // issue 14B
    inspectBackup: ({ backupId }) => withDatabase((dbPath) => run({ dbPath }, 'inspectBackup', backupId)),
    compareBackup: ({ backupId }) => withDatabase((dbPath) => run({ dbPath }, 'compareBackup', backupId)),
    closeDatabase: () =>
      serialised(async () => {
        current = null;
        return ok(await info());
      }),
    listWalCommits: () => withDatabase((dbPath) => run({ dbPath }, 'listWalCommits', undefined)),
    recoverDatabase: ({ walCommit }) =>
      withDatabase(async (dbPath) => {
        // The page never names the output: a native dialog does, or the engine's own name beside the input.
        const suggested = recoveredFileName(dbPath, (options.now ?? (() => new Date()))());
        const out =
          options.chooseRecoveryTarget === undefined
            ? suggested
            : await options.chooseRecoveryTarget(suggested);
        if (out === null) return ok(null);
        const report = await run({ dbPath }, 'recoverInto', { out, walCommit });
        if (report.ok) recovered.remember(report.value);
        return report;
      }),
    openRecoveredDatabase: async () => {
      const path = await recovered.check();
      return path.ok ? open(path.value, false) : path;
    },
  };

  return { handlers, openPath: (path, demo = false) => open(path, demo), setMigrationsDir };
}
