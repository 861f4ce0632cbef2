// Triggers make a step change more than it says: a trigger on `inbounds` can delete `client_traffics`
// rows or overwrite a password. A step's `touches` cannot know that, so when any trigger fires on a
// table a step writes, every table is hashed before and after it; the report names the triggers and
// each other table whose content changed, and a rollback's proof covers every one of them. No SQL is
// parsed: which rows a trigger hits is read from the hashes, not guessed from its text.
import type { Database } from 'sql.js';
import type { TriggerEffect, TriggerInfo } from '../shared/reports';
import { queryRows, queryValue, quoteIdentifier, tableExists } from './sql';
import { message } from '../shared/i18n';

/** What every step writes besides its `touches`: the panel's markers (PanelDB's own log is excluded). */
export const MARKER_TABLES = ['history_of_seeders', 'schema_migrations'];
/** Written by PanelDB's bookkeeping itself: never a trigger's side effect worth a proof. */
const NOT_WATCHED = new Set(['history_of_seeders', 'schema_migrations', 'paneldb_history']);

/** The triggers SQLite fires when `tables` (a step's touches) or the markers are written. */
export function triggersOn(db: Database, tables: readonly string[]): TriggerInfo[] {
  const written = [...new Set([...tables, ...MARKER_TABLES])].map((name) => name.toLowerCase());
  return queryRows(db, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    .map((row) => ({ name: String(row.name), table: String(row.tbl_name) }))
    .filter((trigger) => written.includes(trigger.table.toLowerCase()));
}

/**
 * The tables whose content a step's proof covers: its touches, and with a trigger in play every
 * table of the file (a trigger may write anywhere, and another trigger may fire from there).
 */
export function watchedTables(db: Database, touches: readonly string[], triggers: TriggerInfo[]): string[] {
  if (triggers.length === 0) return [...touches];
  const all = queryRows(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  )
    .map((row) => String(row.name))
    .filter((name) => !NOT_WATCHED.has(name));
  return [...new Set([...touches, ...all])];
}

export function rowCountOf(db: Database, table: string): number {
  return tableExists(db, table)
    ? Number(queryValue(db, `SELECT count(*) FROM ${quoteIdentifier(table)}`))
    : 0;
}

export function rowCounts(db: Database, tables: readonly string[]): Record<string, number> {
  return Object.fromEntries(tables.map((table) => [table, rowCountOf(db, table)]));
}

/** The tables outside `touches` whose content hash moved, with their row counts before and after. */
export function effectsOutside(
  db: Database,
  touches: readonly string[],
  hashBefore: Record<string, string>,
  hashAfter: Record<string, string>,
  countsBefore: Record<string, number>,
): TriggerEffect[] {
  return Object.keys(hashAfter)
    .filter((table) => !touches.includes(table) && hashBefore[table] !== hashAfter[table])
    .map((table) => ({
      table,
      rows_before: countsBefore[table] ?? 0,
      rows_after: rowCountOf(db, table),
    }));
}

/** The history's record of them (English, as every note in the log). */
export function triggerNotes(triggers: TriggerInfo[], effects: TriggerEffect[] = []): string[] {
  if (triggers.length === 0) return [];
  // Catalog texts, so the History tab can match them back to their keys (i18n/match-text.ts).
  const fire = triggers.map((trigger) =>
    message('note.triggerOn', { name: trigger.name, table: trigger.table }),
  );
  return [
    message('note.triggersFire', { triggers: fire.map((entry) => entry.text).join(', ') }).text,
    ...effects.map(
      (effect) =>
        message('note.triggerChanged', {
          table: effect.table,
          before: effect.rows_before,
          after: effect.rows_after,
        }).text,
    ),
  ];
}
