// A paneldb_history row's `changes` as the file holds it, read with the sqlite3 CLI. Its JSON mode
// mangles a BLOB's bytes, so a compressed payload (format 3) is read as hex and turned back into
// bytes; the TEXT formats come as they are.
import { decodeChanges } from '../../electron/core/history-changes';
import { sqlite3Json } from './sqlite-cli';

export interface LoggedChanges {
  id: number;
  /** The column's value: bytes for format 3, text for the older formats. */
  stored: Uint8Array | string;
  changes: Array<Record<string, unknown>>;
}

/** The history rows `where` selects (an SQL condition), oldest first. */
export function loggedChanges(path: string, where: string): LoggedChanges[] {
  return sqlite3Json(
    path,
    `SELECT id, iif(typeof(changes) = 'blob', hex(changes), NULL) AS packed, iif(typeof(changes) = 'blob', NULL, changes) AS text FROM paneldb_history WHERE ${where} ORDER BY id`,
  ).map((row) => {
    const stored = typeof row.packed === 'string' ? Buffer.from(row.packed, 'hex') : String(row.text);
    return {
      id: Number(row.id),
      stored,
      changes: (decodeChanges(stored) ?? []) as Array<Record<string, unknown>>,
    };
  });
}
