// What every step shares, up or down, migration or fix: it is announced to the progress listener,
// sequenced by umzug, and runs in ONE transaction holding its changes, the panel markers and its
// history row, so a step is in the file whole or not at all. The up (migrator.ts), the down
// (migrator-down.ts) and the dry run of migrate (preview-up.ts) write only what differs.
import type { Database } from 'sql.js';
import type { PanelMigration, StepOptions } from './step-types';
import { appendHistory, type NewHistoryEntry } from './history-log';
import { addSeederMarker, removeSeederMarker, setSchemaVersion } from './markers';
import { TOOL_VERSION } from './tool-version';
import type { ProgressEvent, StepReport } from '../shared/reports';

/**
 * A migration moves the panel's markers and version; a fix (a repair for a check) runs through the
 * same transaction, before-images and log, but never touches markers or schema_migrations and is
 * logged with direction `fix` / `fix-revert`.
 */
export type StepKind = 'migration' | 'fix';

export type StepDirection = 'up' | 'down';

export interface RunDependencies {
  now: () => Date;
  onProgress?: (event: ProgressEvent) => void;
  /** Versions applied before the run (holes allowed); updated as steps succeed. */
  applied: Set<number>;
  /** The run's options (migration 3's mode); the defaults when absent. */
  stepOptions?: StepOptions;
}

/** golang-migrate's notion of "the" version: the highest V with 1..V all applied. */
export function currentVersionOf(applied: Set<number>): number {
  let version = 0;
  while (applied.has(version + 1)) version += 1;
  return version;
}

export const stepKey = (migration: { version: number; name: string }) =>
  `${String(migration.version).padStart(6, '0')}_${migration.name}`;

/** Tells the progress listener that step `index` of `total` starts. */
function announceStep(
  deps: RunDependencies,
  direction: StepDirection,
  migration: PanelMigration,
  index: number,
  total: number,
): void {
  deps.onProgress?.({
    kind: 'step',
    direction,
    version: migration.version,
    name: migration.name,
    index,
    total,
  });
}

/** A run of steps: the plan, and how one of its items is applied with the run's content-hash cache. */
export interface PlanRun<T> {
  direction: StepDirection;
  plan: readonly T[];
  migrationOf: (item: T) => PanelMigration;
  deps: RunDependencies;
  apply: (item: T, known: Map<string, string>) => Promise<StepReport>;
}

/** The plan's items in order, each announced to the progress listener before it is applied. */
function announcedSteps<T>(run: PlanRun<T>, reports: StepReport[]): [string, () => Promise<void>][] {
  const known = new Map<string, string>();
  return run.plan.map((item, index) => {
    const migration = run.migrationOf(item);
    const step = async () => {
      announceStep(run.deps, run.direction, migration, index, run.plan.length);
      reports.push(await run.apply(item, known));
    };
    return [stepKey(migration), step];
  });
}

/**
 * Runs the plan in order through umzug; the first failure stops it and is what it throws, with
 * `reports` holding the steps that finished before. umzug's own bookkeeping is made harmless:
 * `executed` comes from the panel's markers (an up plan holds only pending steps, a down plan only
 * applied ones), log/unlog are no-ops because the log row is written inside the step's transaction.
 */
export async function runPlan<T>(run: PlanRun<T>, reports: StepReport[] = []): Promise<StepReport[]> {
  const steps = new Map(announcedSteps(run, reports));
  const names = [...steps.keys()];
  const up = run.direction === 'up';
  // Loaded only when steps run: umzug's module loads its own CLI (@rushstack/ts-command-line, ~170
  // modules, ~250 ms at start-up), which status, check and backup never need.
  const { MigrationError, Umzug } = await import('umzug');
  const umzug = new Umzug({
    migrations: [...steps.entries()].map(([name, step]) => ({
      name,
      up: up ? step : async () => undefined,
      down: up ? undefined : step,
    })),
    storage: {
      executed: async () => (up ? [] : [...names].reverse()),
      logMigration: async () => undefined,
      unlogMigration: async () => undefined,
    },
    logger: undefined,
  });
  try {
    if (up) await umzug.up({ migrations: names });
    else await umzug.down({ migrations: names });
  } catch (thrown) {
    throw thrown instanceof MigrationError ? (thrown.cause ?? thrown) : thrown;
  }
  return reports;
}

