// The engine's public entry. Everything it needs comes in as parameters (paths, clock, file system,
// migration list); every operation returns a Result and never throws.
import { MIGRATIONS } from '../../migrations/index';
import type { PanelMigration } from '../../migrations/types';
import type { Result } from '../shared/result';
import {
  createBackup,
  defaultBackupDir,
  deleteOwnBackup,
  findListedBackup,
  listBackups,
  verifyBackupFile,
  type BackupEntry,
  type BackupReason,
  type VerifyReport,
} from './backups';
import { capture } from './engine-error';
import { loadMigrations } from './external-migrations';
import { roundTripOpened, type RoundTripReport } from './roundtrip';
import { nodeFileSystem, type FileSystem } from './file-system';
import { readHistory, type HistoryEntry } from './history-log';
import { migrateOpened, versionSnapshot, type MigrateRequest, type RunReport } from './migrate';
import type { ProgressEvent } from './migrator';
import { asUnreadable, assertIntact, openPanel, type OpenedPanel } from './open-panel';
import type { OperationContext } from './operation-context';
import { repairOpened, type RepairReport } from './repair';
import { restoreBackup, restoreBackupFile, type RestoreReport } from './restore';
import { rollBackOpened, type RollbackRequest } from './rollback';
import { buildStatus, type StatusReport } from './status';
import { findFileHolders } from './file-holders';
import { describeInterruptedSave } from './save-intent';
import { underWriteLock } from './write-session';
import { fixOpened, revertFixOpened } from './fixes';
import { runChecks } from './xray-checks';
import type { CheckReport } from '../shared/reports';

export interface EngineOptions {
  dbPath: string;
  backupDir?: string;
  migrations?: readonly PanelMigration[];
  fs?: FileSystem;
  now?: () => Date;
  ignoreWal?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * A golang-migrate folder whose versions (above the built-in 1–5) run after the built-in steps.
   * Read afresh for every operation, so a file edited after it was applied shows as drift.
   */
  migrationsDir?: string;
}

export interface Engine {
  readonly dbPath: string;
  readonly backupDir: string;
  getStatus(): Promise<Result<StatusReport>>;
  createBackup(reason?: BackupReason): Promise<Result<BackupEntry>>;
  listBackups(): Promise<Result<BackupEntry[]>>;
  previewMigrate(request?: Omit<MigrateRequest, 'dryRun'>): Promise<Result<RunReport>>;
  migrate(request?: Omit<MigrateRequest, 'dryRun'>): Promise<Result<RunReport>>;
  rollBack(request?: RollbackRequest): Promise<Result<RunReport>>;
  getHistory(): Promise<Result<HistoryEntry[]>>;
  /** CLI: a path or a listed id. */
  restoreBackup(backup: string): Promise<Result<RestoreReport>>;
  /** UI: listed ids only. */
  restoreBackupById(id: string): Promise<Result<RestoreReport>>;
  verifyBackupById(id: string): Promise<Result<VerifyReport>>;
  deleteBackup(id: string): Promise<Result<{ deleted: string }>>;
  repair(request?: { forceVersion?: number }): Promise<Result<RepairReport>>;
  /** up → down → up for every pending step on an in-memory copy; the file is never written. */
  checkRoundTrip(): Promise<Result<RoundTripReport>>;
  /** The Xray-aware health checks; reads only. */
  check(): Promise<Result<CheckReport>>;
  /** What the fix for `checkId` would change; writes nothing. */
  previewFix(checkId: string): Promise<Result<RunReport>>;
  /** Verified backup, the fix in one transaction (logged as direction `fix`), atomic save. */
  applyFix(checkId: string): Promise<Result<RunReport>>;
  /** Undoes the latest applied fix of `checkId` from its before-images; refused if a row changed since. */
  revertFix(checkId: string): Promise<Result<RunReport>>;
}

/** Writes that change only the backup folder, never the database file. */
const NOT_REPLACING = new Set(['backup', 'delete-backup']);

