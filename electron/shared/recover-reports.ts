// What `recover` and the WAL timeline report, shared by the engine, the CLI and the page.

export interface TableTally {
  recovered: number;
  from_btree: number;
  from_orphan_pages: number;
  from_freelist: number;
  from_freeblocks: number;
  /** Deleted rows whose rowid was overwritten, put back under a fresh id above the file's highest. */
  ids_assigned: number;
  duplicates_ignored: number;
  to_lost_and_found: number;
  unmapped_columns: string[];
  renamed_columns: Record<string, string>;
}

export type PanelTableName =
  | 'users'
  | 'inbounds'
  | 'outbound_traffics'
  | 'settings'
  | 'inbound_client_ips'
  | 'client_traffics'
  | 'history_of_seeders'
  | 'link_histories';

export interface RecoverReport {
  input: string;
  output: string;
  /** SHA-256 of the bytes written: the app opens the output only while the file still has them. */
  output_sha256: string;
  mode: 'recovered' | 'wal-commit';
  wal: { present: boolean; commits_applied: number; note: string | null };
  page_size: number;
  pages: number;
  header_valid: boolean;
  schema_source: 'sqlite_master' | 'page-scan' | 'none';
  source_schema: 'gorm' | 'sql-first' | 'unknown';
  /** claimed_max_id: what the damaged file's sqlite_sequence says the table handed out. */
  tables: Record<PanelTableName, TableTally & { claimed_max_id: number | null }>;
  other_tables: Record<string, number>;
  unreadable_pages: Array<{ page: number; reason: string }>;
  lost_and_found: { rows: number; by_reason: Record<string, number>; by_table_guess: Record<string, number> };
  checks: { integrity: 'ok' | string[]; errors: number; warnings: number; infos: number; generation: string };
}

export interface TableChange {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface WalCommit {
  index: number;
  frames: number;
  pages: number;
  db_size_pages: number;
  schema_changed: boolean;
  tables: Record<string, TableChange>;
}

export interface WalTimeline {
  input: string;
  wal_present: boolean;
  ignored_frames: number;
  commits: WalCommit[];
}
