// Pure judgements the screens need: the one next action to recommend. (Which steps a roll back
// undoes is the engine's to say: previewRollBack.)
import type { BackupEntry, RepairReport, StatusReport } from '../../../electron/shared/reports';

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
  | { kind: 'migrate'; to: number }
  | { kind: 'none' };

export function nextAction(
  status: StatusReport | null,
  repair: RepairReport | null,
  backups: BackupEntry[],
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
  if (status.pending_count > 0) return { kind: 'migrate', to: status.latest_version };
  return { kind: 'none' };
}