/** Every item of the plan in order, without umzug: for a dry run whose `apply` reports a failure instead of throwing. */
export async function eachStep<T>(run: PlanRun<T>): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  for (const [, step] of announcedSteps(run, reports)) await step();
  return reports;
}

export interface StepTransaction {
  db: Database;
  migration: PanelMigration;
  direction: StepDirection;
  kind: StepKind;
  deps: RunDependencies;
  /** When the step started (before its opening hashes), for its log row. */
  started: Date;
}

/** What a step's body hands back once its writes are done: its report, and what its log row keeps beyond it. */
export interface StepOutcome {
  report: StepReport;
  finished: Date;
  log: Pick<NewHistoryEntry, 'checksum' | 'changes' | 'skipped' | 'notes'>;
}

/**
 * BEGIN; the body (the step's writes; it calls `moveMarkers` where the markers belong in its
 * order); the history row; COMMIT. Any throw rolls the whole step back, puts `deps.applied` back
 * as it was, and is rethrown.
 */
export async function inStepTransaction(
  step: StepTransaction,
  body: (moveMarkers: () => void) => Promise<StepOutcome> | StepOutcome,
): Promise<StepReport> {
  const { db } = step;
  // The rollback journal in SQLite's heap rather than in sql.js's in-memory file system, where every
  // page the step dirties was copied into a growing file (≈ 350 ms of a 100 MB migrate). ROLLBACK
  // works the same from either. Atomicity on disk does not rest on it: this database lives in
  // memory, and the file on disk is replaced only at the end (save.ts: temp, fsync, rename).
  const journalMode = String(db.exec('PRAGMA journal_mode')[0]?.values[0]?.[0] ?? 'delete');
  db.exec('PRAGMA journal_mode = MEMORY');
  try {
    return await inTransaction(step, body);
  } finally {
    db.exec(`PRAGMA journal_mode = ${JOURNAL_MODES.has(journalMode) ? journalMode : 'delete'}`);
  }
}

/** The modes `PRAGMA journal_mode` reports for a database file that is not in WAL mode. */
const JOURNAL_MODES = new Set(['delete', 'truncate', 'persist', 'memory', 'off']);

async function inTransaction(
  step: StepTransaction,
  body: (moveMarkers: () => void) => Promise<StepOutcome> | StepOutcome,
): Promise<StepReport> {
  const { db, migration, direction, kind, deps, started } = step;
  db.exec('BEGIN');
  try {
    const { report, finished, log } = await body(() => moveMarkers(step));
    appendHistory(db, {
      version: migration.version,
      name: migration.name,
      direction: kind === 'fix' ? (direction === 'up' ? 'fix' : 'fix-revert') : direction,
      started_at: started.toISOString(),
      finished_at: finished.toISOString(),
      duration_ms: report.duration_ms,
      checksum: log.checksum,
      rows_changed: report.rows_changed,
      changes: log.changes,
      skipped: log.skipped,
      notes: log.notes,
      hash_before: report.hash_before,
      hash_after: report.hash_after,
      tool_version: TOOL_VERSION,
      outcome: direction === 'up' ? 'applied' : 'reverted',
    });
    db.exec('COMMIT');
    return report;
  } catch (thrown) {
    db.exec('ROLLBACK');
    if (kind === 'migration') {
      if (direction === 'up') deps.applied.delete(migration.version);
      else deps.applied.add(migration.version);
    }
    throw thrown;
  }
}

/** A migration's markers and schema version follow `deps.applied`; a fix leaves them alone. */
function moveMarkers({ db, migration, direction, kind, deps }: StepTransaction): void {
  if (kind !== 'migration') return;
  if (direction === 'up') {
    deps.applied.add(migration.version);
    if (migration.seederMarker !== null) addSeederMarker(db, migration.seederMarker);
  } else {
    deps.applied.delete(migration.version);
    if (migration.seederMarker !== null) removeSeederMarker(db, migration.seederMarker);
  }
  setSchemaVersion(db, currentVersionOf(deps.applied));
}
