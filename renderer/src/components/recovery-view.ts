// What the recovery panel shows, computed from the engine's reports: per table, the rows recovered
// against what the damaged file claims (its sqlite_sequence), and one line per WAL commit.
import type { RecoverReport, WalTimeline } from '../../../electron/shared/recover-reports';

export interface TableLine {
  table: string;
  recovered: number;
  /** Highest id the damaged file says it handed out; null when it does not say. */
  claimed: number | null;
  /** Rows that came from anywhere but the live b-tree (orphaned leaves, freelist, free space). */
  rescued: number;
  lost: number;
  newIds: number;
  /** How many fewer rows than the file claims ids (deleted rows, or rows still lost); 0 when none. */
  short: number;
}

export function tableLines(report: RecoverReport): TableLine[] {
  return Object.entries(report.tables).map(([table, t]) => ({
    table,
    recovered: t.recovered,
    claimed: t.claimed_max_id,
    rescued: t.from_orphan_pages + t.from_freelist + t.from_freeblocks,
    lost: t.to_lost_and_found,
    newIds: t.ids_assigned,
    short: t.claimed_max_id === null ? 0 : Math.max(0, t.claimed_max_id - t.recovered),
  }));
}

/** lost_and_found by the table its rows look like (null: no table's shape), most rows first. */
export function lostLines(report: RecoverReport): Array<{ table: string | null; rows: number }> {
  return Object.entries(report.lost_and_found.by_table_guess)
    .map(([table, rows]) => ({ table: table === '(unknown)' ? null : table, rows }))
    .sort((a, b) => b.rows - a.rows);
}

export interface CommitLine {
  index: number;
  frames: number;
  pages: number;
  schemaChanged: boolean;
  changes: Array<{ table: string; inserted: number; updated: number; deleted: number }>;
}

export function commitLines(timeline: WalTimeline): CommitLine[] {
  return timeline.commits.map((c) => ({
    index: c.index,
    frames: c.frames,
    pages: c.pages,
    schemaChanged: c.schema_changed,
    // sqlite_sequence is SQLite's own bookkeeping of ids, changed by every insert: not news to a person.
    changes: Object.entries(c.tables)
      .filter(([table]) => table !== 'sqlite_sequence')
      .map(([table, d]) => ({ table, ...d })),
  }));
}
