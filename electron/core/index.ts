// The engine's public entry. Everything it needs comes in as parameters (paths, clock, file system,
// migration list); every operation returns a Result and never throws.
import type { Result } from '../shared/result';
import type { PanelMigration } from './step-types';
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
import { restoreBackup, restoreBackupFile, type RestoreReport, type RestoreOptions } from './restore';
import { previewRollBackOpened, rollBackOpened, type RollbackRequest } from './rollback';
import { buildStatus, type StatusReport } from './status';
import { fixOpened, revertFixOpened } from './fixes';
import { runChecks } from './health-checks';
import type { CheckReport, RollbackPreview, IntegrityReport } from '../shared/reports';

export interface EngineOptions {
  dbPath: string;
  backupDir?: string;
  /** The steps this engine knows, in order (the app passes the panel's built-in list). */
  migrations: readonly PanelMigration[];
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
  /**
   * Opening runs PRAGMA quick_check; `full` runs the full integrity_check instead, `checks` adds the
   * health checks (they read every JSON column, so the app fetches them after showing status).
   */
  getStatus(request?: StatusRequest): Promise<Result<StatusReport>>;
  /** The full PRAGMA integrity_check; the app asks for it after status has been shown. */
  checkIntegrity(): Promise<Result<IntegrityReport>>;
  createBackup(reason?: BackupReason): Promise<Result<BackupEntry>>;
  listBackups(): Promise<Result<BackupEntry[]>>;
  previewMigrate(request?: Omit<MigrateRequest, 'dryRun'>): Promise<Result<RunReport>>;
  migrate(request?: Omit<MigrateRequest, 'dryRun'>): Promise<Result<RunReport>>;
  rollBack(request?: RollbackRequest): Promise<Result<RunReport>>;
  /** The steps `rollBack(request)` would undo, or its refusal; writes nothing. */
  previewRollBack(request?: RollbackRequest): Promise<Result<RollbackPreview>>;
  getHistory(): Promise<Result<HistoryEntry[]>>;
  /** CLI: a path or a listed id. An unverified backup (no metadata) needs `acceptUnverified`. */
  restoreBackup(backup: string, options?: RestoreOptions): Promise<Result<RestoreReport>>;
  /** UI: listed ids only (a bare id, or the id with the person's confirmation of an unverified backup). */
  restoreBackupById(request: string | ({ id: string } & RestoreOptions)): Promise<Result<RestoreReport>>;
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

export interface StatusRequest {
  checks?: boolean;
  full?: boolean;
}

export function createEngine(options: EngineOptions): Engine {
  const context: OperationContext = {
    dbPath: options.dbPath,
    backupDir: options.backupDir ?? defaultBackupDir(options.dbPath),
    fs: options.fs ?? nodeFileSystem,
    now: options.now ?? (() => new Date()),
    migrations: options.migrations,
    onProgress: options.onProgress,
  };
  const { dbPath, backupDir, fs } = context;

  /**
   * Opens the panel, runs `work`, always closes it, and turns SQLite's damage reports into
   * DATABASE_CORRUPT. With a migrations folder, its versions join the steps for this operation.
   */
  const withPanel = <T>(
    work: (opened: OpenedPanel, operation: OperationContext) => Promise<T> | T,
  ): Promise<Result<T>> =>
    capture(async () => {
      const migrations = await loadMigrations(options.migrationsDir, context.migrations, fs);
      const operation: OperationContext = { ...context, migrations };
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
    });

  return {
    dbPath,
    backupDir,
    getStatus: (request = {}) =>
      withPanel(async ({ image, db, detection, recovery, integrity, fullIntegrity }, operation) => {
        const backups = await listBackups(dbPath, backupDir, fs);
        return buildStatus({
          recovery,
          path: dbPath,
          db,
          detection,
          journal: image.journal,
          backups,
          history: readHistory(db),
          integrity: request.full === true ? fullIntegrity() : integrity(),
          integrityKind: request.full === true ? 'full' : 'quick',
          checks: request.checks === true,
          migrations: operation.migrations,
        });
      }),
    checkIntegrity: () =>
      withPanel(({ fullIntegrity }) => ({
        database: dbPath,
        integrity: fullIntegrity(),
        integrity_check: 'full' as const,
      })),
    createBackup: (reason = 'manual') =>
      withPanel(({ image, db, detection, fullIntegrity }) => {
        // A write starts from a file that passes the full check (an index that disagrees with its
        // table passes quick_check): a backup of a damaged file is no way back.
        assertIntact(db, dbPath, fullIntegrity());
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
      withPanel((opened, operation) => migrateOpened(opened, { ...request, dryRun: false }, operation)),
    rollBack: (request = {}) => withPanel((opened, operation) => rollBackOpened(opened, request, operation)),
    previewRollBack: (request = {}) =>
      withPanel((opened, operation) => previewRollBackOpened(opened, request, operation)),
    checkRoundTrip: () => withPanel((opened, operation) => roundTripOpened(opened, operation)),
    getHistory: () => withPanel(({ db }) => readHistory(db)),
    restoreBackup: (backup, restoreOptions = {}) =>
      capture(() => restoreBackup(backup, context, restoreOptions)),
    restoreBackupById: (request) =>
      capture(async () => {
        const { id, ...restoreOptions } = typeof request === 'string' ? { id: request } : request;
        const listed = await findListedBackup(dbPath, backupDir, id, fs);
        return restoreBackupFile(listed.path, context, restoreOptions);
      }),
    verifyBackupById: (id) =>
      capture(async () => verifyWithCodes((await findListedBackup(dbPath, backupDir, id, fs)).path, fs)),
    deleteBackup: (id) =>
      capture(async () => ({ deleted: await deleteOwnBackup(dbPath, backupDir, id, fs) })),
    repair: (request = {}) =>
      withPanel((opened, operation) => repairOpened(opened, request.forceVersion, operation)),
    check: () => withPanel(({ db }) => ({ database: dbPath, ...runChecks(db) })),
    previewFix: (checkId) => withPanel((opened) => fixOpened(opened, checkId, true, context)),
    applyFix: (checkId) => withPanel((opened) => fixOpened(opened, checkId, false, context)),
    revertFix: (checkId) => withPanel((opened) => revertFixOpened(opened, checkId, context)),
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

// What the hosts (CLI, app) need beside the engine itself: the only way into core from outside.
export { createDemoDatabase } from './demo';
export { formatBytes } from './database';
export { toFailure } from './engine-error';
export { nodeFileSystem, type FileSystem } from './file-system';
export { GENERATION_LABELS } from './status';
export { TOOL_VERSION } from './tool-version';
export { warmUpSqlJs } from './warm-up';
