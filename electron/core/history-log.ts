// PanelDB's own log inside the database: one row per step run, written in the same transaction as
// the step, with the before-images a down needs. The panel ignores unknown tables (GORM leaves them
// alone), so the log travels with the file.
import type { Database } from 'sql.js';
import type { RecordedChange, SkippedRow } from './step-types';
import { queryRows, textParam } from './sql';
import type { Direction, StoredChange, HistoryEntry } from '../shared/reports';
export type { Direction, StoredChange, HistoryEntry };

export const HISTORY_TABLE = 'paneldb_history';

const HISTORY_DDL = `CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  direction TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  checksum TEXT NOT NULL,
  rows_changed INTEGER NOT NULL,
  changes TEXT NOT NULL,
  skipped TEXT NOT NULL,
  notes TEXT NOT NULL,
  hash_before TEXT NOT NULL,
  hash_after TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  outcome TEXT NOT NULL
)`;

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'changes'> & { changes: RecordedChange[] };

export function appendHistory(db: Database, entry: NewHistoryEntry, sha256: (text: string) => string): void {
  db.run(HISTORY_DDL);
  const stored: StoredChange[] = entry.changes.map((change) => ({
    ...(change.kind === undefined ? {} : { kind: change.kind }),
    table: change.table,
    rowid: change.rowid,
    column: change.column,
    before: change.before,
    after_sha256: change.after === null ? null : sha256(change.after),
  }));
  // The before-images make this row as large as the rows the step changed: bound as UTF-8 bytes.
  const changes = textParam(db, JSON.stringify(stored));
  db.run(
    `INSERT INTO ${HISTORY_TABLE} (version, name, direction, started_at, finished_at, duration_ms, checksum, rows_changed, changes, skipped, notes, hash_before, hash_after, tool_version, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${changes.placeholder}, ?, ?, ?, ?, ?, ?)`,
    [
      entry.version,
      entry.name,
      entry.direction,
      entry.started_at,
      entry.finished_at,
      entry.duration_ms,
      entry.checksum,
      entry.rows_changed,
      changes.value,
      JSON.stringify(entry.skipped),
      JSON.stringify(entry.notes),
      JSON.stringify(entry.hash_before),
      JSON.stringify(entry.hash_after),
      entry.tool_version,
      entry.outcome,
    ],
  );
}

export function readHistory(db: Database): HistoryEntry[] {
  const exists = queryRows(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [
    HISTORY_TABLE,
  ]);
  if (exists.length === 0) return [];
  return queryRows(db, `SELECT * FROM ${HISTORY_TABLE} ORDER BY id`).map((row) => ({
    id: Number(row.id),
    version: Number(row.version),
    name: String(row.name),
    direction: String(row.direction) as Direction,
    started_at: String(row.started_at),
    finished_at: String(row.finished_at),
    duration_ms: Number(row.duration_ms),
    checksum: String(row.checksum),
    rows_changed: Number(row.rows_changed),
    changes: JSON.parse(String(row.changes)) as StoredChange[],
    skipped: JSON.parse(String(row.skipped)) as SkippedRow[],
    notes: JSON.parse(String(row.notes)) as string[],
    hash_before: JSON.parse(String(row.hash_before)) as Record<string, string>,
    hash_after: JSON.parse(String(row.hash_after)) as Record<string, string>,
    tool_version: String(row.tool_version),
    outcome: String(row.outcome),
  }));
}

/** The up run a down would undo: the latest 'up' of that version with no later 'down' of it. */
export function lastUpOf(history: HistoryEntry[], version: number): HistoryEntry | undefined {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const entry = history[index];
    if (entry === undefined || entry.version !== version) continue;
    if (entry.direction === 'down') return undefined;
    if (entry.direction === 'up') return entry;
  }
  return undefined;
}
