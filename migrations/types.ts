// What a panel migration is, and what the migrator lends it while it runs. A step changes rows only
// through `updateText`, which writes a value only when it differs and records the before-image the
// migrator stores in the same transaction — the raw material of an exact down.
import type { Database } from 'sql.js';
import type { MigrationDescriptor } from './catalog';
import type { SkippedRow } from '../electron/shared/reports';
export type { SkippedRow };

export interface RecordedChange {
  table: string;
  rowid: number;
  column: string;
  /** The exact text before the step; null when the step keeps no before-image (irreversible). */
  before: string | null;
  after: string | null;
}

export interface StepContext {
  readonly db: Database;
  /** Writes `next` into table.column of rowid only if it differs from the current value. Returns whether it wrote. */
  updateText(table: string, rowid: number, column: string, next: string): boolean;
  /** A row the step looked at and deliberately left alone, with the reason (shown in preview and report). */
  skip(table: string, rowid: number, reason: string): void;
  /** A line for the run report. */
  note(message: string): void;
  /** For slow steps (bcrypt): how far along the step is. */
  progress(done: number, total: number): void;
}

export interface PanelMigration extends MigrationDescriptor {
  /** Tables whose content the step may change: hashed before and after for the content proof. */
  touches: readonly string[];
  up(context: StepContext): void | Promise<void>;
}

/** Thrown by a step to fail cleanly: the message names the row or user and the reason. */
export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}
