// PanelDB's own log inside the database: one row per step run, written in the same transaction as
// the step, with the before-images a down needs. The panel ignores unknown tables (GORM leaves them
// alone), so the log travels with the file.
import type { Database, SqlValue } from 'sql.js';
import type { RecordedChange, SkippedRow } from './step-types';
import { queryRows, columnNames } from './sql';
import { EngineError } from './engine-error';
import type { Direction, StoredChange, HistoryEntry } from '../shared/reports';
import { sha256Hex } from './fingerprint';
import { message, ref, renderMessage, type KeyedText } from '../shared/i18n';
import { isRecord, type Detail } from '../shared/result';
import { afterDigest, decodeChanges, encodeChanges } from './history-changes';

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

/** The columns HISTORY_DDL creates; a table of that name with any other set is not PanelDB's log. */
const HISTORY_COLUMNS = [
  'id',
  'version',
  'name',
  'direction',
  'started_at',
  'finished_at',
  'duration_ms',
  'checksum',
  'rows_changed',
  'changes',
  'skipped',
  'notes',
  'hash_before',
  'hash_after',
  'tool_version',
  'outcome',
];

const invalid = (what: KeyedText, detail?: Detail) =>
  new EngineError('HISTORY_INVALID', message('err.history.invalid', {}, { what: [ref(what)] }), detail);

/** Whether the log exists; throws HISTORY_INVALID when the name is taken by something else. */
function historyTableExists(db: Database): boolean {
  const objects = queryRows(db, 'SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE', [
    HISTORY_TABLE,
  ]);
  if (objects.length === 0) return false;
  if (objects.some((object) => object.type !== 'table'))
    throw invalid(message('err.history.notATable', { table: HISTORY_TABLE, type: String(objects[0]?.type) }));
  const columns = columnNames(db, HISTORY_TABLE);
  const unexpected = columns.filter((column) => !HISTORY_COLUMNS.includes(column));
  const missing = HISTORY_COLUMNS.filter((column) => !columns.includes(column));
  if (unexpected.length > 0 || missing.length > 0) {
    throw invalid(
      message('err.history.unknownLayout', { table: HISTORY_TABLE }),
      message(
        'err.history.detail.columns',
        {},
        {
          columns: [
            ...(missing.length > 0
              ? [ref(message('err.history.detail.missing', { columns: missing.join(', ') }))]
              : []),
            ...(unexpected.length > 0
              ? [ref(message('err.history.detail.unexpected', { columns: unexpected.join(', ') }))]
              : []),
          ],
        },
      ),
    );
  }
  return true;
}

