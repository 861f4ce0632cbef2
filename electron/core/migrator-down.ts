// Undoing steps: downs from the before-images PanelDB recorded (or an external step's own
// .down.sql), each in one transaction with its history row and the panel markers, applied only
// where the rows still hold what the up wrote.
import type { Database } from 'sql.js';
import type { PanelMigration } from './step-types';
import type { ChangePreview, StepReport, HistoryEntry, StoredChange } from '../shared/reports';
import { jsonChanges, rowLabel } from './change-preview';
import { contentHashes, contentMatches } from './content-hash';
import { EngineError } from './engine-error';
import { rememberHashes } from './migrator';
import { queryRows, quoteIdentifier, textParam } from './sql';
import { createStepContext, rowImage } from './step-context';
import { inStepTransaction, runPlan, type RunDependencies, type StepKind } from './step-transaction';
import { exactValueSql } from './stored-value';
import { effectsOutside, rowCounts, triggerNotes, triggersOn, watchedTables } from './trigger-effects';
import { message, ref } from '../shared/i18n';
import { holdsAfter } from './history-changes';
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
    else if (!holdsAfter(text, change.after_sha256)) {
      conflicts.push(
        change.kind === 'insert'
          ? `${change.table} row ${change.rowid} (inserted by the step) was changed after the step`
          : `${change.table} row ${change.rowid} (${change.column}) was changed after the step`,
      );
    }
  });
  return conflicts;
}

/**
 * How a before-image is written back: as its exact storage class and bytes when the log kept them
 * (invalid UTF-8, a BLOB, a number), else as the text it holds. A kept image that cannot be written
 * back exactly refuses the down: the row is left alone, and the refusal names it.
 */
function beforeValueSql(db: Database, migration: PanelMigration, change: StoredChange) {
  if (change.before_type === undefined) return textParam(db, change.before);
  const exact = exactValueSql(change.before, {
    before_type: change.before_type,
    ...(change.before_hex === undefined ? {} : { before_hex: change.before_hex }),
  });
  if (exact === null) {
    throw new EngineError(
      'ROLLBACK_REFUSED',
      message('err.rollback.beforeImageInexact', {
        version: migration.version,
        name: migration.name,
        table: change.table,
        rowid: change.rowid,
        column: change.column,
      }),
    );
  }
  return exact;
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
  // Every table the up's proof covered (its touches, and all tables when triggers were in play).
  const covered = [...new Set([...migration.touches, ...Object.keys(up.hash_after)])];
  const changed = covered.filter(
    (table) => !contentMatches(db, table, hashBefore[table], up.hash_after[table]),
  );
  if (changed.length > 0) {
    throw new EngineError(
      'ROLLBACK_REFUSED',
      message('refuse.tablesChanged', {
        version: migration.version,
        name: migration.name,
        tables: changed.join(', '),
      }),
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
export function runDown(db: Database, plan: DownPlanItem[], deps: RunDependencies): Promise<StepReport[]> {
  // Every step in a down plan is applied by definition; umzug reverts exactly these, in this order.
  return runPlan({
    direction: 'down',
    plan,
    migrationOf: (item) => item.migration,
    deps,
    apply: ({ migration, up }, known) => revertStep(db, migration, up, deps, known),
  });
}

export async function revertStep(
  db: Database,
  migration: PanelMigration,
  up: HistoryEntry,
  deps: RunDependencies,
  known: Map<string, string>,
  kind: StepKind = 'migration',
  /** Refuse (and roll back) an own down that does not restore the touched tables; check-roundtrip keeps the result to name the rows. */
  requireRestored = true,
): Promise<StepReport> {
  const started = deps.now();
  // The proof covers every table the up's proof covered, and every table when a trigger fires now.
  const triggers = triggersOn(db, migration.touches);
  const watched = [
    ...new Set([...watchedTables(db, migration.touches, triggers), ...Object.keys(up.hash_before)]),
  ];
  const uncached = triggers.length > 0 || watched.length > migration.touches.length;
  const hashBefore = contentHashes(db, watched, uncached ? undefined : known);
  const countsBefore = triggers.length > 0 ? rowCounts(db, watched) : {};
  const step = { db, migration, direction: 'down', kind, deps, started } as const;
  const report = await inStepTransaction(step, (moveMarkers) => {
    let changes: ChangePreview[];
    if (migration.down !== undefined) {
      changes = runOwnDown(db, migration, up, hashBefore, deps);
    } else {
      const current = currentValues(db, up.changes);
      const conflicts = conflictsOf(up.changes, current);
      if (conflicts.length > 0) {
        throw new EngineError(
          'ROLLBACK_REFUSED',
          message('refuse.rowsChanged', {
            version: migration.version,
            name: migration.name,
            count: conflicts.length,
            rows: conflicts.slice(0, 5).join('; '),
          }),
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
        const before = beforeValueSql(db, migration, change);
        db.run(
          `UPDATE ${quoteIdentifier(change.table)} SET ${quoteIdentifier(change.column)} = ${before.placeholder} WHERE rowid = ?`,
          [before.value, change.rowid],
        );
      }
      changes = up.changes.map((change, index) => {
        // Passwords never leave the engine in a report (a reverted password fix restores one).
        const hidden = change.table === 'users' && change.column === 'password';
        return {
          table: change.table,
          rowid: change.rowid,
          column: change.column,
          label: change.kind === 'insert' ? null : rowLabel(db, change.table, change.rowid),
          before: hidden ? null : (currentTexts[index] ?? null),
          after: hidden ? null : change.before,
          json_changes:
            change.kind === 'insert' || hidden
              ? null
              : jsonChanges(currentTexts[index] ?? null, change.before),
        };
      });
    }
    moveMarkers();
    const hashAfter = contentHashes(db, watched);
    // A table the up recorded must be back to its hash from before the up; one it did not record
    // (a trigger that only fires now) must be as the down found it.
    const differing = watched.filter((table) =>
      up.hash_before[table] === undefined
        ? hashAfter[table] !== hashBefore[table]
        : !contentMatches(db, table, hashAfter[table], up.hash_before[table]),
    );
    const restored = differing.length === 0;
    if (!restored && migration.down !== undefined && requireRestored) {
      const tables = differing;
      throw new EngineError(
        'ROLLBACK_REFUSED',
        message('refuse.downNotExact', {
          version: migration.version,
          name: migration.name,
          tables: tables.join(', '),
        }),
        undefined,
        { action: 'open-tab', tab: 'pending' },
      );
    }
    const finished = deps.now();
    const note = restored
      ? message('note.downExact')
      : message('note.downNotExact', { tables: differing.join(', '), count: differing.length });
    const report: StepReport = {
      version: migration.version,
      name: migration.name,
      direction: 'down',
      status: 'reverted',
      duration_ms: finished.getTime() - started.getTime(),
      rows_changed: migration.down !== undefined ? changes.length : up.changes.length,
      changes,
      skipped: [],
      notes: [note.text],
      note_msgs: [ref(note)],
      hash_before: hashBefore,
      hash_after: hashAfter,
      content_hash_restored: restored,
      ...(triggers.length === 0
        ? {}
        : {
            triggers,
            trigger_effects: effectsOutside(db, migration.touches, hashBefore, hashAfter, countsBefore),
          }),
    };
    const log = {
      checksum: up.checksum,
      changes: [],
      skipped: [],
      notes: [...report.notes, ...triggerNotes(triggers, report.trigger_effects)],
    };
    return { report, finished, log };
  });
  rememberHashes(known, report.hash_after);
  return report;
}
