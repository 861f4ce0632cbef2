// Runs steps on the in-memory database through umzug. Each step is one transaction holding the
// step's changes, its history row and the panel markers, so a step is in the file whole or not at
// all. umzug's own bookkeeping is made harmless: `executed` comes from the panel's markers,
// log/unlog are no-ops because the log row is written inside the step's transaction.
import type { Database } from 'sql.js';
import { MigrationError, Umzug } from 'umzug';
import { DEFAULT_STEP_OPTIONS, type PanelMigration, type StepOptions } from './step-types';
import { jsonChanges, rowLabel } from './change-preview';
import { changeMarker, contentHashes, hashesAfter } from './content-hash';
import { EngineError } from './engine-error';
import { appendHistory, HISTORY_TABLE } from './history-log';
import { addSeederMarker, setSchemaVersion } from './markers';
import { createStepContext } from './step-context';
import { effectsOutside, rowCounts, triggerNotes, triggersOn, watchedTables } from './trigger-effects';
import { TOOL_VERSION } from './tool-version';
import type { JsonChange, ChangePreview, StepReport, ProgressEvent } from '../shared/reports';
import { sha256Hex } from './fingerprint';
export type { JsonChange, ChangePreview, StepReport, ProgressEvent };

export const stepKey = (migration: { version: number; name: string }) =>
  `${String(migration.version).padStart(6, '0')}_${migration.name}`;

/** The step's source; for a step with variants (migration 3's modes) the variant that ran is part of it. */
export const migrationChecksum = (migration: PanelMigration, options: StepOptions = DEFAULT_STEP_OPTIONS) => {
  // An external step is its up file: the checksum drift detection compares with the file later.
  if (migration.checksum !== undefined) return migration.checksum;
  const variant = migration.variant?.(options);
  return sha256Hex(
    `${migration.version}\n${migration.name}\n${variant === undefined ? '' : `${variant}\n`}${migration.up.toString()}`,
  );
};

/**
 * A migration moves the panel's markers and version; a fix (a repair for a check) runs through the
 * same transaction, before-images and log, but never touches markers or schema_migrations and is
 * logged with direction `fix` / `fix-revert`.
 */
export type StepKind = 'migration' | 'fix';

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

export async function runWithUmzug(
  direction: 'up' | 'down',
  names: string[],
  executed: string[],
  steps: Map<string, () => Promise<void>>,
): Promise<void> {
  const umzug = new Umzug({
    migrations: [...steps.entries()].map(([name, run]) => ({
      name,
      up: direction === 'up' ? run : async () => undefined,
      down: direction === 'down' ? run : undefined,
    })),
    storage: {
      executed: async () => executed,
      logMigration: async () => undefined,
      unlogMigration: async () => undefined,
    },
    logger: undefined,
  });
  try {
    if (direction === 'up') await umzug.up({ migrations: names });
    else await umzug.down({ migrations: names });
  } catch (thrown) {
    throw thrown instanceof MigrationError ? (thrown.cause ?? thrown) : thrown;
  }
}

/**
 * Tables the bookkeeping of a step writes after its closing hash (markers, schema version, log).
 * For every other table the hash taken at the end of a step is still its content when the next
 * step of the same run starts, so that step reuses it instead of reading the table again.
 */
const BOOKKEEPING_TABLES = new Set([
  'sqlite_master',
  'history_of_seeders',
  'schema_migrations',
  HISTORY_TABLE,
]);

export function rememberHashes(known: Map<string, string>, hashes: Record<string, string>): void {
  for (const [table, hash] of Object.entries(hashes))
    if (!BOOKKEEPING_TABLES.has(table)) known.set(table, hash);
}

/** Applies `plan` in order. On failure the failing step's transaction is rolled back and MIGRATION_FAILED names it. */
export async function runUp(
  db: Database,
  plan: PanelMigration[],
  deps: RunDependencies,
): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  const steps = new Map<string, () => Promise<void>>();
  const known = new Map<string, string>();
  plan.forEach((migration, index) => {
    steps.set(stepKey(migration), async () => {
      deps.onProgress?.({
        kind: 'step',
        direction: 'up',
        version: migration.version,
        name: migration.name,
        index,
        total: plan.length,
      });
      reports.push(await applyStep(db, migration, deps, known));
    });
  });
  try {
    // The plan holds only pending steps (markers decided that), so none of them counts as executed.
    await runWithUmzug('up', [...steps.keys()], [], steps);
  } catch (thrown) {
    const failedStep = plan[reports.length];
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    if (thrown instanceof EngineError && thrown.code !== 'INTERNAL') throw thrown;
    throw new EngineError(
      'MIGRATION_FAILED',
      `Step ${failedStep?.version ?? '?'} ${failedStep?.name ?? '?'} failed: ${reason}. Nothing was written; the database is exactly as it was.`,
      JSON.stringify({
        completed_before_failure: reports.map((r) => r.version),
        failed: failedStep?.version,
      }),
    );
  }
  return reports;
}

