// Pure judgements the screens need: which steps a roll back will undo (the engine's own rule, so
// the confirm dialog names them before anything runs) and the one next action to recommend.
import type { BackupEntry, HistoryEntry, RepairReport, StatusReport } from '../../../electron/shared/reports';
import type { RollBackRequest } from './migrations-slice';

export interface PlannedStep {
  version: number;
  name: string;
}

/** The latest log entry of a version decides: an up still stands, a down undid it. */
function standingUp(history: HistoryEntry[], version: number): HistoryEntry | undefined {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const entry = history[index];
    if (entry === undefined || entry.version !== version) continue;
    if (entry.direction === 'down') return undefined;
    if (entry.direction === 'up') return entry;
  }
  return undefined;
}

/**
 * `{ to: V }` undoes every applied step above V, highest first. `{ steps: N }` undoes the last N
 * steps PanelDB applied, most recent first; on a file PanelDB never migrated, the highest applied.
 */
export function rollbackPlan(
  status: StatusReport,
  history: HistoryEntry[],
  request: RollBackRequest,
): PlannedStep[] {
  // Entries read from a before-restore backup are not in the file: they plan nothing (issue 14B).
  history = history.filter((entry) => entry.from_backup === undefined);
  const names = new Map(status.applied.map((step) => [step.version, step.name]));
  const descending = [...names.keys()].sort((a, b) => b - a);
  let versions: number[];
  if ('to' in request) {
    versions = descending.filter((version) => version > request.to);
  } else {
    const ordered = [...history].sort((a, b) => a.id - b.id);
    const logged = descending
      .map((version) => standingUp(ordered, version))
      .filter((entry): entry is HistoryEntry => entry !== undefined)
      .sort((a, b) => b.id - a.id)
      .map((entry) => entry.version);
    versions = (logged.length > 0 ? logged : descending).slice(0, request.steps);
  }
  return versions.map((version) => ({ version, name: names.get(version) ?? '' }));
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
