// The StepContext a migration runs with: value-level writes that record their before-images, and
// the skipped rows and notes that make up the step's part of the run report.
import type { Database } from 'sql.js';
import {
  DEFAULT_STEP_OPTIONS,
  type RecordedChange,
  type SkippedRow,
  type StepContext,
  type StepOptions,
} from './step-types';
import { queryRows, quoteIdentifier, textParam } from './sql';
import { readStoredCell } from './stored-value';
import { ref } from '../shared/i18n';
import type { MessageRef } from '../shared/reports';

/** A whole row as canonical text (its columns in table order): what an insert is recorded as. */
export function rowImage(db: Database, table: string, rowid: number): string | null {
  const row = queryRows(db, `SELECT * FROM ${quoteIdentifier(table)} WHERE rowid = ?`, [rowid])[0];
  return row === undefined ? null : JSON.stringify(row);
}

export interface StepRecording {
  changes: RecordedChange[];
  skipped: SkippedRow[];
  notes: string[];
  /** The notes' catalog keys, index for index (null for a plain-text note). */
  note_msgs: Array<MessageRef | null>;
}

export interface StepContextOptions {
  /** Irreversible steps keep no before-image (a plaintext password must not be stored again). */
  keepBeforeImages: boolean;
  onProgress?: (done: number, total: number) => void;
  /** The run's options; the defaults (migration 3 in `safe` mode) when not given. */
  stepOptions?: StepOptions;
}

export function createStepContext(
  db: Database,
  options: StepContextOptions,
): { context: StepContext; recording: StepRecording } {
  const recording: StepRecording = { changes: [], skipped: [], notes: [], note_msgs: [] };
  const context: StepContext = {
    db,
    options: options.stepOptions ?? DEFAULT_STEP_OPTIONS,
    updateText(table, rowid, column, next) {
      const target = `${quoteIdentifier(table)}`;
      // Read with its storage class and bytes: a down must put back what was stored, not its decoding.
      const cell = readStoredCell(db, table, column, rowid);
      if (cell === undefined) throw new Error(`${table} row ${rowid} does not exist`);
      if (cell.value === next) return false;
      const param = textParam(db, next);
      db.run(`UPDATE ${target} SET ${quoteIdentifier(column)} = ${param.placeholder} WHERE rowid = ?`, [
        param.value,
        rowid,
      ]);
      recording.changes.push({
        table,
        rowid,
        column,
        before: options.keepBeforeImages ? cell.text : null,
        after: next,
        ...(options.keepBeforeImages && cell.exact !== null ? cell.exact : {}),
      });
      return true;
    },
    insertRow(table, values) {
      const columns = Object.keys(values);
      db.run(
        `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        columns.map((column) => values[column] ?? null),
      );
      const rowid = Number(queryRows(db, 'SELECT last_insert_rowid() AS id')[0]?.id);
      recording.changes.push({
        kind: 'insert',
        table,
        rowid,
        column: '*',
        before: null,
        after: rowImage(db, table, rowid),
      });
      return rowid;
    },
    record(change) {
      if (options.keepBeforeImages) recording.changes.push(change);
      else {
        const { before_type: _type, before_hex: _hex, ...kept } = change;
        recording.changes.push({ ...kept, before: null });
      }
    },
    skip(table, rowid, reason) {
      recording.skipped.push(
        typeof reason === 'string'
          ? { table, rowid, reason }
          : { table, rowid, reason: reason.text, msg: ref(reason) },
      );
    },
    note(message) {
      recording.notes.push(typeof message === 'string' ? message : message.text);
      recording.note_msgs.push(typeof message === 'string' ? null : ref(message));
    },
    progress(done, total) {
      options.onProgress?.(done, total);
    },
  };
  return { context, recording };
}