export function appendHistory(db: Database, entry: NewHistoryEntry): void {
  if (!historyTableExists(db)) db.run(HISTORY_DDL);
  // Before-images of changed values, and of the after-values only a hash: enough for a down to
  // check the row still holds what the step wrote, without growing the file by the new values.
  const stored: StoredChange[] = entry.changes.map((change) => ({
    ...(change.kind === undefined ? {} : { kind: change.kind }),
    table: change.table,
    rowid: change.rowid,
    column: change.column,
    before: change.before,
    after_sha256: change.after === null ? null : afterDigest(change.after),
    ...(change.before_type === undefined ? {} : { before_type: change.before_type }),
    ...(change.before_hex === undefined ? {} : { before_hex: change.before_hex }),
  }));
  db.run(
    `INSERT INTO ${HISTORY_TABLE} (version, name, direction, started_at, finished_at, duration_ms, checksum, rows_changed, changes, skipped, notes, hash_before, hash_after, tool_version, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      entry.version,
      entry.name,
      entry.direction,
      entry.started_at,
      entry.finished_at,
      entry.duration_ms,
      entry.checksum,
      entry.rows_changed,
      encodeChanges(stored),
      JSON.stringify(entry.skipped.map(storedSkip)),
      JSON.stringify(entry.notes),
      JSON.stringify(entry.hash_before),
      JSON.stringify(entry.hash_after),
      entry.tool_version,
      entry.outcome,
    ],
  );
}

export function readHistory(db: Database): HistoryEntry[] {
  if (!historyTableExists(db)) return [];
  return queryRows(db, `SELECT * FROM ${HISTORY_TABLE} ORDER BY id`).map((row) => {
    const id = Number(row.id);
    const decoded = <T>(parse: () => T, column: string): T => {
      try {
        return parse();
      } catch (thrown) {
        // A RangeError (JSON nested too deep) is as much "not ours" as a syntax error.
        throw invalid(
          message('err.history.badJson', { table: HISTORY_TABLE, id, column }),
          thrown instanceof Error ? thrown.message : String(thrown),
        );
      }
    };
    const json = (column: string): unknown => decoded(() => JSON.parse(String(row[column])), column);
    const changes = decodedChanges(id, row.changes);
    return {
      id,
      version: Number(row.version),
      name: String(row.name),
      direction: String(row.direction) as Direction,
      started_at: String(row.started_at),
      finished_at: String(row.finished_at),
      duration_ms: Number(row.duration_ms),
      checksum: String(row.checksum),
      rows_changed: Number(row.rows_changed),
      changes: changes.map(withAfterHash),
      skipped: arrayOr(json('skipped')).map(readSkip),
      notes: arrayOr(json('notes')) as string[],
      hash_before: recordOr(json('hash_before')),
      hash_after: recordOr(json('hash_after')),
      tool_version: String(row.tool_version),
      outcome: String(row.outcome),
    };
  });
}

/**
 * A row's before-images, in any format PanelDB wrote (a compressed BLOB now, TEXT before); a
 * payload that does not inflate, parse or check out is HISTORY_INVALID naming the row, with the
 * parser's own words as the detail.
 */
function decodedChanges(id: number, stored: SqlValue | undefined): ParsedChange[] {
  const refused = (detail?: string) =>
    invalid(message('err.history.badChanges', { table: HISTORY_TABLE, id }), detail);
  let changes: unknown[] | undefined;
  try {
    changes = decodeChanges(stored instanceof Uint8Array ? stored : String(stored));
  } catch (thrown) {
    throw refused(thrown instanceof Error ? thrown.message : String(thrown));
  }
  if (changes === undefined || !changes.every(isStoredChange)) throw refused();
  return changes;
}

type ParsedChange = Omit<StoredChange, 'after_sha256'> & {
  after_sha256?: string | null;
  after?: string | null;
};

function isStoredChange(value: unknown): value is ParsedChange {
  if (typeof value !== 'object' || value === null) return false;
  const change = value as Record<string, unknown>;
  const textOrNull = (field: unknown) => field === null || field === undefined || typeof field === 'string';
  return (
    typeof change.table === 'string' &&
    typeof change.rowid === 'number' &&
    typeof change.column === 'string' &&
    textOrNull(change.before) &&
    textOrNull(change.after_sha256) &&
    textOrNull(change.after) &&
    textOrNull(change.before_hex)
  );
}

/** Older logs kept the whole after-image: read them as its hash, as a log written now holds. */
function withAfterHash(change: ParsedChange): StoredChange {
  const { after, ...rest } = change;
  if (rest.after_sha256 !== undefined)
    return { ...rest, before: rest.before ?? null, after_sha256: rest.after_sha256 };
  return {
    ...rest,
    before: rest.before ?? null,
    after_sha256: after === null || after === undefined ? null : sha256Hex(after),
  };
}

const arrayOr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * A skipped row as stored: a reason the catalog renders from its key is kept as the key alone (a
 * safe-mode step 3 skips every XHTTP inbound with the same 280-character sentence); any other reason
 * is kept as its text.
 */
function storedSkip(row: SkippedRow): Omit<SkippedRow, 'reason'> & { reason?: string } {
  if (row.msg === undefined || renderMessage('en', row.msg, '') !== row.reason) return row;
  const { reason: _rendered, ...keyed } = row;
  return keyed;
}

function readSkip(value: unknown): SkippedRow {
  if (!isRecord(value) || typeof value.reason === 'string') return value as unknown as SkippedRow;
  const row = value as Omit<SkippedRow, 'reason'>;
  return { ...row, reason: renderMessage('en', row.msg, '') };
}
const recordOr = (value: unknown): Record<string, string> =>
  isRecord(value) ? (value as Record<string, string>) : {};

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
