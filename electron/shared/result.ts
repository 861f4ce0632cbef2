// Errors cross every boundary (engine → CLI, IPC, HTTP) as data. The set of codes is closed so the
// CLI can map each to an exit status and the UI to a translated message.

export const ERROR_CODES = [
  // bad input: the file given is not something we can open
  'FILE_NOT_FOUND',
  'NOT_A_FILE',
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'NOT_SQLITE',
  'DATABASE_CORRUPT',
  'NOT_A_PANEL_DATABASE',
  'WAL_INVALID',
  'WAL_MISMATCH',
  'WAL_WITHOUT_DATABASE',
  // refusals: we could act but it would be unsafe
  'FILE_CHANGED_ON_DISK',
  'DATABASE_LOCKED',
  'DATABASE_IN_USE',
  'DATABASE_DIRTY',
  'VERSION_NEWER_THAN_TOOL',
  'ROLLBACK_REFUSED',
  'MIGRATION_DRIFT',
  'REPAIR_NEEDED',
  /** The plan confirmed (its fingerprint) is not the plan that would run now: review again. */
  'PLAN_CHANGED',
  /** A dangerous action asked without the explicit acknowledgement it needs, or never allowed here. */
  'CONFIRMATION_REQUIRED',
  'BACKUP_NOT_FOUND',
  'BACKUP_INVALID',
  'BACKUP_UNVERIFIED',
  'BACKUP_DIR_UNSAFE',
  'HISTORY_INVALID',
  // failures while writing
  'BACKUP_DIR_UNWRITABLE',
  'BACKUP_FAILED',
  'WRITE_FAILED',
  'MIGRATION_FAILED',
  // caller mistakes and the rest
  'INVALID_ARGUMENT',
  'NO_DATABASE_OPEN',
  /** "Open the recovered file" before any recovery in this session wrote one. */
  'NO_RECOVERY_OUTPUT',
  'UNSUPPORTED',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** One line, English, naming the file or step concerned. */
  message: string;
  /** Extra evidence (OS error text, failing rows, integrity problems), shown on demand. */
  detail?: string;
  /** What would get past the refusal: the app shows it as a button, the CLI in its own words. */
  hint?: ErrorHint;
  /** `message` as a catalog key and parameters (electron/shared/i18n), where one exists. */
  msg?: { key: string; params?: Record<string, string | number> };
}

/** A tab the app can switch to. */
export type HintTab = 'overview' | 'history' | 'pending' | 'backups' | 'checks';
/**
 * What the person can do about a refusal, as data: each front end words it in the reader's language
 * (the app as a button or a line of text, the CLI in its own words; the GUI never names a command).
 */
export type ErrorHint =
  /** Another PanelDB write holds the database's lock. */
  | { action: 'wait-for-writer'; holder: { pid: number; command: string; since: string; host: string } }
  /** A running process (the panel) has the file open: stop it, or copy both files and work on the copy. */
  | { action: 'stop-panel'; holders: Array<{ pid: number; name: string | null }> }
  /** Restore this listed backup (an irreversible step's way back, a file the app cannot open). */
  | {
      action: 'restore-backup';
      backupId: string | null;
      /** A refused roll back: the step that cannot be undone, and why (the engine's own rule). */
      refusedStep?: { version: number; name: string; reason: 'irreversible' | 'panel-applied' };
    }
  /** Choose migration `step`'s mode (step 3: safe or panel). */
  | { action: 'choose-step-mode'; step: number }
  /** Look at a tab (Checks for a dirty file's evidence, Backups for a restore). */
  | { action: 'open-tab'; tab: HintTab }
  /** Confirm explicitly (restore checkbox, CLI `--accept-risk`). */
  | { action: 'accept-risk'; risks: string[] }
  /** Open the file in PanelDB's repair view (a dirty or half-applied file). */
  | { action: 'repair' };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  detail?: string,
  hint?: ErrorHint,
): Result<T> => ({
  ok: false,
  error: {
    code,
    message,
    ...(detail === undefined ? {} : { detail }),
    ...(hint === undefined ? {} : { hint }),
  },
});

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
