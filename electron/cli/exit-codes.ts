// Scripts branch on the exit status, so each error code maps to one documented category.
import type { ErrorCode } from '../shared/result';

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  badInput: 3,
  refused: 4,
  writeFailed: 5,
  migrationFailed: 6,
} as const;

const CATEGORY: Record<ErrorCode, number> = {
  FILE_NOT_FOUND: EXIT.badInput,
  NOT_A_FILE: EXIT.badInput,
  FILE_UNREADABLE: EXIT.badInput,
  FILE_EMPTY: EXIT.badInput,
  FILE_TOO_LARGE: EXIT.badInput,
  NOT_SQLITE: EXIT.badInput,
  DATABASE_CORRUPT: EXIT.badInput,
  NOT_A_PANEL_DATABASE: EXIT.badInput,
  WAL_INVALID: EXIT.badInput,
  WAL_MISMATCH: EXIT.badInput,
  WAL_WITHOUT_DATABASE: EXIT.badInput,
  BACKUP_NOT_FOUND: EXIT.badInput,
  BACKUP_INVALID: EXIT.badInput,
  BACKUP_UNVERIFIED: EXIT.refused,
  BACKUP_DIR_UNSAFE: EXIT.refused,
  HISTORY_INVALID: EXIT.badInput,
  CONFIRMATION_REQUIRED: EXIT.refused,
  FILE_CHANGED_ON_DISK: EXIT.refused,
  DATABASE_LOCKED: EXIT.refused,
  DATABASE_IN_USE: EXIT.refused,
  DATABASE_DIRTY: EXIT.refused,
  VERSION_NEWER_THAN_TOOL: EXIT.refused,
  ROLLBACK_REFUSED: EXIT.refused,
  MIGRATION_DRIFT: EXIT.refused,
  REPAIR_NEEDED: EXIT.refused,
  PLAN_CHANGED: EXIT.refused,
  BACKUP_DIR_UNWRITABLE: EXIT.writeFailed,
  BACKUP_FAILED: EXIT.writeFailed,
  WRITE_FAILED: EXIT.writeFailed,
  MIGRATION_FAILED: EXIT.migrationFailed,
  INVALID_ARGUMENT: EXIT.usage,
  NO_DATABASE_OPEN: EXIT.usage,
  NO_RECOVERY_OUTPUT: EXIT.usage,
  UNSUPPORTED: EXIT.usage,
  FORBIDDEN: EXIT.refused,
  INTERNAL: EXIT.internal,
};

export const exitCodeFor = (code: ErrorCode): number => CATEGORY[code];
