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
  'DATABASE_DIRTY',
  'VERSION_NEWER_THAN_TOOL',
  'ROLLBACK_REFUSED',
  'MIGRATION_DRIFT',
  'REPAIR_NEEDED',
  'BACKUP_NOT_FOUND',
  'BACKUP_INVALID',
  // failures while writing
  'BACKUP_DIR_UNWRITABLE',
  'BACKUP_FAILED',
  'WRITE_FAILED',
  'MIGRATION_FAILED',
  // caller mistakes and the rest
  'INVALID_ARGUMENT',
  'NO_DATABASE_OPEN',
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
  /** `message` as a catalog key and parameters (electron/shared/i18n), where one exists. */
  msg?: { key: string; params?: Record<string, string | number> };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, detail?: string): Result<T> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
