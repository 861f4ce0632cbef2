// Pure judgements the screens need: the one next action to recommend. (Which steps a roll back
// undoes is the engine's to say: previewRollBack.)
import type {
  BackupEntry,
  ChecksSection,
  RepairReport,
  StatusReport,
} from '../../../electron/shared/reports';

export interface PlannedStep {
  version: number;
  name: string;
}

/** The repair report names a backup by path; the UI names it by the id the backup list gave. */
export function backupForPath(backups: BackupEntry[], path: string | null): BackupEntry | undefined {
  return path === null ? undefined : backups.find((backup) => backup.path === path);
}

export type NextAction =
  | { kind: 'newer'; version: number }
  | { kind: 'repair'; version: number | null }
  | { kind: 'restore'; backupId: string }
  | { kind: 'checks' }
  | { kind: 'fix'; checkId: string }
  | { kind: 'migrate'; to: number }
  | { kind: 'none' };

export function nextAction(
  status: StatusReport | null,
  repair: RepairReport | null,
  backups: BackupEntry[],
  /** The health checks, read after status (status carries them only when asked for). */
  checks: ChecksSection | null = status?.checks ?? null,
): NextAction {
  if (status === null) return { kind: 'none' };
  if (status.newer_version !== null) return { kind: 'newer', version: status.newer_version };
  const recommendation = repair?.recommendation;
  if (status.dirty || recommendation?.action === 'force-version') {
    return { kind: 'repair', version: recommendation?.version ?? null };
  }
  if (recommendation?.action === 'restore-backup') {
    const backup = backupForPath(backups, recommendation.backup);
    return backup === undefined ? { kind: 'checks' } : { kind: 'restore', backupId: backup.id };
  }
  if (status.integrity !== 'ok') return { kind: 'checks' };
  // A lockout (or another error with a fix) the engine recommends comes before migrating.
  if (recommendation?.action === 'fix' && recommendation.check !== undefined)
    return { kind: 'fix', checkId: recommendation.check };
  if (status.pending_count > 0) return { kind: 'migrate', to: status.latest_version };
  // "Nothing to do" only when no check finds an error (issue 14).
  const errors = (checks?.checks ?? []).filter((check) => check.severity === 'error');
  const fixable = errors.find((check) => check.fixable);
  if (fixable !== undefined) return { kind: 'fix', checkId: fixable.id };
  if (errors.length > 0 || recommendation?.action === 'checks') return { kind: 'checks' };
  return { kind: 'none' };
}
