// Runs the up of steps on the in-memory database: each step in one transaction holding the step's
// changes, its history row and the panel markers (step-transaction.ts), so a step is in the file
// whole or not at all; umzug sequences them.
import type { Database } from 'sql.js';
import { DEFAULT_STEP_OPTIONS, StepFailure, type PanelMigration, type StepOptions } from './step-types';
import { jsonChanges, rowLabel } from './change-preview';
import {
  changeCounters,
  contentHashes,
  digestTable,
  rehashTable,
  tableContentHash,
  type TableDigest,
} from './content-hash';
import { EngineError } from './engine-error';
import { HISTORY_TABLE } from './history-log';
import { createStepContext } from './step-context';
import { inStepTransaction, runPlan, type RunDependencies, type StepKind } from './step-transaction';
import { effectsOutside, rowCounts, triggerNotes, triggersOn, watchedTables } from './trigger-effects';
import type { StepReport } from '../shared/reports';
import { sha256Hex } from './fingerprint';
import { message } from '../shared/i18n';

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

/**
 * The large rows' digests behind a run's known hashes (content-hash.ts TableDigest): a digest is
 * used only while its hash is the one `known` holds for its table, so any other write to the table
 * (a down, a trigger) retires it.
 */
const digestsOfRun = new WeakMap<Map<string, string>, Map<string, TableDigest>>();

function digestsOf(known: Map<string, string>): Map<string, TableDigest> {
  let digests = digestsOfRun.get(known);
  if (digests === undefined) {
    digests = new Map();
    digestsOfRun.set(known, digests);
  }
  return digests;
}

/** Hashes `table`, keeping its digest for a later re-hash. */
function hashKeeping(db: Database, table: string, digests: Map<string, TableDigest>): string {
  const digest = digestTable(db, table);
  if (digest === null) return tableContentHash(db, table);
  digests.set(table, digest);
  return digest.hash;
}

/** What the update hook saw during a step: the rowids written, per table (lower case), and how many writes. */
interface SeenWrites {
  rowids: Map<string, Set<number>>;
  count: number;
}

/**
 * The touched tables' hashes after a step: the ones from before when it wrote nothing; re-hashed
 * from the rows it wrote when that is proven to be every change (no trigger in play, no DDL, as
 * many writes seen by the update hook as SQLite counted, and rehashTable's own row count);
 * else hashed afresh.
 */
function hashesAfterStep(
  db: Database,
  touches: readonly string[],
  before: Record<string, string>,
  step: {
    digests: Map<string, TableDigest> | null;
    counters: { changes: number; schema: number };
    seen: SeenWrites;
  },
): Record<string, string> {
  const now = changeCounters(db);
  if (now.changes === step.counters.changes && now.schema === step.counters.schema)
    return Object.fromEntries(touches.map((table) => [table, before[table] ?? tableContentHash(db, table)]));
  const digests = step.digests;
  const accounted =
    now.schema === step.counters.schema && now.changes - step.counters.changes === step.seen.count;
  return Object.fromEntries(
    touches.map((table) => {
      const previous = digests?.get(table);
      if (digests !== null && accounted && previous !== undefined && previous.hash === before[table]) {
        const rehashed = rehashTable(db, previous, step.seen.rowids.get(table.toLowerCase()) ?? new Set());
        if (rehashed !== null) {
          digests.set(table, rehashed);
          return [table, rehashed.hash];
        }
      }
      if (digests === null) return [table, tableContentHash(db, table)];
      return [table, hashKeeping(db, table, digests)];
    }),
  );
}

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
  try {
    // The plan holds only pending steps (markers decided that), so none of them counts as executed.
    const apply = (migration: PanelMigration, known: Map<string, string>) =>
      applyStep(db, migration, deps, known);
    await runPlan({ direction: 'up', plan, migrationOf: (migration) => migration, deps, apply }, reports);
  } catch (thrown) {
    const failedStep = plan[reports.length];
    if (thrown instanceof EngineError && thrown.code !== 'INTERNAL') throw thrown;
    // A StepFailure's reason is a catalog message (rendered in the reader's language); anything else
    // thrown (an SQLite error) is data and goes in as it is.
    const step = { version: failedStep?.version ?? '?', name: failedStep?.name ?? '?' };
    throw new EngineError(
      'MIGRATION_FAILED',
      thrown instanceof StepFailure
        ? message('err.migration.stepFailed', step, { reason: [thrown.msg] })
        : message('err.migration.stepFailed', {
            ...step,
            reason: thrown instanceof Error ? thrown.message : String(thrown),
          }),
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
  const digests = digestsOf(known);
  const hashBefore =
    triggers.length > 0
      ? contentHashes(db, watched)
      : Object.fromEntries(
          watched.map((table) => [table, known.get(table) ?? hashKeeping(db, table, digests)]),
        );
  const countsBefore = triggers.length > 0 ? rowCounts(db, watched) : {};
  const step = { db, migration, direction: 'up', kind, deps, started } as const;
  const report = await inStepTransaction(step, async (moveMarkers) => {
    const { context, recording } = createStepContext(db, {
      keepBeforeImages: !migration.irreversible,
      stepOptions,
      onProgress: (done, total) =>
        deps.onProgress?.({ kind: 'rows', version: migration.version, done, total }),
    });
    const counters = changeCounters(db);
    const seen: SeenWrites = { rowids: new Map(), count: 0 };
    // Every row the step writes, so the tables it touches are re-hashed from those rows alone.
    db.updateHook((_operation, _database, table, rowid) => {
      const name = table.toLowerCase();
      const rowids = seen.rowids.get(name) ?? new Set<number>();
      rowids.add(Number(rowid));
      seen.rowids.set(name, rowids);
      seen.count += 1;
    });
    try {
      await migration.up(context);
    } finally {
      db.updateHook(null);
    }
    let hashAfter = hashesAfterStep(db, migration.touches, hashBefore, {
      digests: triggers.length > 0 ? null : digests,
      counters,
      seen,
    });
    moveMarkers();
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
    const log = {
      checksum: migrationChecksum(migration, stepOptions),
      changes: recording.changes,
      skipped: recording.skipped,
      notes,
    };
    return { report, finished, log };
  });
  rememberHashes(known, report.hash_after);
  return report;
}
