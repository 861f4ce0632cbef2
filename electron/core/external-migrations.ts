// Migrations from a golang-migrate folder (`--migrations-dir`), run after the built-in steps 1–5
// through the same migrator: one transaction per version, a verified backup first, a history row
// with the up file's checksum. The up file runs with `db.exec` inside the migrator's transaction;
// the rows it changed are found by diffing the tables it writes (before/after, in memory), which
// gives the preview its row-level diff. The way back is the version's own `.down.sql`, accepted
// only if it returns those tables to their exact pre-step content; a version without a down file
// is irreversible (rollback refuses and names the backup).
import type { Database } from 'sql.js';
import { StepFailure, type PanelMigration, type RecordedChange, type StepContext } from './step-types';
import { readMigrationsDir, type LintFileSystem, type MigrationFolder } from '../sqlfiles/migration-files';
import { identName, isIdent, isPunct, isWord } from '../sqlfiles/sql-shape';
import { parseSql, type Token } from '../sqlfiles/sql-tokens';
import { EngineError } from './engine-error';
import { lastUpOf, HISTORY_TABLE } from './history-log';
import type { HistoryEntry } from '../shared/reports';
import type { Detection } from './detect';
import { quoteIdentifier, tableExists } from './sql';
import { sha256Hex } from './fingerprint';
import { message, ref } from '../shared/i18n';

export interface ExternalMigration extends PanelMigration {
  source: 'external';
  upFile: string;
  downFile: string | null;
  checksum: string;
}

export const isExternal = (migration: PanelMigration): migration is ExternalMigration =>
  migration.source === 'external';

/** Bookkeeping the migrator writes itself: never part of a step's content proof. */
const NOT_TOUCHED = new Set(['schema_migrations', HISTORY_TABLE, 'sqlite_master', 'sqlite_sequence']);

/** Words that follow UPDATE / ON / INTO in upserts and constraints, never a table here. */
const KEYWORDS = new Set(['set', 'conflict', 'delete', 'update', 'select', 'values', 'default']);

/** The identifier at `index`, skipping a `schema.` prefix; returns the name and the next index. */
function nameAt(tokens: readonly Token[], index: number): string | null {
  const first = tokens[index];
  if (!isIdent(first)) return null;
  const second = tokens[index + 2];
  if (isPunct(tokens[index + 1], '.') && isIdent(second)) return identName(second);
  return identName(first);
}

/** Index after `IF [NOT] EXISTS` at `index`, or `index`. */
function skipIfExists(tokens: readonly Token[], index: number): number {
  let at = index;
  if (isWord(tokens[at], 'IF')) at += 1;
  if (isWord(tokens[at], 'NOT')) at += 1;
  if (isWord(tokens[at], 'EXISTS')) at += 1;
  return at;
}

/**
 * The tables a SQL text writes: UPDATE t, INSERT/REPLACE INTO t, DELETE FROM t, ALTER TABLE t
 * (RENAME TO u), CREATE/DROP TABLE t, CREATE INDEX … ON t — trigger bodies included.
 */
export function writtenTables(sql: string): string[] {
  const found = new Set<string>();
  const add = (name: string | null) => {
    if (name !== null && !NOT_TOUCHED.has(name) && !KEYWORDS.has(name)) found.add(name);
  };
  for (const statement of parseSql(sql).statements) {
    const tokens = statement.tokens;
    tokens.forEach((token, index) => {
      if (token.kind !== 'word') return;
      const next = tokens[index + 1];
      if (token.value === 'UPDATE') {
        add(nameAt(tokens, isWord(next, 'OR') ? index + 3 : index + 1));
      } else if (token.value === 'INTO') {
        add(nameAt(tokens, index + 1));
      } else if (token.value === 'DELETE' && isWord(next, 'FROM')) {
        add(nameAt(tokens, index + 2));
      } else if (token.value === 'TABLE' && index > 0) {
        const before = tokens[index - 1];
        if (isWord(before, 'ALTER', 'DROP', 'CREATE', 'TEMP', 'TEMPORARY', 'VIRTUAL'))
          add(nameAt(tokens, skipIfExists(tokens, index + 1)));
      } else if (token.value === 'RENAME' && isWord(next, 'TO')) {
        add(nameAt(tokens, index + 2));
      } else if (token.value === 'ON' && isWord(tokens[0], 'CREATE')) {
        // CREATE [UNIQUE] INDEX … ON t / CREATE TRIGGER … ON t
        if (tokens.slice(0, index).some((t) => isWord(t, 'INDEX', 'TRIGGER'))) add(nameAt(tokens, index + 1));
      }
    });
  }
  return [...found].sort();
}

