// SQLite's own verdict on a file: the one question backups, opening and status all ask.
import type { Database } from 'sql.js';
import { queryRows } from './sql';

/** `PRAGMA integrity_check`: 'ok', or every problem SQLite lists. */
export function integrityOf(db: Database): 'ok' | string[] {
  const problems = queryRows(db, 'PRAGMA integrity_check').map((row) => String(Object.values(row)[0]));
  return problems.length === 1 && problems[0] === 'ok' ? 'ok' : problems;
}
