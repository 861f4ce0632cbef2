// What a panel migration is, and what the migrator lends it while it runs. A step changes rows only
// through `updateText`, which writes a value only when it differs and records the before-image the
// migrator stores in the same transaction — the raw material of an exact down.
import type { Database } from 'sql.js';
import type { MigrationDescriptor } from '../panel/catalog';
import type { SkippedRow, XhttpFlowMode } from '../shared/reports';
import { ref, type message, type Message } from '../shared/i18n';

/** A text from the catalog with its English rendering (`message(key, params)` in shared/i18n). */
export type KeyedText = ReturnType<typeof message>;
export type { SkippedRow, XhttpFlowMode };

/**
 * Choices an operator makes for a run, lent to every step. `xhttpFlow`: how migration 3 treats VLESS
 * + XHTTP + TLS/REALITY inbounds (docs/panel-database.md §2.5a): `safe` sets Vision only where VLESS
 * Encryption is on; `panel` reproduces the panel's Go seeder exactly.
 */
export interface StepOptions {
  xhttpFlow: XhttpFlowMode;
}

export const DEFAULT_STEP_OPTIONS: StepOptions = { xhttpFlow: 'safe' };

export interface RecordedChange {
  /**
   * `insert`: a row the step added (column is '*', `after` its canonical JSON); `delete`: a row an
   * external SQL step removed (column '*', `before` its canonical JSON); absent means an update.
   */
  kind?: 'insert' | 'delete';
  table: string;
  rowid: number;
  column: string;
  /** The exact text before the step; null when the step keeps no before-image (irreversible). */
  before: string | null;
  after: string | null;
  /** Storage class and stored bytes, when `before` as TEXT would not restore the cell byte for byte. */
  before_type?: 'text' | 'blob' | 'integer' | 'real' | 'null';
  before_hex?: string;
}

export interface StepContext {
  readonly db: Database;
  /** The run's options (which migration-3 mode, …). */
  readonly options: StepOptions;
  /** Writes `next` into table.column of rowid only if it differs from the current value. Returns whether it wrote. */
  updateText(table: string, rowid: number, column: string, next: string): boolean;
  /**
   * Inserts a row and records it, so a down deletes exactly that row (and only while it still holds
   * what was inserted). Returns the new rowid.
   */
  insertRow(table: string, values: Record<string, string | number | null>): number;
  /** A row the step looked at and deliberately left alone, with the reason (shown in preview and report). */
  skip(table: string, rowid: number, reason: string | KeyedText): void;
  /** A line for the run report. */
  note(message: string | KeyedText): void;
  /**
   * Records a change the step made by other means (an external SQL file run with `db.exec`), found
   * by diffing the touched tables: it goes to the report and the history like any other change.
   */
  record(change: RecordedChange): void;
  /** For slow steps (bcrypt): how far along the step is. */
  progress(done: number, total: number): void;
}

export interface PanelMigration extends MigrationDescriptor {
  /** Tables whose content the step may change: hashed before and after for the content proof. */
  touches: readonly string[];
  up(context: StepContext): void | Promise<void>;
  /**
   * For steps whose behaviour depends on the run's options: a short label of the variant that runs
   * (e.g. `xhttp-flow=safe`). It is part of the step's checksum and noted in its history row.
   */
  variant?(options: StepOptions): string;
  /**
   * A down of its own (an external `.down.sql`): run instead of replaying before-images. The
   * rollback checks that it returns the touched tables to their exact pre-step content.
   */
  down?(context: StepContext): void;
  /** The step's checksum when it has a source of its own (external steps: sha256 of the up file). */
  checksum?: string;
  /** Where the step comes from: PanelDB's built-in steps, or a `--migrations-dir` folder. */
  source?: 'built-in' | 'external';
  /** External steps: the up file's name (named in errors and drift warnings). */
  upFile?: string;
}

/**
 * Thrown by a step to fail cleanly: the message names the row or user and the reason. It is a
 * catalog message (a plain string does not compile), carried into MIGRATION_FAILED as a part so the
 * reader gets the whole refusal in their language.
 */
export class StepFailure extends Error {
  readonly msg: Message;
  constructor(text: KeyedText) {
    super(text.text);
    this.name = 'StepFailure';
    this.msg = ref(text);
  }
}