export function createEngine(options: EngineOptions): Engine {
  const context: OperationContext = {
    dbPath: options.dbPath,
    backupDir: options.backupDir ?? defaultBackupDir(options.dbPath),
    fs: options.fs ?? nodeFileSystem,
    now: options.now ?? (() => new Date()),
    migrations: options.migrations ?? MIGRATIONS,
    onProgress: options.onProgress,
  };
  const { dbPath, backupDir, fs } = context;

  /** Opens the panel for `operation`, runs `work`, always closes it, and names SQLite's damage reports. */
  const openAnd = async <T>(
    base: OperationContext,
    work: (opened: OpenedPanel, operation: OperationContext) => Promise<T> | T,
  ): Promise<T> => {
    // With a migrations folder, its versions join the steps for this operation.
    const migrations = await loadMigrations(options.migrationsDir, context.migrations, fs);
    const operation: OperationContext = { ...base, migrations };
    const opened = await openPanel({
      dbPath,
      fs,
      migrations,
      ignoreWal: options.ignoreWal ?? false,
    });
    try {
      return await work(opened, operation);
    } catch (thrown) {
      throw asUnreadable(thrown, dbPath);
    } finally {
      opened.db.close();
    }
  };
  const withPanel = <T>(
    work: (opened: OpenedPanel, operation: OperationContext) => Promise<T> | T,
  ): Promise<Result<T>> => capture(() => openAnd(context, work));
  /** A write: the whole load → check → write → rename under the database's lock (write-session.ts). */
  const withWrite = <T>(command: string, work: (operation: OperationContext) => Promise<T>) =>
    capture(() => underWriteLock(context, command, !NOT_REPLACING.has(command), work));
  const withWritePanel = <T>(
    command: string,
    work: (opened: OpenedPanel, operation: OperationContext) => Promise<T> | T,
  ) => withWrite(command, (operation) => openAnd(operation, work));

  return {
    dbPath,
    backupDir,
    getStatus: () =>
      withPanel(async ({ image, db, detection, integrity }, operation) => {
        const backups = await listBackups(dbPath, backupDir, fs);
        return buildStatus({
          // Read-only: an interrupted save is described, never acted on, and nothing is deleted.
          recovery: await describeInterruptedSave(image.path, backupDir, fs),
          holders: await findFileHolders(image.path),
          path: dbPath,
          db,
          detection,
          journal: image.journal,
          backups,
          history: readHistory(db),
          integrity: integrity(),
          migrations: operation.migrations,
        });
      }),
    createBackup: (reason = 'manual') =>
      withWritePanel('backup', ({ image, db, detection, integrity }) => {
        assertIntact(db, dbPath, integrity());
        return createBackup(image, {
          fs,
          backupDir,
          reason,
          now: context.now,
          versionState: versionSnapshot(detection),
        });
      }),
    listBackups: () => capture(() => listBackups(dbPath, backupDir, fs)),
    previewMigrate: (request = {}) =>
      withPanel((opened, operation) => migrateOpened(opened, { ...request, dryRun: true }, operation)),
    migrate: (request = {}) =>
      withWritePanel('migrate', (opened, operation) =>
        migrateOpened(opened, { ...request, dryRun: false }, operation),
      ),
    rollBack: (request = {}) =>
      withWritePanel('rollback', (opened, operation) => rollBackOpened(opened, request, operation)),
    checkRoundTrip: () => withPanel((opened, operation) => roundTripOpened(opened, operation)),
    getHistory: () => withPanel(({ db }) => readHistory(db)),
    restoreBackup: (backup) => withWrite('restore', (operation) => restoreBackup(backup, operation)),
    restoreBackupById: (id) =>
      withWrite('restore', async (operation) =>
        restoreBackupFile((await findListedBackup(dbPath, backupDir, id, fs)).path, operation),
      ),
    verifyBackupById: (id) =>
      capture(async () => verifyWithCodes((await findListedBackup(dbPath, backupDir, id, fs)).path, fs)),
    deleteBackup: (id) =>
      withWrite('delete-backup', async () => ({ deleted: await deleteOwnBackup(dbPath, backupDir, id, fs) })),
    repair: (request = {}) =>
      request.forceVersion === undefined
        ? withPanel((opened, operation) => repairOpened(opened, undefined, operation))
        : withWritePanel('repair --force-version', (opened, operation) =>
            repairOpened(opened, request.forceVersion, operation),
          ),
    check: () => withPanel(({ db }) => ({ database: dbPath, ...runChecks(db) })),
    previewFix: (checkId) => withPanel((opened) => fixOpened(opened, checkId, true, context)),
    applyFix: (checkId) =>
      withWritePanel('fix', (opened, operation) => fixOpened(opened, checkId, false, operation)),
    revertFix: (checkId) =>
      withWritePanel('revert-fix', (opened, operation) => revertFixOpened(opened, checkId, operation)),
  };
}

export function verifyBackup(path: string, fs: FileSystem = nodeFileSystem): Promise<Result<VerifyReport>> {
  return capture(() => verifyWithCodes(path, fs));
}

/** verifyBackupFile, with SQLite's damage reports turned into DATABASE_CORRUPT. */
async function verifyWithCodes(path: string, fs: FileSystem): Promise<VerifyReport> {
  try {
    return await verifyBackupFile(path, fs);
  } catch (thrown) {
    throw asUnreadable(thrown, path);
  }
}
