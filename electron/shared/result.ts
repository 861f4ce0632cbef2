// Errors cross every boundary (engine → CLI, IPC, HTTP) as data. The set of codes is closed so the
// CLI can map each to an exit status and the UI to a translated message.
import { ref, type KeyedText } from './i18n';
import type { MessageRef } from './reports';

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
  /** `detail` as a catalog message, when it is a sentence PanelDB wrote rather than raw OS/SQLite text. */
  detail_msg?: MessageRef;
  /** What would get past the refusal: the app shows it as a button, the CLI in its own words. */
  hint?: ErrorHint;
  /**
   * `message` as a catalog key, parameters and parts (electron/shared/i18n): every error PanelDB
   * makes carries one (fail() and EngineError require it); optional only for what arrives as JSON.
   */
  msg?: MessageRef;
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
/**
 * An error whose text is a catalog message (`message(key, params)`), so every reader gets it in
 * their language; a plain string does not compile.
 */
export const appError = (code: ErrorCode, text: KeyedText, detail?: Detail, hint?: ErrorHint): AppError => ({
  code,
  message: text.text,
  ...(detail === undefined
    ? {}
    : typeof detail === 'string'
      ? { detail }
      : { detail: detail.text, detail_msg: ref(detail) }),
  ...(hint === undefined ? {} : { hint }),
  msg: ref(text),
});

/** An error's detail: raw OS or SQLite text as it came (data), or a sentence of ours as a message. */
export type Detail = string | KeyedText;

export const fail = <T = never>(
  code: ErrorCode,
  text: KeyedText,
  detail?: Detail,
  hint?: ErrorHint,
): Result<T> => ({ ok: false, error: appError(code, text, detail, hint) });

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** A plain JSON object (not null, not an array): the first test every shape check of data from outside makes. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const HINT_TABS: readonly string[] = ['overview', 'history', 'pending', 'backups', 'checks'];

/**
 * A hint that arrived as JSON (the browser's HTTP transport) is taken only in one of the shapes
 * above: the app turns it into a button, so a malformed one must not reach the components.
 */
export function isErrorHint(value: unknown): value is ErrorHint {
  if (!isRecord(value)) return false;
  switch (value.action) {
    case 'wait-for-writer': {
      const holder = value.holder;
      return (
        isRecord(holder) &&
        typeof holder.pid === 'number' &&
        typeof holder.command === 'string' &&
        typeof holder.since === 'string' &&
        typeof holder.host === 'string'
      );
    }
    case 'stop-panel':
      return (
        Array.isArray(value.holders) &&
        value.holders.every(
          (holder) =>
            isRecord(holder) &&
            typeof holder.pid === 'number' &&
            (holder.name === null || typeof holder.name === 'string'),
        )
      );
    case 'restore-backup': {
      const step = value.refusedStep;
      return (
        (value.backupId === null || typeof value.backupId === 'string') &&
        (step === undefined ||
          (isRecord(step) &&
            typeof step.version === 'number' &&
            typeof step.name === 'string' &&
            (step.reason === 'irreversible' || step.reason === 'panel-applied')))
      );
    }
    case 'choose-step-mode':
      return typeof value.step === 'number';
    case 'open-tab':
      return typeof value.tab === 'string' && HINT_TABS.includes(value.tab);
    case 'accept-risk':
      return isStringArray(value.risks);
    case 'repair':
      return true;
    default:
      return false;
  }
}

const isParams = (value: unknown): boolean =>
  isRecord(value) &&
  Object.values(value).every((param) => typeof param === 'string' || typeof param === 'number');

/** A catalog reference that arrived as JSON: a key, string or number parameters, and parts of that shape. */
export function isMessageRef(value: unknown, depth = 0): value is MessageRef {
  // Parts nest (a step's reason inside MIGRATION_FAILED), but never deeper than a few levels.
  if (!isRecord(value) || typeof value.key !== 'string') return false;
  if (value.params !== undefined && !isParams(value.params)) return false;
  if (value.parts === undefined) return true;
  return (
    depth < 3 &&
    isRecord(value.parts) &&
    Object.values(value.parts).every(
      (list) => Array.isArray(list) && list.every((part) => isMessageRef(part, depth + 1)),
    )
  );
}
