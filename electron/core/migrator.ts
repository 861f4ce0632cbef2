// Runs steps on the in-memory database through umzug. Each step is one transaction holding the
// step's changes, its history row and the panel markers, so a step is in the file whole or not at
// all. umzug's own bookkeeping is made harmless: `executed` comes from the panel's markers,
// log/unlog are no-ops because the log row is written inside the step's transaction.
import { createHash } from 'node:crypto';
import type { Database } from 'sql.js';
import diff from 'microdiff';
import { MigrationError, Umzug } from 'umzug';
import { isPlainObject, parseJson } from '../../migrations/go-json';
import { DEFAULT_STEP_OPTIONS, type PanelMigration, type StepOptions } from '../../migrations/types';
import { contentHashes, contentMatches } from './content-hash';
import { EngineError } from './engine-error';
import { appendHistory, HISTORY_TABLE, type HistoryEntry, type StoredChange } from './history-log';
import { addSeederMarker, removeSeederMarker, setSchemaVersion } from './markers';
import { queryRows, quoteIdentifier, textParam } from './sql';
import { createStepContext, rowImage } from './step-context';
import { TOOL_VERSION } from './tool-version';
import type { JsonChange, ChangePreview, StepReport, ProgressEvent } from '../shared/reports';
export type { JsonChange, ChangePreview, StepReport, ProgressEvent };

