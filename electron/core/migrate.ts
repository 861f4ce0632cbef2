// `migrate`: verified backup first, every step in memory, and only if all succeed the file is
// replaced atomically. A failure anywhere leaves the file exactly as it was.
import type { PanelMigration, StepOptions } from './step-types';
import { createBackup } from './backups';
import type { BackupReason, MigrateRequest, RunReport, StepReport } from '../shared/reports';
import { replaceDatabaseFile } from './save';
import { bytesToSave } from './sqljs-memory';
import type { Detection } from './detect';
import { EngineError } from './engine-error';
import { runUp } from './migrator';
import { currentVersionOf, type RunDependencies } from './step-transaction';
import { assertNoDrift } from './external-migrations';
import { readHistory } from './history-log';
import { assertIntact, assertMigratable, type OpenedPanel } from './open-panel';
import { previewUp } from './preview-up';
import type { OperationContext } from './operation-context';
import { assertExpectedPlan, planFingerprint } from './plan-fingerprint';
import { message } from '../shared/i18n';

export const appliedVersions = (detection: Detection) =>
  new Set(detection.versions.filter((state) => state.applied).map((state) => state.version));

export function versionSnapshot(detection: Detection) {
  return {
    current_version: detection.currentVersion,
    applied: [...appliedVersions(detection)].sort((a, b) => a - b),
    dirty: detection.dirty,
  };
}

export function planUp(migrations: readonly PanelMigration[], detection: Detection, to: number | undefined) {
  const target = to ?? detection.latestVersion;
  if (!Number.isInteger(target) || target < 0 || target > detection.latestVersion) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      message('refuse.rollbackTo', { latest: detection.latestVersion, to: String(to) }),
    );
  }
  const applied = appliedVersions(detection);
  return migrations.filter((migration) => migration.version <= target && !applied.has(migration.version));
}

export async function migrateOpened(
  opened: OpenedPanel,
  request: MigrateRequest,
  context: OperationContext,
): Promise<RunReport> {
  const { image, db, detection } = opened;
  assertMigratable(detection, image.path);
  assertIntact(db, image.path, opened.integrity());
  assertNoDrift(context.migrations, detection, readHistory(db));
  const plan = planUp(context.migrations, detection, request.to);
  assertIntact(db, image.path, opened.integrityForWrite(plan.flatMap((step) => step.touches)));
  const xhttpFlow = request.xhttpFlow ?? 'safe';
  return runAndSave(opened, context, {
    operation: 'migrate',
    fingerprint: planFingerprint({
      file: image.stateKey,
      operation: 'migrate',
      steps: plan,
      options: { xhttpFlow },
    }),
    expect: request.expect,
    dryRun: request.dryRun === true,
    backupReason: 'before-migrate',
    nothingToDo: plan.length === 0,
    stepOptions: { xhttpFlow },
    // A dry run previews each step on its own: one failing step shows its error, the rest still preview.
    run: (deps) => (request.dryRun === true ? previewUp(db, plan, deps) : runUp(db, plan, deps)),
  });
}

export interface RunSpec {
  operation: RunReport['operation'];
  /** The plan's fingerprint (plan-fingerprint.ts), reported, and compared with `expect` before anything runs. */
  fingerprint: string;
  /** The fingerprint the admin confirmed; a different plan now is refused with PLAN_CHANGED. */
  expect?: string;
  dryRun: boolean;
  backupReason: BackupReason;
  nothingToDo: boolean;
  /** The run's options, handed to every step (migration 3's mode). */
  stepOptions?: StepOptions;
  run: (deps: RunDependencies) => Promise<StepReport[]>;
}

/**
 * The one order every run follows: verified backup (unless a dry run) → steps in memory → only if
 * all succeed, the atomic replace. A thrown step leaves the file untouched.
 */
export async function runAndSave(
  opened: OpenedPanel,
  context: OperationContext,
  spec: RunSpec,
): Promise<RunReport> {
  const { image, db, detection } = opened;
  assertExpectedPlan(spec.expect, spec.fingerprint);
  const applied = appliedVersions(detection);
  const report: RunReport = {
    database: image.path,
    operation: spec.operation,
    dry_run: spec.dryRun,
    from_version: detection.currentVersion,
    to_version: detection.currentVersion,
    backup: null,
    saved: false,
    moved_aside: [],
    steps: [],
    plan_fingerprint: spec.fingerprint,
  };
  if (spec.nothingToDo) return report;
  if (!spec.dryRun) {
    report.backup = await createBackup(image, {
      fs: context.fs,
      backupDir: context.backupDir,
      reason: spec.backupReason,
      now: context.now,
      fileHashes: context.fileHashes,
      versionState: versionSnapshot(detection),
    });
  }
  report.steps = await spec.run({
    now: context.now,
    onProgress: context.onProgress,
    applied,
    stepOptions: spec.stepOptions,
  });
  report.to_version = currentVersionOf(applied);
  if (spec.dryRun) return report;
  report.moved_aside = await replaceDatabaseFile(image, bytesToSave(db), {
    fs: context.fs,
    asideDir: context.backupDir,
    now: context.now,
    fileHashes: context.fileHashes,
    lock: context.lock,
    notes: context.notes,
    backupPath: report.backup?.path,
  });
  report.saved = true;
  return report;
}
