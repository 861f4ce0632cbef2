// `check-roundtrip`: on the in-memory copy (the file is never written), every pending step runs
// up → down → up. The down must bring the touched tables back to the exact content hash they had
// before the step, and the second up must give the same content as the first.
import type { Database } from 'sql.js';
import type { PanelMigration } from './step-types';
import { EngineError } from './engine-error';
import { assertNoDrift, changedRows, snapshotTables } from './external-migrations';
import { lastUpOf, readHistory } from './history-log';
import { appliedVersions, planUp } from './migrate';
import { applyStep } from './migrator';
import type { RunDependencies } from './step-transaction';
import { revertStep } from './migrator-down';
import { assertIntact, assertMigratable, type OpenedPanel } from './open-panel';
import type { OperationContext } from './operation-context';
import { queryRows } from './sql';
import type { RoundTripReport, RoundTripStep } from '../shared/reports';
import { message, ref } from '../shared/i18n';

function readSequences(db: Database): Array<{ name: string; seq: number }> | null {
  const exists = queryRows(
    db,
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'",
  );
  if (exists.length === 0) return null;
  return queryRows(db, 'SELECT name, seq FROM sqlite_sequence').map((row) => ({
    name: String(row.name),
    seq: Number(row.seq),
  }));
}

function restoreSequences(db: Database, saved: Array<{ name: string; seq: number }> | null): void {
  if (readSequences(db) === null) return;
  db.run('DELETE FROM sqlite_sequence');
  for (const { name, seq } of saved ?? [])
    db.run('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', [name, seq]);
}

const sameHashes = (a: Record<string, string>, b: Record<string, string>, tables: readonly string[]) =>
  tables.every((table) => a[table] === b[table]);

async function roundTripStep(
  db: Database,
  migration: PanelMigration,
  deps: RunDependencies,
): Promise<RoundTripStep> {
  const result: RoundTripStep = {
    version: migration.version,
    name: migration.name,
    source: migration.source ?? 'built-in',
    down_restores: false,
    changed_rows: [],
    second_up_same: false,
  };
  const before = snapshotTables(db, migration.touches);
  const sequences = readSequences(db);
  const first = await applyStep(db, migration, deps, new Map());
  if (migration.irreversible) return { ...result, irreversible: true };
  const up = lastUpOf(readHistory(db), migration.version);
  if (up === undefined) throw new Error(`no history row for step ${migration.version}`);
  const down = await revertStep(db, migration, up, deps, new Map(), 'migration', false);
  result.down_restores = down.content_hash_restored === true;
  result.changed_rows = changedRows(before, snapshotTables(db, migration.touches));
  restoreSequences(db, sequences);
  const second = await applyStep(db, migration, deps, new Map());
  result.second_up_same = sameHashes(first.hash_after, second.hash_after, migration.touches);
  return result;
}

export async function roundTripOpened(
  opened: OpenedPanel,
  context: OperationContext,
): Promise<RoundTripReport> {
  const { image, db, detection } = opened;
  assertMigratable(detection, image.path);
  assertIntact(db, image.path, opened.integrity());
  assertNoDrift(context.migrations, detection, readHistory(db));
  const plan = planUp(context.migrations, detection, undefined);
  const deps: RunDependencies = { now: context.now, applied: appliedVersions(detection) };
  const sequence = message('roundtrip.sequence');
  const report: RoundTripReport = {
    database: image.path,
    passed: true,
    steps: [],
    notes: [sequence.text],
    note_msgs: [ref(sequence)],
  };
  for (const migration of plan) {
    try {
      report.steps.push(await roundTripStep(db, migration, deps));
    } catch (thrown) {
      const reason =
        thrown instanceof EngineError || thrown instanceof Error ? thrown.message : String(thrown);
      report.steps.push({
        version: migration.version,
        name: migration.name,
        source: migration.source ?? 'built-in',
        down_restores: false,
        changed_rows: [],
        second_up_same: false,
        error: reason,
      });
      const stopped = message('roundtrip.stopped', { version: migration.version });
      report.notes.push(stopped.text);
      report.note_msgs?.push(ref(stopped));
      break;
    }
  }
  report.passed = report.steps.every(
    (step) =>
      step.error === undefined && (step.irreversible === true || (step.down_restores && step.second_up_same)),
  );
  return report;
}
