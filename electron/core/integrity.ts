// SQLite's own verdict on a file: the one question backups, opening and status all ask.
import type { Database } from 'sql.js';
import { queryRows, quoteIdentifier } from './sql';

/**
 * Which of SQLite's checks ran: `quick_check` (b-trees and pages, ~native speed in sql.js) or the
 * full `integrity_check` (also every index against its table, ~3× slower).
 */
export type IntegrityKind = 'quick' | 'full';

/**
 * 'ok', or every problem SQLite lists. With `table`, the full check covers that table and its
 * indexes only (SQLite leaves out the file-wide page accounting, which quick_check does).
 */
export function integrityOf(db: Database, kind: IntegrityKind = 'full', table?: string): 'ok' | string[] {
  const check = kind === 'quick' ? 'quick_check' : 'integrity_check';
  const pragma = table === undefined ? `PRAGMA ${check}` : `PRAGMA ${check}(${quoteIdentifier(table)})`;
  const problems = queryRows(db, pragma).map((row) => String(Object.values(row)[0]));
  return problems.length === 1 && problems[0] === 'ok' ? 'ok' : problems;
}