export async function applyStep(
  db: Database,
  migration: PanelMigration,
  deps: RunDependencies,
  known: Map<string, string>,
  kind: StepKind = 'migration',
): Promise<StepReport> {
  const stepOptions = deps.stepOptions ?? DEFAULT_STEP_OPTIONS;
  const started = deps.now();
  // With a trigger in play every table is hashed (and none taken from the cache: a trigger may
  // have written it since); without one, only the step's touches, as always.
  const triggers = triggersOn(db, migration.touches);
  const watched = watchedTables(db, migration.touches, triggers);
  const hashBefore = contentHashes(db, watched, triggers.length > 0 ? undefined : known);
  const countsBefore = triggers.length > 0 ? rowCounts(db, watched) : {};
  db.exec('BEGIN');
  try {
    const { context, recording } = createStepContext(db, {
      keepBeforeImages: !migration.irreversible,
      stepOptions,
      onProgress: (done, total) =>
        deps.onProgress?.({ kind: 'rows', version: migration.version, done, total }),
    });
    const marker = changeMarker(db);
    await migration.up(context);
    let hashAfter = hashesAfter(db, migration.touches, hashBefore, changeMarker(db) === marker);
    if (kind === 'migration') {
      deps.applied.add(migration.version);
      if (migration.seederMarker !== null) addSeederMarker(db, migration.seederMarker);
      setSchemaVersion(db, currentVersionOf(deps.applied));
    }
    // The other tables after the markers too: a trigger on a marker table fires on those writes.
    if (triggers.length > 0) hashAfter = { ...contentHashes(db, watched), ...hashAfter };
    const triggerReport =
      triggers.length === 0
        ? {}
        : {
            triggers,
            trigger_effects: effectsOutside(db, migration.touches, hashBefore, hashAfter, countsBefore),
          };
    // The log records them in words too; the report carries them as data (translated where shown).
    const notes = [...recording.notes, ...triggerNotes(triggers, triggerReport.trigger_effects)];
    const finished = deps.now();
    const report: StepReport = {
      version: migration.version,
      name: migration.name,
      direction: 'up',
      status: 'applied',
      duration_ms: finished.getTime() - started.getTime(),
      rows_changed: recording.changes.length,
      changes: recording.changes.map((change) => {
        // A password (plaintext or hash) never leaves the engine in a report, whatever the step.
        const hidden = migration.irreversible || (change.table === 'users' && change.column === 'password');
        return {
          ...change,
          label: rowLabel(db, change.table, change.rowid),
          before: hidden ? null : change.before,
          after: hidden ? null : change.after,
          json_changes: hidden ? null : jsonChanges(change.before, change.after),
          ...(hidden ? { hidden: true } : {}),
        };
      }),
      skipped: recording.skipped,
      notes: recording.notes,
      note_msgs: recording.note_msgs,
      hash_before: hashBefore,
      hash_after: hashAfter,
      ...triggerReport,
    };
    appendHistory(db, {
      version: migration.version,
      name: migration.name,
      direction: kind === 'fix' ? 'fix' : 'up',
      started_at: started.toISOString(),
      finished_at: finished.toISOString(),
      duration_ms: report.duration_ms,
      checksum: migrationChecksum(migration, stepOptions),
      rows_changed: report.rows_changed,
      changes: recording.changes,
      skipped: recording.skipped,
      notes,
      hash_before: hashBefore,
      hash_after: hashAfter,
      tool_version: TOOL_VERSION,
      outcome: 'applied',
    });
    db.exec('COMMIT');
    rememberHashes(known, hashAfter);
    return report;
  } catch (thrown) {
    db.exec('ROLLBACK');
    if (kind === 'migration') deps.applied.delete(migration.version);
    throw thrown;
  }
}