export const stepKey = (migration: { version: number; name: string }) =>
  `${String(migration.version).padStart(6, '0')}_${migration.name}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The step's source; for a step with variants (migration 3's modes) the variant that ran is part of it. */
export const migrationChecksum = (migration: PanelMigration, options: StepOptions = DEFAULT_STEP_OPTIONS) => {
  // An external step is its up file: the checksum drift detection compares with the file later.
  if (migration.checksum !== undefined) return migration.checksum;
  const variant = migration.variant?.(options);
  return sha256(
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

export function jsonChanges(before: string | null, after: string | null): JsonChange[] | null {
  const left = parseJson(before);
  const right = parseJson(after);
  const structured = (value: unknown) => isPlainObject(value) || Array.isArray(value);
  if (!structured(left) || !structured(right)) return null;
  const changes: JsonChange[] = diff(left as Record<string, unknown>, right as Record<string, unknown>).map(
    (entry) => {
      const path = entry.path.map(String).join('.');
      if (entry.type === 'CREATE') return { path, kind: 'added', after: entry.value };
      if (entry.type === 'REMOVE') return { path, kind: 'removed', before: entry.oldValue };
      return { path, kind: 'changed', before: entry.oldValue, after: entry.value };
    },
  );
  // Same parsed value, different text: duplicate keys collapsed or formatting normalised.
  if (changes.length === 0 && before !== after)
    changes.push({ path: '', kind: 'changed', before: 'text', after: 'normalised' });
  return changes;
}

async function runWithUmzug(
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

function rememberHashes(known: Map<string, string>, hashes: Record<string, string>): void {
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
  const hashBefore = contentHashes(db, migration.touches, known);
  db.exec('BEGIN');
  try {
    const { context, recording } = createStepContext(db, {
      keepBeforeImages: !migration.irreversible,
      stepOptions,
      onProgress: (done, total) =>
        deps.onProgress?.({ kind: 'rows', version: migration.version, done, total }),
    });
    await migration.up(context);
    const hashAfter = contentHashes(db, migration.touches);
    if (kind === 'migration') {
      deps.applied.add(migration.version);
      if (migration.seederMarker !== null) addSeederMarker(db, migration.seederMarker);
      setSchemaVersion(db, currentVersionOf(deps.applied));
    }
    const finished = deps.now();
    const report: StepReport = {
      version: migration.version,
      name: migration.name,
      direction: 'up',
      status: 'applied',
      duration_ms: finished.getTime() - started.getTime(),
      rows_changed: recording.changes.length,
      changes: recording.changes.map((change) => ({
        ...change,
        label: rowLabel(db, change.table, change.rowid),
        before: migration.irreversible ? null : change.before,
        after: migration.irreversible ? null : change.after,
        json_changes: migration.irreversible ? null : jsonChanges(change.before, change.after),
      })),
      skipped: recording.skipped,
      notes: recording.notes,
      hash_before: hashBefore,
      hash_after: hashAfter,
    };
    appendHistory(
      db,
      {
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
        notes: recording.notes,
        hash_before: hashBefore,
        hash_after: hashAfter,
        tool_version: TOOL_VERSION,
        outcome: 'applied',
      },
      sha256,
    );
    db.exec('COMMIT');
    rememberHashes(known, hashAfter);
    return report;
  } catch (thrown) {
    db.exec('ROLLBACK');
    if (kind === 'migration') deps.applied.delete(migration.version);
    throw thrown;
  }
}

export interface DownPlanItem {
  migration: PanelMigration;
  up: HistoryEntry;
}

interface CurrentValue {
  exists: boolean;
  text: string | null;
}

/** The current text of every changed cell (an inserted row: its row image), read once (a cell can be MBs of JSON). */
function currentValues(db: Database, changes: StoredChange[]): CurrentValue[] {
  return changes.map((change) => {
    if (change.kind === 'insert') {
      const image = rowImage(db, change.table, change.rowid);
      return { exists: image !== null, text: image };
    }
    const rows = queryRows(
      db,
      `SELECT ${quoteIdentifier(change.column)} AS value FROM ${quoteIdentifier(change.table)} WHERE rowid = ?`,
      [change.rowid],
    );
    const value = rows[0]?.value;
    return { exists: rows.length > 0, text: value === null || value === undefined ? null : String(value) };
  });
}

function conflictsOf(changes: StoredChange[], current: CurrentValue[]): string[] {
  const conflicts: string[] = [];
  changes.forEach((change, index) => {
    const { exists, text } = current[index] ?? { exists: false, text: null };
    if (!exists) conflicts.push(`${change.table} row ${change.rowid} no longer exists`);
    else if ((text === null ? null : sha256(text)) !== change.after_sha256) {
      conflicts.push(
        change.kind === 'insert'
          ? `${change.table} row ${change.rowid} (inserted by the step) was changed after the step`
          : `${change.table} row ${change.rowid} (${change.column}) was changed after the step`,
      );
    }
  });
  return conflicts;
}

const LABEL_COLUMNS: Record<string, string> = {
  inbounds: 'remark',
  users: 'username',
  client_traffics: 'email',
  settings: 'key',
};

/** How an admin recognises a row in the panel: remark, user name, email or setting key. */
function rowLabel(db: Database, table: string, rowid: number): string | null {
  const column = LABEL_COLUMNS[table];
  if (column === undefined) return null;
  const value = queryRows(
    db,
    `SELECT ${quoteIdentifier(column)} AS label FROM ${quoteIdentifier(table)} WHERE rowid = ?`,
    [rowid],
  )[0]?.label;
  return value === null || value === undefined ? null : String(value);
}

/** Rows whose current value is no longer what the up wrote: restoring them would lose a later edit. */
export function findRollbackConflicts(db: Database, changes: StoredChange[]): string[] {
  return conflictsOf(changes, currentValues(db, changes));
}

/**
 * An own down (an external `.down.sql`) runs only on the content the up left: if a touched table
 * changed since, the down might delete or overwrite a later edit, so it is refused.
 */
function runOwnDown(
  db: Database,
  migration: PanelMigration,
  up: HistoryEntry,
  hashBefore: Record<string, string>,
  deps: RunDependencies,
): ChangePreview[] {
  const changed = migration.touches.filter(
    (table) => !contentMatches(db, table, hashBefore[table], up.hash_after[table]),
  );
  if (changed.length > 0) {
    throw new EngineError(
      'ROLLBACK_REFUSED',
      `Cannot roll back step ${migration.version} ${migration.name}: ${changed.join(', ')} changed since it ran, so its down file could lose those edits. Restore a backup instead.`,
    );
  }
  const { context, recording } = createStepContext(db, {
    keepBeforeImages: true,
    stepOptions: deps.stepOptions,
  });
  migration.down?.(context);
  return recording.changes.map((change) => ({
    table: change.table,
    rowid: change.rowid,
    column: change.column,
    label: change.kind === undefined ? rowLabel(db, change.table, change.rowid) : null,
    before: change.before,
    after: change.after,
    json_changes: change.kind === undefined ? jsonChanges(change.before, change.after) : null,
  }));
}

/** Undoes `plan` (highest version first) from the before-images its up runs recorded. */
export async function runDown(
  db: Database,
  plan: DownPlanItem[],
  deps: RunDependencies,
): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  const steps = new Map<string, () => Promise<void>>();
  const known = new Map<string, string>();
  plan.forEach(({ migration, up }, index) => {
    steps.set(stepKey(migration), async () => {
      deps.onProgress?.({
        kind: 'step',
        direction: 'down',
        version: migration.version,
        name: migration.name,
        index,
        total: plan.length,
      });
      reports.push(revertStep(db, migration, up, deps, known));
    });
  });
  // Every step in a down plan is applied by definition; umzug reverts exactly these, in this order.
  await runWithUmzug('down', [...steps.keys()], [...steps.keys()].reverse(), steps);
  return reports;
}

export function revertStep(
  db: Database,
  migration: PanelMigration,
  up: HistoryEntry,
  deps: RunDependencies,
  known: Map<string, string>,
  kind: StepKind = 'migration',
  /** Refuse (and roll back) an own down that does not restore the touched tables; check-roundtrip keeps the result to name the rows. */
  requireRestored = true,
): StepReport {
  const started = deps.now();
  const hashBefore = contentHashes(db, migration.touches, known);
  db.exec('BEGIN');
  try {
    let changes: ChangePreview[];
    if (migration.down !== undefined) {
      changes = runOwnDown(db, migration, up, hashBefore, deps);
    } else {
      const current = currentValues(db, up.changes);
      const conflicts = conflictsOf(up.changes, current);
      if (conflicts.length > 0) {
        throw new EngineError(
          'ROLLBACK_REFUSED',
          `Cannot roll back step ${migration.version} ${migration.name}: ${conflicts.length} row(s) changed since it ran (${conflicts.slice(0, 5).join('; ')}). Restore a backup instead.`,
          conflicts.join('\n'),
        );
      }
      const currentTexts = current.map((value) => value.text);
      for (const change of [...up.changes].reverse()) {
        if (change.kind === 'insert') {
          // Checked above: the row still holds exactly what the step inserted.
          db.run(`DELETE FROM ${quoteIdentifier(change.table)} WHERE rowid = ?`, [change.rowid]);
          continue;
        }
        const before = textParam(db, change.before);
        db.run(
          `UPDATE ${quoteIdentifier(change.table)} SET ${quoteIdentifier(change.column)} = ${before.placeholder} WHERE rowid = ?`,
          [before.value, change.rowid],
        );
      }
      changes = up.changes.map((change, index) => ({
        table: change.table,
        rowid: change.rowid,
        column: change.column,
        label: change.kind === 'insert' ? null : rowLabel(db, change.table, change.rowid),
        before: currentTexts[index] ?? null,
        after: change.before,
        json_changes:
          change.kind === 'insert' ? null : jsonChanges(currentTexts[index] ?? null, change.before),
      }));
    }
    if (kind === 'migration') {
      deps.applied.delete(migration.version);
      if (migration.seederMarker !== null) removeSeederMarker(db, migration.seederMarker);
      setSchemaVersion(db, currentVersionOf(deps.applied));
    }
    const hashAfter = contentHashes(db, migration.touches);
    const restored = migration.touches.every((table) =>
      contentMatches(db, table, hashAfter[table], up.hash_before[table]),
    );
    if (!restored && migration.down !== undefined && requireRestored) {
      const tables = migration.touches.filter(
        (table) => !contentMatches(db, table, hashAfter[table], up.hash_before[table]),
      );
      throw new EngineError(
        'ROLLBACK_REFUSED',
        `Cannot roll back step ${migration.version} ${migration.name}: its down file does not return ${tables.join(', ')} to the exact content they had before the step (run \`paneldb check-roundtrip\` to see the rows). Nothing was changed; restore the backup taken before the step instead.`,
      );
    }
    const finished = deps.now();
    const report: StepReport = {
      version: migration.version,
      name: migration.name,
      direction: 'down',
      status: 'reverted',
      duration_ms: finished.getTime() - started.getTime(),
      rows_changed: migration.down !== undefined ? changes.length : up.changes.length,
      changes,
      skipped: [],
      notes: [
        restored
          ? 'Touched tables are back to their pre-migration content hash.'
          : 'Touched tables differ from their pre-migration content hash (other rows changed since).',
      ],
      hash_before: hashBefore,
      hash_after: hashAfter,
      content_hash_restored: restored,
    };
    appendHistory(
      db,
      {
        version: migration.version,
        name: migration.name,
        direction: kind === 'fix' ? 'fix-revert' : 'down',
        started_at: started.toISOString(),
        finished_at: finished.toISOString(),
        duration_ms: report.duration_ms,
        checksum: up.checksum,
        rows_changed: report.rows_changed,
        changes: [],
        skipped: [],
        notes: report.notes,
        hash_before: hashBefore,
        hash_after: hashAfter,
        tool_version: TOOL_VERSION,
        outcome: 'reverted',
      },
      sha256,
    );
    db.exec('COMMIT');
    rememberHashes(known, hashAfter);
    return report;
  } catch (thrown) {
    db.exec('ROLLBACK');
    if (kind === 'migration') deps.applied.add(migration.version);
    throw thrown;
  }
}
