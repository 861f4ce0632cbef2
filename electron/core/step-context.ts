// The StepContext a migration runs with: value-level writes that record their before-images, and
// the skipped rows and notes that make up the step's part of the run report.
import type { Database } from 'sql.js';
import type { RecordedChange, SkippedRow, StepContext } from '../../migrations/types';
import { queryRows, quoteIdentifier, textParam } from './sql';

export interface StepRecording {
  changes: RecordedChange[];
  skipped: SkippedRow[];
  notes: string[];
}

export interface StepContextOptions {
  /** Irreversible steps keep no before-image (a plaintext password must not be stored again). */
  keepBeforeImages: boolean;
  onProgress?: (done: number, total: number) => void;
}

export function createStepContext(
  db: Database,
  options: StepContextOptions,
): { context: StepContext; recording: StepRecording } {
  const recording: StepRecording = { changes: [], skipped: [], notes: [] };
  const context: StepContext = {
    db,
    updateText(table, rowid, column, next) {
      const target = `${quoteIdentifier(table)}`;
      const rows = queryRows(
        db,
        `SELECT ${quoteIdentifier(column)} AS value FROM ${target} WHERE rowid = ?`,
        [rowid],
      );
      if (rows.length !== 1) throw new Error(`${table} row ${rowid} does not exist`);
      const current = rows[0]?.value ?? null;
      if (current === next) return false;
      const param = textParam(db, next);
      db.run(`UPDATE ${target} SET ${quoteIdentifier(column)} = ${param.placeholder} WHERE rowid = ?`, [
        param.value,
        rowid,
      ]);
      recording.changes.push({
        table,
        rowid,
        column,
        before: options.keepBeforeImages ? (current === null ? null : String(current)) : null,
        after: next,
      });
      return true;
    },
    skip(table, rowid, reason) {
      recording.skipped.push({ table, rowid, reason });
    },
    note(message) {
      recording.notes.push(message);
    },
    progress(done, total) {
      options.onProgress?.(done, total);
    },
  };
  return { context, recording };
}
