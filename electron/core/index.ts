// The engine's public entry. Everything it needs comes in as parameters (paths, clock, file system,
// migration list); every operation returns a Result and never throws.
import { listWalCommits, recoverDatabase } from './recover/recover';
import type { RecoverReport, WalTimeline } from '../shared/recover-reports';
import type { Result } from '../shared/result';
import type { PanelMigration } from './step-types';
import { createBackup, deleteOwnBackup, findListedBackup, listBackups, verifyBackupFile } from './backups';
import type {
  BackupEntry,
  BackupReason,
  VerifyReport,
  CheckReport,
  IntegrityReport,
  AuditEntry,
  SetPasswordRequest,
  ProgressEvent,
  RoundTripReport,
  HistoryEntry,
  MigrateRequest,
  RunReport,
  RepairReport,
  RestoreReport,
  RollbackRequest,
  StatusReport,
} from '../shared/reports';
import { capture } from './engine-error';
import { defaultBackupDir } from './backup-dir';
import { loadMigrations } from './external-migrations';
import { roundTripOpened } from './roundtrip';
import { nodeFileSystem, type FileSystem } from './file-system';
import { readHistory } from './history-log';
import { migrateOpened, versionSnapshot } from './migrate';
import { asUnreadable, assertIntact, openPanel, type OpenedPanel } from './open-panel';
import type { FileHashes, OperationContext } from './operation-context';
import { repairOpened } from './repair';
import { restoreBackup, restoreBackupFile, type RestoreOptions } from './restore';
import { rollBackOpened } from './rollback';
import { buildStatus } from './status';
import { fixOpened, revertFixOpened, fixRequestOf, type FixArgument } from './fixes';
import { runChecksWithWorker } from './health-checks';
import { startInboundCheckHelper, type InboundCheckWorker, type StartedHelper } from './inbound-check-pool';
import { appendAudit, backupIdOf, fileIdentity, fileSha, readAudit } from './audit-log';
import { buildHeadline } from './headline';
import { setPasswordOpened } from './password-fix';
import type { RepairRequest } from './repair';
import { compareForRestore } from './backup-inspect';
import { diffWithBackup } from './backup-diff';
import { historyAcrossRestores } from './history-across-restores';
import type { BackupDiff, RestoreComparison } from '../shared/inspect';
import { findFileHolders } from './file-holders';
import { describeInterruptedSave } from './save-intent';
import { underWriteLock } from './write-session';
import { diskStateOf } from './save';
import { releaseImage } from './database';
import { message, type MessageKey, type Params } from '../shared/i18n';

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
  /** A worker thread that takes on part of the health checks' JSON parsing (inbound-check-pool.ts). */
  checkWorker?: InboundCheckWorker;
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
  getHistory(): Promise<Result<HistoryEntry[]>>;
  /**
   * CLI: a path or a listed id. An unverified backup (no metadata) needs `acceptUnverified`; a risky
   * one (the panel cannot start on it, far fewer inbounds) needs `acceptRisk`.
   */
  restoreBackup(backup: string, options?: RestoreOptions): Promise<Result<RestoreReport>>;
  /** UI: listed ids only (a bare id, or the id with the person's confirmations). */
  restoreBackupById(request: string | ({ id: string } & RestoreOptions)): Promise<Result<RestoreReport>>;
  /** What a listed backup holds beside the open file (counts, version state, can the panel start); cached by fingerprint. */
  inspectBackup(id: string): Promise<Result<RestoreComparison>>;
  /** Every panel row that differs between the open file (before) and a listed backup (after). */
  compareBackup(id: string): Promise<Result<BackupDiff>>;
  verifyBackupById(id: string): Promise<Result<VerifyReport>>;
  deleteBackup(id: string): Promise<Result<{ deleted: string }>>;
  repair(request?: RepairRequest): Promise<Result<RepairReport>>;
  /** The downs a roll back would run, in memory only, with the plan fingerprint. */
  previewRollBack(request?: RollbackRequest): Promise<Result<RunReport>>;
  /** A user's new password as bcrypt (cost 10): backup first, logged as a fix, revertible. */
  setPassword(request: SetPasswordRequest): Promise<Result<RunReport>>;
  /** The durable audit log of this file's backup folder, newest first. */
  listActivity(): Promise<Result<AuditEntry[]>>;
  /** up → down → up for every pending step on an in-memory copy; the file is never written. */
  checkRoundTrip(): Promise<Result<RoundTripReport>>;
  /** The Xray-aware health checks; reads only. */
  check(): Promise<Result<CheckReport>>;
  /** What the fix for `checkId` would change; writes nothing. */
  previewFix(checkId: FixArgument): Promise<Result<RunReport>>;
  /** Verified backup, the fix in one transaction (logged as direction `fix`), atomic save. */
  applyFix(checkId: FixArgument): Promise<Result<RunReport>>;
  /** Undoes the latest applied fix of `checkId` from its before-images; refused if a row changed since. */
  revertFix(checkId: FixArgument): Promise<Result<RunReport>>;
  /** The transactions committed in `<db>-wal`, with what each changed; reads only. */
  listWalCommits(): Promise<Result<WalTimeline>>;
  /** Reads every row a damaged file holds into the NEW file `out`; the database is never written. */
  recoverInto(request: { out: string; walCommit?: number }): Promise<Result<RecoverReport>>;
  /** The file's size and SHA-256, and whether a -wal sits beside it (a recovery's output, checked before it is opened). */
  fingerprintFile(): Promise<Result<{ size: number; sha256: string; wal: boolean }>>;
}

