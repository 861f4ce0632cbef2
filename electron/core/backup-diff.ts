// "Compare with current": every panel row that differs between the open file and a backup, as the
// Preview shows a migration's changes (key-level JSON diff, the row named by its remark). Reads
// both files, writes nothing. before = the file now, after = the backup (what a restore makes it).
import type { Database, SqlValue } from 'sql.js';
import { PANEL_TABLES } from '../panel/panel-schema';
import { jsonChanges, rowLabel } from './change-preview';
import { openImage, readDatabaseImage } from './database';
import type { FileSystem } from './file-system';
import { asUnreadable } from './open-panel';
import { columnNames, queryRows, quoteIdentifier, tableNames } from './sql';
import type { BackupDiff } from '../shared/inspect';
import type { ChangePreview } from '../shared/reports';

/** Enough to see what a restore would undo; the rest is counted, not listed. */
const MAX_CHANGES = 2000;
/** Columns whose values are secrets: shown as changed, never as text. */
const SECRET_COLUMNS = new Set(['users.password', 'users.login_secret']);

const asText = (value: SqlValue | undefined): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Uint8Array
      ? Buffer.from(value).toString('hex')
      : String(value);

function rowsById(db: Database, table: string, columns: string[]): Map<number, Record<string, SqlValue>> {
  const list = columns.map(quoteIdentifier).join(', ');
  const rows = new Map<number, Record<string, SqlValue>>();
  for (const row of queryRows(db, `SELECT rowid AS "__rowid", ${list} FROM ${quoteIdentifier(table)}`)) {
    rows.set(Number(row.__rowid), row);
  }
  return rows;
}

async function openReadOnly(path: string, fs: FileSystem): Promise<Database> {
  try {
    return await openImage(await readDatabaseImage(path, { fs }));
  } catch (thrown) {
    throw asUnreadable(thrown, path);
  }
}

export async function diffWithBackup(
  dbPath: string,
  backupPath: string,
  backupId: string,
  fs: FileSystem,
): Promise<BackupDiff> {
  const current = await openReadOnly(dbPath, fs);
  try {
    const backup = await openReadOnly(backupPath, fs);
    try {
      return diffDatabases(current, backup, backupId);
    } catch (thrown) {
      throw asUnreadable(thrown, backupPath);
    } finally {
      backup.close();
    }
  } finally {
    current.close();
  }
}

export function diffDatabases(current: Database, backup: Database, backupId: string): BackupDiff {
  const result: BackupDiff = {
    backup_id: backupId,
    changes: [],
    only_current: {},
    only_backup: {},
    truncated: false,
  };
  const inBackup = new Set(tableNames(backup));
  const tables = tableNames(current).filter(
    (name) => inBackup.has(name) && (PANEL_TABLES as readonly string[]).includes(name),
  );
  for (const table of tables) {
    const backupColumns = new Set(columnNames(backup, table));
    const columns = columnNames(current, table).filter((name) => backupColumns.has(name));
    if (columns.length === 0) continue;
    const now = rowsById(current, table, columns);
    const then = rowsById(backup, table, columns);
    let onlyNow = 0;
    for (const [rowid, row] of now) {
      const old = then.get(rowid);
      if (old === undefined) {
        onlyNow++;
        continue;
      }
      for (const column of columns) {
        const before = asText(row[column]);
        const after = asText(old[column]);
        if (before === after) continue;
        if (result.changes.length >= MAX_CHANGES) {
          result.truncated = true;
          continue;
        }
        const secret = SECRET_COLUMNS.has(`${table}.${column}`);
        const change: ChangePreview = {
          table,
          rowid,
          column,
          label: rowLabel(current, table, rowid) ?? rowLabel(backup, table, rowid),
          before: secret ? null : before,
          after: secret ? null : after,
          json_changes: secret ? null : jsonChanges(before, after),
        };
        if (secret) change.hidden = true;
        result.changes.push(change);
      }
    }
    const onlyThen = [...then.keys()].filter((rowid) => !now.has(rowid)).length;
    if (onlyNow > 0) result.only_current[table] = onlyNow;
    if (onlyThen > 0) result.only_backup[table] = onlyThen;
  }
  return result;
}
