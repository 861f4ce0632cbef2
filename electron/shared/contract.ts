// The one contract between the UI and the engine. Every operation is one method; its name is the
// IPC channel and the HTTP route (`POST /api/<method>`), so one grep finds contract, preload,
// handler and store. Requests are validated by the schemas below (types are inferred from them);
// responses are Results, so errors cross as data. The UI never names a file path: databases come
// from a native dialog, a drop or the command line, backups are named by the ids the engine listed.
import { z } from 'zod';
import type {
  AuditEntry,
  BackupEntry,
  CheckReport,
  IntegrityReport,
  HistoryEntry,
  MigrationsReview,
  ProgressEvent,
  RepairReport,
  RestoreReport,
  RunReport,
  StatusReport,
  VerifyReport,
} from './reports';
import { API_METHOD_NAMES } from './api-methods';
import type { AppError, Result } from './result';
import type { BackupDiff, RestoreComparison } from './inspect';
import type { RecoverReport, WalTimeline } from './recover-reports';

export { DROP_CHANNEL, PROGRESS_CHANNEL, SESSION_CHANGED_CHANNEL } from './api-methods';

const version = z.number().int().min(0).max(9999);

/** A backup id is a file name PanelDB listed — never a path. */
export const backupIdSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\0]+$/, 'a backup id is a file name, not a path')
  .refine((id) => id !== '.' && id !== '..', 'a backup id is a file name, not a path');

const empty = z.object({}).strict();

/** Migration 3's mode: `safe` (default) or `panel` (the panel's seeder exactly). */
const xhttpFlow = z.enum(['safe', 'panel']);

/** A check id as the engine lists it (`traffic.missing-row`): letters, digits, dots and dashes. */
/** A plan fingerprint as previews report it (plan-fingerprint.ts): the write refuses if the plan differs. */
const expect = z
  .string()
  .regex(/^[0-9a-f]{24}$/, 'a plan fingerprint')
  .optional();

const fixRequest = z
  .object({
    checkId: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9.-]+$/, 'a check id'),
    expect,
  })
  .strict();

export const REQUEST_SCHEMAS = {
  getSession: empty,
  /** Desktop: shows the native open dialog. Not available in the browser. */
  openDatabase: empty,
  openRecent: z.object({ id: z.string().min(1).max(64) }).strict(),
  /** Opens a fresh copy of the bundled demo database. */
  openDemo: empty,
  getStatus: empty,
  previewMigrate: z.object({ to: version.optional(), xhttpFlow: xhttpFlow.optional() }).strict(),
  migrate: z.object({ to: version.optional(), xhttpFlow: xhttpFlow.optional(), expect }).strict(),
  rollBack: z.union([
    z.object({ steps: z.number().int().min(1).max(9999), expect }).strict(),
    z.object({ to: version, expect }).strict(),
  ]),
  getHistory: empty,
  listBackups: empty,
  createBackup: empty,
  verifyBackup: z.object({ backupId: backupIdSchema }).strict(),
  /** `acceptUnverified`: the person confirmed restoring a backup without PanelDB metadata; `acceptRisk`: one the panel cannot start on, or with far fewer inbounds. */
  restoreBackup: z
    .object({
      backupId: backupIdSchema,
      acceptUnverified: z.boolean().optional(),
      acceptRisk: z.boolean().optional(),
    })
    .strict(),
  deleteBackup: z.object({ backupId: backupIdSchema }).strict(),
  repair: z
    .object({ forceVersion: version.optional(), acknowledgeSkipped: z.boolean().optional(), expect })
    .strict(),
  /** The Xray-aware health checks (read only). */
  runChecks: empty,
  /** The full PRAGMA integrity_check (status runs the quick one), fetched after status is shown. */
  checkIntegrity: empty,
  /** A fix for one check: preview, apply (backup first) and revert the latest applied one. */
  previewFix: fixRequest,
  applyFix: fixRequest,
  revertFix: fixRequest,
  /** Desktop: a native folder dialog picks a golang-migrate folder (linted first). Browser: `serve --migrations-dir`. */
  addMigrationsFolder: empty,
  removeMigrationsFolder: empty,
  /** The lint of the session's migrations folder and the round trip of the pending steps. */
  reviewMigrations: empty,
  // ---- Issue 14 part A ----
  /** The downs a roll back would run (in memory) and their plan fingerprint. */
  previewRollBack: z.union([
    z.object({ steps: z.number().int().min(1).max(9999) }).strict(),
    z.object({ to: version }).strict(),
  ]),
  /** "Set the admin password…": stored as bcrypt (cost 10), backup first, revertible like a fix. */
  setPassword: z
    .object({
      username: z.string().min(1).max(200),
      password: z.string().min(1).max(200),
      expect,
    })
    .strict(),
  /** The durable audit log (JSON lines in the backup folder), newest first. */
  listActivity: empty,
  // --- issue 14B: restores you can see, a way back to the start screen ---
  /** What a backup holds beside the open file: counts, version state, can the panel start, the risks. */
  inspectBackup: z.object({ backupId: backupIdSchema }).strict(),
  /** The row-level JSON diff between the open file and a backup (writes nothing). */
  compareBackup: z.object({ backupId: backupIdSchema }).strict(),
  /** Back to the start screen (from the demo, a limited-mode file or any file). */
  closeDatabase: empty,
  // --- end issue 14B ---
  /** The transactions committed in the open file's -wal (read only). */
  listWalCommits: empty,
  /**
   * Recovers the open (damaged) file into a new one. Desktop: a native save dialog names it;
   * browser: `<name>.recovered-<time>.db` beside the input. `walCommit` picks a WAL state instead.
   */
  recoverDatabase: z.object({ walCommit: z.number().int().min(0).max(1_000_000).optional() }).strict(),
  /**
   * Opens the file the session's last recovery wrote (no path: the session holds it), refused when
   * there is none yet or it is no longer the bytes the recovery wrote.
   */
  openRecoveredDatabase: empty,
} as const;

