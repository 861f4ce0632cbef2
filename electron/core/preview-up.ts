// The dry run of `migrate` (issue 14B, point 11): each step previewed on its own, so one bad
// external migration file shows its error on its own step instead of blocking the preview of all.
// A step that fails is rolled back (applyStep does), marked failed with the reason, and the steps
// after it are previewed on the file without it. The real run keeps all-or-nothing (runUp).
import type { Database } from 'sql.js';
import type { PanelMigration } from './step-types';
import { EngineError } from './engine-error';
import { applyStep } from './migrator';
import { eachStep, type RunDependencies } from './step-transaction';
import type { StepReport } from '../shared/reports';

export function previewUp(
  db: Database,
  plan: PanelMigration[],
  deps: RunDependencies,
): Promise<StepReport[]> {
  return eachStep({ direction: 'up', plan, migrationOf: (migration) => migration, deps, apply: previewStep });

  async function previewStep(migration: PanelMigration, known: Map<string, string>): Promise<StepReport> {
    try {
      return await applyStep(db, migration, deps, known);
    } catch (thrown) {
      // Refusals that concern the whole run (not this step's SQL or data) still stop the preview.
      if (thrown instanceof EngineError && thrown.code !== 'INTERNAL' && thrown.code !== 'MIGRATION_FAILED')
        throw thrown;
      return {
        version: migration.version,
        name: migration.name,
        direction: 'up',
        status: 'failed',
        duration_ms: 0,
        rows_changed: 0,
        changes: [],
        skipped: [],
        notes: [],
        hash_before: {},
        hash_after: {},
        error: thrown instanceof Error ? thrown.message : String(thrown),
      };
    }
  }
}
