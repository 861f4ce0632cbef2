// The one contract between the UI and the engine. Every operation is one method; its name is the
// IPC channel and the HTTP route (`POST /api/<method>`), so one grep finds contract, preload,
// handler and store. Requests are validated by the schemas below (types are inferred from them);
// responses are Results, so errors cross as data. The UI never names a file path: databases come
// from a native dialog, a drop or the command line, backups are named by the ids the engine listed.
import { z } from 'zod';
import type {
  BackupEntry,
  CheckReport,
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
import type { RecoverReport, WalTimeline } from './recover-reports';
import type { Result } from './result';

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
const fixRequest = z
  .object({
    checkId: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9.-]+$/, 'a check id'),
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
  migrate: z.object({ to: version.optional(), xhttpFlow: xhttpFlow.optional() }).strict(),
  rollBack: z.union([
    z.object({ steps: z.number().int().min(1).max(9999) }).strict(),
    z.object({ to: version }).strict(),
  ]),
  getHistory: empty,
  listBackups: empty,
  createBackup: empty,
  verifyBackup: z.object({ backupId: backupIdSchema }).strict(),
  restoreBackup: z.object({ backupId: backupIdSchema }).strict(),
  deleteBackup: z.object({ backupId: backupIdSchema }).strict(),
  repair: z.object({ forceVersion: version.optional() }).strict(),
  /** The Xray-aware health checks (read only). */
  runChecks: empty,
  /** A fix for one check: preview, apply (backup first) and revert the latest applied one. */
  previewFix: fixRequest,
  applyFix: fixRequest,
  revertFix: fixRequest,
  /** Desktop: a native folder dialog picks a golang-migrate folder (linted first). Browser: `serve --migrations-dir`. */
  addMigrationsFolder: empty,
  removeMigrationsFolder: empty,
  /** The lint of the session's migrations folder and the round trip of the pending steps. */
  reviewMigrations: empty,
  /** The transactions committed in the open file's -wal (read only). */
  listWalCommits: empty,
  /**
   * Recovers the open (damaged) file into a new one. Desktop: a native save dialog names it;
   * browser: `<name>.recovered-<time>.db` beside the input. `walCommit` picks a WAL state instead.
   */
  recoverDatabase: z.object({ walCommit: z.number().int().min(0).max(1_000_000).optional() }).strict(),
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
  database: { name: string; folder: string; demo: boolean } | null;
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
  previewFix: RunReport;
  applyFix: RunReport;
  revertFix: RunReport;
  addMigrationsFolder: SessionInfo;
  removeMigrationsFolder: SessionInfo;
  reviewMigrations: MigrationsReview;
  listWalCommits: WalTimeline;
  /** null when the user cancelled the save dialog. */
  recoverDatabase: RecoverReport | null;
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