type Cell = null | number | string | Uint8Array;
interface TableRows {
  columns: string[];
  rows: Map<number, Cell[]>;
}

const cellKey = (value: Cell | undefined): string =>
  value === undefined || value === null
    ? 'n'
    : typeof value === 'number'
      ? `d${value}`
      : typeof value === 'string'
        ? `s${value}`
        : `b${Buffer.from(value).toString('hex')}`;

const cellText = (value: Cell | undefined): string | null =>
  value === undefined || value === null
    ? null
    : value instanceof Uint8Array
      ? Buffer.from(value).toString('hex')
      : String(value);

/** Every row of `table` by rowid (null when the table does not exist). */
export function snapshotTable(db: Database, table: string): TableRows | null {
  if (!tableExists(db, table)) return null;
  const statement = db.prepare(`SELECT rowid, * FROM ${quoteIdentifier(table)}`);
  try {
    const columns = statement.getColumnNames().slice(1);
    const rows = new Map<number, Cell[]>();
    while (statement.step()) {
      const [rowid, ...values] = statement.get() as Cell[];
      rows.set(Number(rowid), values);
    }
    return { columns, rows };
  } finally {
    statement.free();
  }
}

export type Snapshot = Map<string, TableRows | null>;

export function snapshotTables(db: Database, tables: readonly string[]): Snapshot {
  return new Map(tables.map((table) => [table, snapshotTable(db, table)]));
}

const rowImageOf = (table: TableRows, values: Cell[]) =>
  JSON.stringify(Object.fromEntries(table.columns.map((column, index) => [column, values[index] ?? null])));

/**
 * The changes between two snapshots as recorded changes: a cell per changed value, a row image per
 * inserted or deleted row. A column added with NULLs changes no row (missing counts as NULL).
 */
export function diffSnapshots(before: Snapshot, after: Snapshot): RecordedChange[] {
  const changes: RecordedChange[] = [];
  for (const [table, old] of before) {
    const now = after.get(table) ?? null;
    const empty: TableRows = { columns: [], rows: new Map() };
    const left = old ?? empty;
    const right = now ?? empty;
    const columns = [...new Set([...left.columns, ...right.columns])];
    const valueOf = (rows: TableRows, values: Cell[], column: string) => {
      const index = rows.columns.indexOf(column);
      return index < 0 ? null : (values[index] ?? null);
    };
    for (const [rowid, values] of left.rows) {
      const other = right.rows.get(rowid);
      if (other === undefined) {
        changes.push({
          kind: 'delete',
          table,
          rowid,
          column: '*',
          before: rowImageOf(left, values),
          after: null,
        });
        continue;
      }
      for (const column of columns) {
        const a = valueOf(left, values, column);
        const b = valueOf(right, other, column);
        if (cellKey(a) !== cellKey(b))
          changes.push({ table, rowid, column, before: cellText(a), after: cellText(b) });
      }
    }
    for (const [rowid, values] of right.rows) {
      if (!left.rows.has(rowid))
        changes.push({
          kind: 'insert',
          table,
          rowid,
          column: '*',
          before: null,
          after: rowImageOf(right, values),
        });
    }
  }
  return changes;
}

/** Rows (`table#rowid`) that differ between two snapshots; `table#columns` when the column set differs. */
export function changedRows(before: Snapshot, after: Snapshot): string[] {
  const names = new Set<string>();
  for (const [table, old] of before) {
    const now = after.get(table) ?? null;
    if ((old === null) !== (now === null)) {
      names.add(`${table}#${old === null ? 'created' : 'dropped'}`);
      continue;
    }
    if (old !== null && now !== null && old.columns.join('\u0000') !== now.columns.join('\u0000'))
      names.add(`${table}#columns`);
  }
  for (const change of diffSnapshots(before, after)) names.add(`${change.table}#${change.rowid}`);
  return [...names];
}

/** Runs a SQL file inside the step's transaction and records what it changed in the touched tables. */
function runSqlFile(context: StepContext, file: string, text: string, touches: readonly string[]): void {
  const before = snapshotTables(context.db, touches);
  try {
    context.db.exec(text);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    throw new StepFailure(message('err.step.sqlFailed', { file, reason }));
  }
  const after = snapshotTables(context.db, touches);
  for (const change of diffSnapshots(before, after)) context.record(change);
  context.note(message('note.ranFile', { file }));
}