export type ApiMethod = keyof typeof REQUEST_SCHEMAS;
export const API_METHODS: readonly ApiMethod[] = API_METHOD_NAMES;

// The zod-free name list and the schemas must name exactly the same methods, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchSchemas: Same<(typeof API_METHOD_NAMES)[number], ApiMethod> = true;
void namesMatchSchemas;
export type ApiRequest<M extends ApiMethod> = z.infer<(typeof REQUEST_SCHEMAS)[M]>;

export interface SessionInfo {
  mode: 'desktop' | 'browser';
  /** The open database, or null on the start screen. */
  database: {
    name: string;
    folder: string;
    demo: boolean;
    /**
     * Issue 14B: set when the file cannot be opened as a panel database (damaged, empty, not a
     * panel's, deleted since): the app shows what is wrong and offers its backups to restore.
     */
    limited: AppError | null;
  } | null;
  /** Issue 14B: `paneldb serve DIR` — the folder whose panel databases `recent` lists (ids, never paths). */
  filesFolder: string | null;
  /** Recently opened files (desktop only), named by id. */
  recent: Array<{ id: string; name: string; folder: string }>;
  /** Whether `openDatabase` can show a native dialog here. */
  canChooseFile: boolean;
  /** The golang-migrate folder whose versions follow the built-in ones, or null. */
  migrationsFolder: { name: string; folder: string } | null;
  /** Whether `addMigrationsFolder` can show a native folder dialog here. */
  canChooseMigrationsFolder: boolean;
}

export interface ApiResponses {
  getSession: SessionInfo;
  openDatabase: SessionInfo;
  openRecent: SessionInfo;
  openDemo: SessionInfo;
  getStatus: StatusReport;
  previewMigrate: RunReport;
  migrate: RunReport;
  rollBack: RunReport;
  getHistory: HistoryEntry[];
  listBackups: BackupEntry[];
  createBackup: BackupEntry;
  verifyBackup: VerifyReport;
  restoreBackup: RestoreReport;
  deleteBackup: { deleted: string };
  repair: RepairReport;
  runChecks: CheckReport;
  checkIntegrity: IntegrityReport;
  previewFix: RunReport;
  applyFix: RunReport;
  revertFix: RunReport;
  addMigrationsFolder: SessionInfo;
  removeMigrationsFolder: SessionInfo;
  reviewMigrations: MigrationsReview;
  previewRollBack: RunReport;
  setPassword: RunReport;
  listActivity: AuditEntry[];
  // issue 14B
  inspectBackup: RestoreComparison;
  compareBackup: BackupDiff;
  closeDatabase: SessionInfo;
  listWalCommits: WalTimeline;
  /** null when the user cancelled the save dialog. */
  recoverDatabase: RecoverReport | null;
  openRecoveredDatabase: SessionInfo;
}

/** The operations, as the UI calls them. */
export type Api = { [M in ApiMethod]: (request: ApiRequest<M>) => Promise<Result<ApiResponses[M]>> };

/** The handler table: the compiler refuses a method without a handler. */
export type ApiHandlers = Api;

/** Progress of long operations, pushed to the UI (IPC event / server-sent events). */
export type ProgressListener = (event: ProgressEvent) => void;

/** A database opened outside the page's own calls (desktop: menu, drop, command line). */
export type SessionChangedListener = (result: Result<SessionInfo>) => void;

/**
 * What the preload script exposes as `window.api`, and what the browser client implements. In the
 * browser nothing opens a database behind the page's back, so onSessionChanged never fires there.
 */
export type WindowApi = Api & {
  onProgress(listener: ProgressListener): () => void;
  onSessionChanged(listener: SessionChangedListener): () => void;
};

export type { ProgressEvent };
