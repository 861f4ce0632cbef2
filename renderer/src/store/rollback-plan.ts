// Which steps a roll back would undo, for disabling a refused one up front before the engine is
// asked (the dialog itself shows the engine's own dry run, previewRollBack).
import type { HistoryEntry, StatusReport } from '../../../electron/shared/reports';
import type { RollBackRequest } from './migrations-slice';
import type { PlannedStep } from './plans';

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
