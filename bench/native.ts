// The native side of each comparison, doing the same work as PanelDB's side: the sqlite3 CLI for the
// checks, counts and the JSON rewrite, `cp` + `sync` for file copies; and the sqlite3 queries that
// size a migrate's history (what its before-images hold, what the data itself grew).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeChanges } from '../electron/core/history-changes';
import { PANEL_TABLES } from '../electron/panel/panel-schema';
import { timed, type Sample } from './processes';

const counts = () => PANEL_TABLES.map((table) => `SELECT count(*) FROM "${table}";`);

/** PanelDB's status opens with quick_check and counts every table; `full` is integrity_check. */
export const nativeStatus = (db: string, full: boolean): Promise<Sample> =>
  timed(
    'sqlite3',
    ['-batch', '-readonly', db],
    [full ? 'PRAGMA integrity_check;' : 'PRAGMA quick_check;', ...counts()].join('\n'),
  );

/** A copy made durable: the floor of any backup or restore. */
export const copyAndSync = (from: string, to: string, wal: boolean): Promise<Sample> =>
  timed(
    'sh',
    wal
      ? ['-c', 'cp "$1" "$2" && cp "$1-wal" "$2-wal" && sync "$2" "$2-wal"', 'sh', from, to]
      : ['-c', 'cp "$1" "$2" && sync "$2"', 'sh', from, to],
  );

/** What a manual backup does natively: the full integrity check, then the durable copy. */
export async function checkCopyAndSync(from: string, to: string, wal: boolean): Promise<Sample> {
  const check = await timed('sqlite3', ['-batch', '-readonly', from], 'PRAGMA integrity_check;');
  const copy = await copyAndSync(from, to, wal);
  return {
    ms: check.ms + copy.ms,
    cpuMs: check.cpuMs + copy.cpuMs,
    rssKB: Math.max(check.rssKB, copy.rssKB),
  };
}

/** bench/native-migrate.sql: steps 2–4 as SQLite JSON functions, in one transaction. */
export const nativeMigrate = async (benchDir: string, db: string): Promise<Sample> =>
  timed('sqlite3', ['-batch', '-bail', db], await readFile(join(benchDir, 'native-migrate.sql'), 'utf8'));

async function scalar(db: string, sql: string): Promise<number> {
  return Number((await timed('sqlite3', ['-batch', '-readonly', db], sql)).stdout.trim() || 0);
}

/** The bytes of the JSON columns the steps rewrite. */
export const jsonColumnBytes = (db: string) =>
  scalar(
    db,
    'SELECT coalesce(sum(length(CAST(settings AS BLOB)) + length(CAST(stream_settings AS BLOB))), 0) FROM inbounds;',
  );

/** UTF-8 bytes of the before-images in paneldb_history (the values the steps changed), as the engine reads them. */
export async function historyBeforeBytes(db: string): Promise<number> {
  const { stdout } = await timed('sqlite3', [
    '-batch',
    '-readonly',
    '-json',
    db,
    // The shell's JSON mangles a BLOB's bytes: a compressed payload (format 3) comes as hex.
    "SELECT iif(typeof(changes) = 'blob', hex(changes), NULL) AS packed, iif(typeof(changes) = 'blob', NULL, changes) AS text FROM paneldb_history WHERE direction = 'up';",
  ]);
  const rows =
    stdout.trim() === '' ? [] : (JSON.parse(stdout) as Array<{ packed: string | null; text: string | null }>);
  let bytes = 0;
  for (const row of rows)
    for (const change of decodeChanges(
      row.packed === null ? String(row.text) : Buffer.from(row.packed, 'hex'),
    ) ?? [])
      if (
        typeof change === 'object' &&
        change !== null &&
        'before' in change &&
        typeof change.before === 'string'
      )
        bytes += Buffer.byteLength(change.before);
  return bytes;
}

/** Bytes on the file's freelist: pages a migrate freed (rewritten rows moved), reusable by later writes. */
export const freeListBytes = (db: string) =>
  scalar(
    db,
    'SELECT (SELECT freelist_count FROM pragma_freelist_count) * (SELECT page_size FROM pragma_page_size);',
  );

/** The pages paneldb_history occupies (its b-tree and overflow pages), from SQLite's dbstat table. */
export const historyTableBytes = (db: string) =>
  scalar(db, "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = 'paneldb_history';");

/** What paneldb_history's rows hold (dbstat's payload: the bytes PanelDB wrote, without page slack). */
export const historyPayloadBytes = (db: string) =>
  scalar(db, "SELECT coalesce(sum(payload), 0) FROM dbstat WHERE name = 'paneldb_history';");