export interface StatusRequest {
  checks?: boolean;
  full?: boolean;
}

/** Writes that change only the backup folder, never the database file. */
const NOT_REPLACING = new Set(['backup', 'delete-backup']);

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

  /** Opens the panel for `operation`, runs `work`, always closes it, and names SQLite's damage reports. */
  const openAnd = async <T>(
    base: OperationContext,
    work: (opened: OpenedPanel, operation: OperationContext) => Promise<T> | T,
    withoutFileHash = false,
  ): Promise<T> => {
    // With a migrations folder, its versions join the steps for this operation.
    const migrations = await loadMigrations(options.migrationsDir, context.migrations, fs);
    const operation: OperationContext = { ...base, migrations };
    const opened = await openPanel({
      dbPath,
      fs,
      migrations,
      ignoreWal: options.ignoreWal ?? false,
      withoutFileHash,
    });
    try {
      return await work(opened, operation);
    } catch (thrown) {
      throw asUnreadable(thrown, dbPath);
    } finally {
      opened.db.close();
      // Closed: sql.js holds no view of the image any more, so the next read may reuse its memory.
      releaseImage(opened.image);
    }
  };
  const withPanel = <T>(
    work: (opened: OpenedPanel, operation: OperationContext) => Promise<T> | T,
  ): Promise<Result<T>> => capture(() => openAnd(context, work));
  /** A report that never asks for the file's hash (status, check): see LoadOptions.withoutFileHash. */
  const reportingPanel = <T>(
    work: (opened: OpenedPanel, operation: OperationContext) => Promise<T> | T,
  ): Promise<Result<T>> => capture(() => openAnd(context, work, true));
  /** The health checks' worker thread, started before the file is read (inbound-check-pool.ts). */
  const withCheckHelper = async <T>(
    wanted: boolean,
    work: (helper: StartedHelper | undefined) => Promise<T>,
  ): Promise<T> => {
    const size = wanted ? ((await context.fs.stat(dbPath).catch(() => null))?.size ?? 0) : 0;
    const helper = wanted ? startInboundCheckHelper(options.checkWorker, size) : undefined;
    try {
      return await work(helper);
    } finally {
      helper?.thread.stop();
    }
  };
  /** A write: the whole load → check → write → rename under the database's lock (write-session.ts). */
  const withWrite =
    <T>(command: string, work: (operation: OperationContext) => Promise<T>) =>
    (hashes?: FileHashes) =>
      capture(() =>
        underWriteLock(
          hashes === undefined ? context : { ...context, fileHashes: hashes },
          command,
          !NOT_REPLACING.has(command),
          work,
        ),
      );
  const withWritePanel = <T>(
    command: string,
    work: (opened: OpenedPanel, operation: OperationContext) => Promise<T> | T,
  ) => withWrite(command, (operation) => openAnd(operation, work));

  /**
   * Runs a write and appends it to the audit log (audit-log.ts) when it wrote something: a success
   * that saved or took a backup, or a failure after which the file is not what it was. The file's
   * hashes come from the write's own backup and save (FileHashes); the file is hashed here only when
   * the write could not say (a failure after its backup, a write that never read the database).
   */
  const audited = async <T>(
    operation: string,
    summary: string,
    work: (hashes: FileHashes) => Promise<Result<T>>,
    wrote: (value: T) => boolean = () => true,
  ): Promise<Result<T>> => {
    const statBefore = await fileIdentity(dbPath, fs);
    const hashes: FileHashes = {};
    const result = await work(hashes);
    if (result.ok && !wrote(result.value)) return result;
    let before = hashes.before ?? null;
    let after = hashes.after ?? null;
    if (!result.ok) {
      // Failed before its backup: logged only if the file moved under it all the same (a recovered save).
      if (hashes.before === undefined && (await fileIdentity(dbPath, fs)) === statBefore) return result;
      after ??= await fileSha(dbPath, fs);
      if (before === after) return result;
    } else {
      // A write that replaced nothing (a backup, a deleted backup) leaves the file as it was.
      before ??= await fileSha(dbPath, fs);
      after ??= before;
    }
    const entry: AuditEntry = {
      time: context.now().toISOString(),
      operation,
      database: dbPath,
      before,
      after,
      backup: result.ok ? backupIdOf(result.value) : null,
      outcome: result.ok ? 'ok' : 'error',
      ...(result.ok ? {} : { error_code: result.error.code }),
      summary,
    };
    // The operation's own outcome stands even if the log cannot be written (a full disk): it is a record, not a guard.
    await appendAudit(backupDir, entry, fs).catch(() => undefined);
    return result;
  };
  const ranSomething = (run: RunReport) => run.saved || run.backup !== null;
  // The audit log keeps English summaries; they are catalog texts, so the app can show them translated.
  const said = (key: MessageKey, params?: Params) => message(key, params).text;

  return {
    dbPath,
    backupDir,
    getStatus: (request = {}) => {
      // Which processes hold the file is read from /proc while the file itself is being read: on a
      // desktop with hundreds of processes the scan takes tens of milliseconds. The path is the
      // one the image is read from (through a link, the real file).
      const holders = fs
        .realpath(dbPath)
        .catch(() => dbPath)
        .then((path) => findFileHolders(path));
      // Awaited below once the file is open; an open that fails first leaves it unread.
      holders.catch(() => undefined);
      return withCheckHelper(request.checks === true, (helper) =>
        reportingPanel(async ({ image, db, detection, integrity, fullIntegrity }, operation) => {
          const backups = await listBackups(dbPath, backupDir, fs);
          return buildStatus({
            // Read-only: an interrupted save is described, never acted on, and nothing is deleted.
            recovery: await describeInterruptedSave(image.path, backupDir, fs),
            holders: await holders,
            path: dbPath,
            db,
            detection,
            journal: image.journal,
            backups,
            history: readHistory(db),
            integrity: request.full === true ? fullIntegrity() : integrity(),
            integrityKind: request.full === true ? 'full' : 'quick',
            checks: request.checks === true ? await runChecksWithWorker(db, helper) : null,
            migrations: operation.migrations,
            headline: buildHeadline(detection),
            fileFingerprint: image.stateKey,
          });
        }),
      );
    },
    checkIntegrity: () =>
      withPanel(({ fullIntegrity }) => ({
        database: dbPath,
        integrity: fullIntegrity(),
        integrity_check: 'full' as const,
      })),
    createBackup: (reason = 'manual') =>
      audited(
        'backup',
        said('auditSummary.backup', { reason }),
        withWritePanel('backup', ({ image, db, detection, fullIntegrity }, operation) => {
          // A manual backup is the way back: it starts from a file that passes the full check (an
          // index that disagrees with its table passes quick_check). A change checks what it can
          // change (OpenedPanel.integrityForWrite).
          assertIntact(db, dbPath, fullIntegrity());
          return createBackup(image, {
            fs,
            backupDir,
            reason,
            now: context.now,
            versionState: versionSnapshot(detection),
            // The audit log's hash of the file comes from the copy's own hashing, not a third read.
            fileHashes: operation.fileHashes,
          });
        }),
      ),
    listBackups: () => capture(() => listBackups(dbPath, backupDir, fs)),
    listWalCommits: () => capture(() => listWalCommits(dbPath, fs)),
    recoverInto: ({ out, walCommit }) =>
      capture(() => recoverDatabase({ input: dbPath, out, walCommit, fs })),
    fingerprintFile: () =>
      capture(async () => {
        const state = await diskStateOf(dbPath, fs);
        return { size: state.original.size, sha256: state.original.sha256, wal: state.wal !== null };
      }),
    previewMigrate: (request = {}) =>
      withPanel((opened, operation) => migrateOpened(opened, { ...request, dryRun: true }, operation)),
    migrate: (request = {}) =>
      audited(
        'migrate',
        request.to === undefined
          ? said('auditSummary.migrate')
          : said('auditSummary.migrateTo', { to: request.to }),
        withWritePanel('migrate', (opened, operation) =>
          migrateOpened(opened, { ...request, dryRun: false }, operation),
        ),
        ranSomething,
      ),
    rollBack: (request = {}) =>
      request.dryRun === true
        ? withPanel((opened, operation) => rollBackOpened(opened, request, operation))
        : audited(
            'rollback',
            'to' in request && request.to !== undefined
              ? said('auditSummary.rollBackTo', { to: request.to })
              : said('auditSummary.rollBackSteps', { steps: request.steps ?? 1 }),
            withWritePanel('rollback', (opened, operation) => rollBackOpened(opened, request, operation)),
            ranSomething,
          ),
    previewRollBack: (request = {}) =>
      withPanel((opened, operation) => rollBackOpened(opened, { ...request, dryRun: true }, operation)),
    setPassword: (request) =>
      audited(
        `set-password`,
        said('auditSummary.setPassword', { user: JSON.stringify(request.username) }),
        withWritePanel('set-password', (opened, operation) => setPasswordOpened(opened, request, operation)),
      ),
    listActivity: () => capture(() => readAudit(backupDir, fs)),
    checkRoundTrip: () => withPanel((opened, operation) => roundTripOpened(opened, operation)),
    getHistory: () =>
      withPanel(async ({ db }) =>
        historyAcrossRestores(readHistory(db), await listBackups(dbPath, backupDir, fs), fs),
      ),
    restoreBackup: (backup, restoreOptions = {}) =>
      audited(
        'restore',
        said('auditSummary.restore', { file: backup.split(/[\\/]/).pop() ?? backup }),
        withWrite('restore', (operation) => restoreBackup(backup, operation, restoreOptions)),
      ),
    restoreBackupById: (request) => {
      const { id, ...restoreOptions } = typeof request === 'string' ? { id: request } : request;
      return audited(
        'restore',
        said('auditSummary.restore', { file: id }),
        withWrite('restore', async (operation) => {
          const listed = await findListedBackup(dbPath, backupDir, id, fs);
          return restoreBackupFile(listed.path, operation, restoreOptions);
        }),
      );
    },
    inspectBackup: (id) =>
      capture(async () => {
        const entry = await findListedBackup(dbPath, backupDir, id, fs);
        const migrations = await loadMigrations(options.migrationsDir, context.migrations, fs);
        return compareForRestore(dbPath, entry.path, entry.id, fs, migrations);
      }),
    compareBackup: (id) =>
      capture(async () => {
        const entry = await findListedBackup(dbPath, backupDir, id, fs);
        return diffWithBackup(dbPath, entry.path, entry.id, fs);
      }),
    verifyBackupById: (id) =>
      capture(async () => verifyWithCodes((await findListedBackup(dbPath, backupDir, id, fs)).path, fs)),
    deleteBackup: (id) =>
      audited(
        'delete-backup',
        said('auditSummary.deleteBackup', { id }),
        withWrite('delete-backup', async () => ({
          deleted: await deleteOwnBackup(dbPath, backupDir, id, fs),
        })),
      ),
    repair: (request = {}) =>
      request.forceVersion === undefined
        ? withPanel((opened, operation) => repairOpened(opened, request, operation))
        : audited(
            'force-version',
            said(
              request.acknowledgeSkipped === true ? 'auditSummary.forceAcknowledged' : 'auditSummary.force',
              {
                version: request.forceVersion,
              },
            ),
            withWritePanel('force-version', (opened, operation) => repairOpened(opened, request, operation)),
            (report) => report.forced !== null,
          ),
    check: () =>
      withCheckHelper(true, (helper) =>
        reportingPanel(async ({ db }) => ({ database: dbPath, ...(await runChecksWithWorker(db, helper)) })),
      ),
    previewFix: (checkId) => withPanel((opened) => fixOpened(opened, checkId, true, context)),
    applyFix: (checkId) =>
      audited(
        'fix',
        said('auditSummary.fix', { check: fixRequestOf(checkId).checkId }),
        withWritePanel('fix', (opened, operation) => fixOpened(opened, checkId, false, operation)),
        (run) => ranSomething(run) && run.steps.length > 0,
      ),
    revertFix: (checkId) =>
      audited(
        'revert-fix',
        said('auditSummary.revertFix', { check: fixRequestOf(checkId).checkId }),
        withWritePanel('revert-fix', (opened, operation) => revertFixOpened(opened, checkId, operation)),
      ),
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
export { capture } from './engine-error';
export { listWalCommits, recoverDatabase } from './recover/recover';
export type { RecoverReport, WalTimeline } from '../shared/recover-reports';
export { recoveredFileName } from './recover/recovered-name';