function externalMigration(
  folder: MigrationFolder,
  version: MigrationFolder['versions'][number],
): ExternalMigration {
  const textOf = (file: string | null) =>
    file === null ? null : (folder.files.find((entry) => entry.file === file)?.text ?? '');
  const upFile = version.up as string;
  const upText = textOf(upFile) ?? '';
  const downFile = version.down;
  const downText = textOf(downFile);
  const touches = [...new Set([...writtenTables(upText), ...writtenTables(downText ?? '')])].sort();
  return {
    version: version.version,
    name: version.name,
    seederMarker: null,
    irreversible: downFile === null,
    source: 'external',
    upFile,
    downFile,
    checksum: sha256Hex(upText),
    touches,
    up(context) {
      runSqlFile(context, upFile, upText, touches);
    },
    ...(downFile === null || downText === null
      ? {}
      : {
          down(context: StepContext) {
            runSqlFile(context, downFile, downText, touches);
          },
        }),
  };
}

/** Turns a read folder into steps, refusing what golang-migrate would refuse and what would clash with 1–5. */
export function externalMigrationsOf(
  folder: MigrationFolder,
  builtIn: readonly PanelMigration[],
): ExternalMigration[] {
  const duplicate = folder.duplicates[0];
  if (duplicate !== undefined) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      message('err.external.duplicate', {
        direction: duplicate.direction,
        version: duplicate.version,
        kept: duplicate.kept,
        duplicate: duplicate.duplicate,
      }),
    );
  }
  const highest = Math.max(0, ...builtIn.map((migration) => migration.version));
  const ownFile = (version: MigrationFolder['versions'][number]) => version.up ?? version.down ?? '';
  for (const version of folder.versions) {
    if (version.version <= highest) {
      throw new EngineError(
        'INVALID_ARGUMENT',
        message('err.external.builtInVersion', {
          file: ownFile(version),
          version: version.version,
          highest,
          next: highest + 1,
        }),
      );
    }
    if (version.up === null) {
      throw new EngineError(
        'INVALID_ARGUMENT',
        message('err.external.downOnly', { file: ownFile(version), version: version.version }),
      );
    }
  }
  return folder.versions.map((version) => externalMigration(folder, version));
}

/** Reads `dir` as golang-migrate's file:// source does and appends its versions to the built-in steps. */
export async function loadMigrations(
  dir: string | undefined,
  builtIn: readonly PanelMigration[],
  fs: LintFileSystem,
): Promise<readonly PanelMigration[]> {
  if (dir === undefined) return builtIn;
  const folder = await readMigrationsDir(dir, fs);
  if (!folder.ok) throw EngineError.of(folder.error);
  return [...builtIn, ...externalMigrationsOf(folder.value, builtIn)];
}

export interface Drift {
  version: number;
  file: string;
  recorded: string;
  current: string;
}

/** Applied external versions whose up file no longer hashes to the checksum stored when it ran. */
export function findDrift(
  migrations: readonly PanelMigration[],
  detection: Detection,
  history: HistoryEntry[],
): Drift[] {
  const drifts: Drift[] = [];
  for (const migration of migrations) {
    if (!isExternal(migration)) continue;
    if (!detection.versions.some((state) => state.version === migration.version && state.applied)) continue;
    const run = lastUpOf(history, migration.version);
    if (run === undefined || run.checksum === migration.checksum) continue;
    drifts.push({
      version: migration.version,
      file: migration.upFile,
      recorded: run.checksum,
      current: migration.checksum,
    });
  }
  return drifts;
}

export function assertNoDrift(
  migrations: readonly PanelMigration[],
  detection: Detection,
  history: HistoryEntry[],
): void {
  const drifts = findDrift(migrations, detection, history);
  if (drifts.length === 0) return;
  throw new EngineError(
    'MIGRATION_DRIFT',
    message(
      'err.external.drift',
      {},
      {
        drifts: drifts.map((drift) =>
          ref(
            message('err.external.driftedFile', {
              file: drift.file,
              version: drift.version,
              recorded: drift.recorded.slice(0, 12),
              current: drift.current.slice(0, 12),
            }),
          ),
        ),
      },
    ),
  );
}
