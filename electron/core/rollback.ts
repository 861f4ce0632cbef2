// `rollback`: real downs from the before-images PanelDB recorded when it ran each step. A step that
// is irreversible, or that the panel ran itself (a marker but no before-images), is refused before
// anything runs — the way back from those is a backup, and the refusal names it.
import type { PanelMigration } from './step-types';
import { listBackups } from './backups';
import type { BackupEntry, RollbackRequest, HistoryEntry, RunReport } from '../shared/reports';
import { EngineError } from './engine-error';
import { lastUpOf, readHistory } from './history-log';
import { appliedVersions, runAndSave } from './migrate';
import { runDown, type DownPlanItem } from './migrator-down';
import { assertIntact, assertMigratable, type OpenedPanel } from './open-panel';
import type { OperationContext } from './operation-context';
import { planFingerprint } from './plan-fingerprint';
import { message } from '../shared/i18n';

/**
 * `--to V` undoes every applied step above V. `--steps N` undoes the last N steps PanelDB applied,
 * most recent first; on a file PanelDB never migrated it means the highest applied version.
 */
export function chooseRollbackVersions(
  applied: Set<number>,
  history: HistoryEntry[],
  request: RollbackRequest,
  latest: number,
): number[] {
  const descending = [...applied].sort((a, b) => b - a);
  if (request.to !== undefined) {
    if (!Number.isInteger(request.to) || request.to < 0 || request.to > latest) {
      throw new EngineError(
        'INVALID_ARGUMENT',
        message('refuse.rollbackTo', { latest, to: String(request.to) }),
      );
    }
    return descending.filter((version) => version > (request.to ?? 0));
  }
  const steps = request.steps ?? 1;
  if (!Number.isInteger(steps) || steps < 1) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      message('refuse.rollbackSteps', { steps: String(request.steps) }),
    );
  }
  const loggedMostRecentFirst = history
    .filter(
      (entry) =>
        entry.direction === 'up' && applied.has(entry.version) && lastUpOf(history, entry.version) === entry,
    )
    .sort((a, b) => b.id - a.id)
    .map((entry) => entry.version);
  return (loggedMostRecentFirst.length > 0 ? loggedMostRecentFirst : descending).slice(0, steps);
}

/** The newest backup whose recorded state does not yet include `version`: the way back past it. */
function backupBefore(backups: BackupEntry[], version: number): BackupEntry | undefined {
  return backups.find(
    (entry) => entry.metadata !== null && !entry.metadata.version_state.applied.includes(version),
  );
}

/** The downs a roll back would run, highest first, or the refusal (irreversible, panel-applied). */
async function planRollBack(
  opened: OpenedPanel,
  request: RollbackRequest,
  context: OperationContext,
): Promise<DownPlanItem[]> {
  const { image, db, detection } = opened;
  assertMigratable(detection, image.path);
  assertIntact(db, image.path, opened.integrity());
  const applied = appliedVersions(detection);
  const history = readHistory(db);
  const versions = chooseRollbackVersions(applied, history, request, detection.latestVersion);
  const touches = versions.flatMap(
    (version) => context.migrations.find((m) => m.version === version)?.touches ?? [],
  );
  assertIntact(db, image.path, opened.integrityForWrite(touches));
  const backups = await listBackups(image.path, context.backupDir, context.fs);
  return versions.map((version) => {
    const migration = context.migrations.find((m) => m.version === version) as PanelMigration;
    const wayBack = backupBefore(backups, version);
    // The way back is named by its listed id and carried as a hint: the app shows a Restore button,
    // the CLI its own command line. The message itself names no command (issue 14, point 8).
    const hint = (reason: 'irreversible' | 'panel-applied') =>
      ({
        action: 'restore-backup',
        backupId: wayBack?.id ?? null,
        refusedStep: { version, name: migration.name, reason },
      }) as const;
    const params = { version, name: migration.name, backup: wayBack?.id ?? '' };
    if (migration.irreversible) {
      const key = wayBack ? 'refuse.irreversibleRestore' : 'refuse.irreversibleNoBackup';
      throw new EngineError('ROLLBACK_REFUSED', message(key, params), undefined, hint('irreversible'));
    }
    const up = lastUpOf(history, version);
    if (up === undefined) {
      const key = wayBack ? 'refuse.panelAppliedRestore' : 'refuse.panelAppliedNoBackup';
      throw new EngineError('ROLLBACK_REFUSED', message(key, params), undefined, hint('panel-applied'));
    }
    return { migration, up };
  });
}

export async function rollBackOpened(
  opened: OpenedPanel,
  request: RollbackRequest,
  context: OperationContext,
): Promise<RunReport> {
  const plan = await planRollBack(opened, request, context);
  return runAndSave(opened, context, {
    operation: 'rollback',
    fingerprint: planFingerprint({
      file: opened.image.stateKey,
      operation: 'rollback',
      steps: plan.map(({ migration }) => migration),
    }),
    expect: request.expect,
    dryRun: request.dryRun === true,
    backupReason: 'before-rollback',
    nothingToDo: plan.length === 0,
    run: (deps) => runDown(opened.db, plan, deps),
  });
}
