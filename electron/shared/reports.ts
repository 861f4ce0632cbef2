// The shapes of what the engine reports, shared by every transport (CLI JSON, Electron IPC, HTTP)
// and by the renderer. Pure types: nothing here may import Node or the engine.

export type BackupReason =
  'manual' | 'before-migrate' | 'before-rollback' | 'before-restore' | 'before-repair' | 'before-fix';

export interface VersionSnapshot {
  current_version: number;
  applied: number[];
  dirty: boolean;
}

export interface BackupMetadata {
  format: 'paneldb-backup/1';
  created: string;
  reason: BackupReason;
  source_path: string;
  sha256: string;
  size: number;
  version_state: VersionSnapshot;
  wal_transactions_merged: number;
  tool_version: string;
}

export interface BackupEntry {
  /** The file name: the only way the UI names a backup. */
  id: string;
  path: string;
  origin: 'paneldb' | 'panel';
  created: string;
  size: number;
  reason: BackupReason | null;
  metadata: BackupMetadata | null;
  /** `ok`: PanelDB metadata beside it; `unverified`: none (restoring needs an explicit confirmation); `invalid`: never used. */
  standing: BackupStanding;
  /** Why it is unverified or invalid; null when ok. */
  problem: string | null;
  problem_msg?: MessageRef;
  /** Set when this entry is the result of a write: what its safety machinery did. */
  safety_notes?: string[];
  safety_note_msgs?: MessageRef[];
}

export type BackupStanding = 'ok' | 'unverified' | 'invalid';

export interface VerifyCheck {
  id: 'opens' | 'integrity' | 'sha256' | 'panel_tables' | 'panel_starts';
  ok: boolean;
  detail: string;
  msg?: MessageRef;
}

export interface VerifyReport {
  path: string;
  /** Only a verified backup is ok; an unverified one (no metadata) is not a pass. */
  ok: boolean;
  status: 'verified' | 'unverified' | 'invalid';
  origin: 'paneldb' | 'panel' | 'unknown';
  checks: VerifyCheck[];
  metadata: BackupMetadata | null;
}

/**
 * A text for a person as a key of the one catalog (electron/shared/i18n) and its parameters; the
 * English text stays in the field beside it, so scripts and older readers keep working.
 */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
  /** Parameters that are lists of messages (rendered per language, then joined). */
  parts?: Record<string, MessageRef[]>;
}

export interface Evidence {
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  msg?: MessageRef;
  rows: string[];
}

export interface JournalInfo {
  /** The journal mode the file's header claims (bytes 18/19: 2 = WAL). */
  mode: 'wal' | 'rollback';
  wal_present: boolean;
  wal_frames_applied: number;
  wal_transactions_applied: number;
  wal_frames_ignored: number;
  /** Why frames were ignored, or why the WAL was not read at all; null when nothing to say. */
  wal_note: string | null;
  /** `wal_note` as a catalog message (absent from older reports). */
  wal_note_msg?: MessageRef | null;
}

export type PanelKind = 'x-panel' | '3x-ui' | 'upstream-3x-ui-v3' | 'empty' | 'not-panel';

export type GenerationId =
  | 'empty'
  | 'not-panel'
  | 'upstream-v3'
  | 'tables-dropped'
  | 'sql-first-schema'
  | 'golang-migrate-branch'
  | 'pre-v2.6.0'
  | 'no-seeders-recorded'
  | 'v2.6.0-to-v7.5.8'
  | 'v7.5.9-or-later';

export type MarkerSource = 'schema_migrations' | 'history_of_seeders';

export interface VersionState {
  version: number;
  name: string;
  applied: boolean;
  sources: MarkerSource[];
}

export interface SchemaMigrationsRow {
  version: number | null;
  dirty: boolean;
}

export interface DetectionWarning {
  code: string;
  message: string;
  msg?: MessageRef;
}

/** `fix` / `fix-revert`: a repair for a check (version 0, name = the check id); never moves the version. */
export type Direction = 'up' | 'down' | 'force' | 'fix' | 'fix-revert';

/** A before-image as stored: the after value only as a hash, enough for the optimistic check. */
export interface StoredChange {
  /**
   * `insert`: a row the step added (column '*'); a down deletes it only while it is unchanged.
   * `delete`: a row an external SQL step removed (column '*', `before` its row image).
   */
  kind?: 'insert' | 'delete';
  table: string;
  rowid: number;
  column: string;
  before: string | null;
  after_sha256: string | null;
  /**
   * Present when `before` alone would not restore the cell exactly (invalid UTF-8, a BLOB, a
   * number): its storage class and, for TEXT/BLOB, the stored bytes as hex. Older logs lack them.
   */
  before_type?: 'text' | 'blob' | 'integer' | 'real' | 'null';
  before_hex?: string;
}

export interface HistoryEntry {
  id: number;
  version: number;
  name: string;
  direction: Direction;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  checksum: string;
  rows_changed: number;
  changes: StoredChange[];
  skipped: SkippedRow[];
  notes: string[];
  hash_before: Record<string, string>;
  hash_after: Record<string, string>;
  tool_version: string;
  outcome: string;
  /**
   * Issue 14B: set on an entry the file no longer carries because a restore replaced it — read
   * from the before-restore safety backup named here. Never used to plan a rollback.
   */
  from_backup?: string;
}

export interface RunReport {
  database: string;
  operation: 'migrate' | 'rollback' | 'fix' | 'revert-fix' | 'set-password';
  dry_run: boolean;
  from_version: number;
  to_version: number;
  /** The verified backup taken before anything changed; null for a dry run or when nothing was to do. */
  backup: BackupEntry | null;
  saved: boolean;
  /** Where the stale -wal/-shm went, if there were any. */
  moved_aside: string[];
  steps: StepReport[];
  /** File fingerprint + ordered steps + options: a write given `expect` refuses when it differs. */
  plan_fingerprint?: string;
  /** What the write's safety machinery did (a stale lock taken over, an interrupted save put right, …). */
  safety_notes?: string[];
  /** The safety notes as messages, index for index. */
  safety_note_msgs?: MessageRef[];
}

/** Migration 3: `safe` (default) sets Vision only with VLESS Encryption; `panel` is the panel's seeder exactly. */
export type XhttpFlowMode = 'safe' | 'panel';

export interface MigrateRequest {
  to?: number;
  dryRun?: boolean;
  xhttpFlow?: XhttpFlowMode;
  /** The plan fingerprint the admin confirmed (from the dry run); refused with PLAN_CHANGED if it differs. */
  expect?: string;
}

export interface JsonChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface ChangePreview {
  table: string;
  rowid: number;
  column: string;
  /** What an admin calls the row: an inbound's remark, a user's name (database text: show it as text). */
  label: string | null;
  /** Full texts are kept for previews; null where hidden (password hashes) or not kept. */
  before: string | null;
  after: string | null;
  /** Key-level differences when both sides are JSON objects or arrays. */
  json_changes: JsonChange[] | null;
  /** True where before/after are withheld (password hashes, irreversible steps); a null without it is SQL NULL. */
  hidden?: boolean;
}

export interface StepReport {
  version: number;
  name: string;
  direction: 'up' | 'down';
  status: 'applied' | 'reverted' | 'failed';
  duration_ms: number;
  rows_changed: number;
  changes: ChangePreview[];
  skipped: SkippedRow[];
  notes: string[];
  /** The notes as messages, index for index (null for a note that has no key yet). */
  note_msgs?: Array<MessageRef | null>;
  hash_before: Record<string, string>;
  hash_after: Record<string, string>;
  /** Down only: whether the touched tables are back to the hash they had before the up. */
  content_hash_restored?: boolean;
  /** Triggers that fire when the step writes its tables (present only when there are any). */
  triggers?: TriggerInfo[];
  /** Tables outside the step's `touches` whose content changed during it: what the triggers did. */
  trigger_effects?: TriggerEffect[];
  error?: string;
}

/** A trigger in the file, and the table it is defined on (sqlite_master tbl_name). */
export interface TriggerInfo {
  name: string;
  table: string;
}

/** A table a step did not say it touches, changed during it (by a trigger): rows before and after. */
export interface TriggerEffect {
  table: string;
  rows_before: number;
  rows_after: number;
}

export type ProgressEvent =
  | { kind: 'step'; direction: 'up' | 'down'; version: number; name: string; index: number; total: number }
  | { kind: 'rows'; version: number; done: number; total: number };

export interface Recommendation {
  action: 'none' | 'migrate' | 'force-version' | 'restore-backup' | 'fix' | 'checks';
  version: number | null;
  backup: string | null;
  reason: string;
  /** action `fix`: the check whose fix is recommended. */
  check?: string;
  msg?: MessageRef;
}

export interface RepairReport {
  database: string;
  current_version: number;
  dirty: boolean;
  dirty_version: number | null;
  evidence: Evidence[];
  /** Which version the data is at, judged from the fingerprints; null when there is nothing to judge. */
  data_version: number | null;
  recommendation: Recommendation;
  forced: { version: number; backup: BackupEntry } | null;
  /** Every version a force could set, with its guard (issue 14). */
  force_options?: ForceOption[];
  /** What the write's safety machinery did (a stale lock taken over, an interrupted save put right, …). */
  safety_notes?: string[];
  /** The safety notes as messages, index for index. */
  safety_note_msgs?: MessageRef[];
}

export interface RestoreReport {
  database: string;
  restored_from: string;
  verification: VerifyReport;
  /** The current file as it was before the restore: a PanelDB backup, or a raw copy if it could not be opened. */
  safety_backup: string;
  moved_aside: string[];
  /** What the write's safety machinery did (a stale lock taken over, an interrupted save put right, …). */
  safety_notes?: string[];
  /** The safety notes as messages, index for index. */
  safety_note_msgs?: MessageRef[];
}

export interface RollbackRequest {
  steps?: number;
  to?: number;
  /** Runs the downs in memory only and reports them (and the plan fingerprint). */
  dryRun?: boolean;
  expect?: string;
}

export interface AppliedVersion {
  version: number;
  name: string;
  /** Which marker says so: `schema_migrations`, `history_of_seeders`, or both joined with `+`. */
  source: string;
  applied_at: string | null;
  /** From PanelDB's history log when PanelDB ran the step; null when only a panel marker says so. */
  duration_ms: number | null;
}

export interface StatusReport {
  database: string;
  current_version: number;
  dirty: boolean;
  pending_count: number;
  last_backup: string | null;
  latest_version: number;
  dirty_version: number | null;
  newer_version: number | null;
  applied: AppliedVersion[];
  pending: Array<{ version: number; name: string; source?: 'built-in' | 'external'; file?: string }>;
  journal: JournalInfo;
  panel: { kind: PanelKind; generation: GenerationId; generation_label: string; traits: string[] };
  schema_migrations: Array<{ version: number | null; dirty: boolean }> | null;
  seeder_markers: string[];
  tables: Record<string, number>;
  integrity: 'ok' | string[];
  /**
   * Which SQLite check `integrity` comes from: `quick` (PRAGMA quick_check, what opening runs) or
   * `full` (PRAGMA integrity_check, also every index against its table: `status --full`, verify).
   */
  integrity_check: 'quick' | 'full';
  warnings: DetectionWarning[];
  /** Other processes that have the database, its -wal or -shm open right now (a running panel). */
  in_use_by?: Array<{ pid: number; name: string | null }>;
  backups_count: number;
  /**
   * The Xray-aware health checks (the same as `paneldb check`), or null when not asked for: they read
   * every JSON column, so status leaves them to `check` / `status --checks` / the app's follow-up call.
   */
  checks: ChecksSection | null;
  /** The applied set in words (issue 14). */
  headline?: Headline;
  /**
   * A key of the file's state (its identity, times and header, and its -wal's): it changes with
   * every write, so the app keys what it caches per file state by it. Not a content hash.
   */
  file_fingerprint?: string;
}

export type CheckSeverity = 'error' | 'warning' | 'info';

/** One rule that found something: stable id, what it concerns, why, and where to read more. */
export interface CheckFinding {
  id: string;
  severity: CheckSeverity;
  title: string;
  /** One line: why this matters. */
  reason: string;
  /** An upstream issue, pull request or document section; plain text, never a link to follow blindly. */
  reference: string | null;
  /** The rows concerned, as an admin finds them (`inbounds #3 (remark): client alice`). */
  rows: string[];
  /** Whether `paneldb fix <db> <id>` has a safe, reversible fix for it. */
  fixable: boolean;
  title_msg?: MessageRef;
  reason_msg?: MessageRef;
  /** `reference` as a catalog message, where it is worded rather than a name or number. */
  reference_msg?: MessageRef;
}

export interface ChecksSummary {
  error: number;
  warning: number;
  info: number;
  /** How many rules ran. */
  rules: number;
}

export interface ChecksSection {
  checks: CheckFinding[];
  summary: ChecksSummary;
}

export interface CheckReport extends ChecksSection {
  database: string;
}

/** The full PRAGMA integrity_check of a database, run after status (which runs quick_check). */
export interface IntegrityReport {
  database: string;
  integrity: 'ok' | string[];
  integrity_check: 'full';
}

export interface SkippedRow {
  table: string;
  rowid: number;
  reason: string;
  msg?: MessageRef;
}

/** One lint finding as the app shows it beside a pending external file (no paths). */
export interface MigrationLintFinding {
  line: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** `message` as a catalog key (without the §3.6 citation, which `refs` carries). */
  msg?: MessageRef;
  refs?: string[];
}

/** The lint findings of one file of the migrations folder (the folder's own findings under its file names). */
export interface MigrationFileLint {
  file: string;
  errors: number;
  warnings: number;
  findings: MigrationLintFinding[];
}

/** One pending step's up → down → up on an in-memory copy (core/roundtrip.ts). */
export interface RoundTripStep {
  version: number;
  name: string;
  source: 'built-in' | 'external';
  /** The down returned every touched table to its pre-step content hash. */
  down_restores: boolean;
  /** Rows (`table#rowid`) that differ after the down from before the up; `table#columns` for a changed column set. */
  changed_rows: string[];
  /** The second up left the touched tables exactly as the first did. */
  second_up_same: boolean;
  /** A step without a down: only its up was run. */
  irreversible?: true;
  /** Why the step could not be run (the steps after it are not run). */
  error?: string;
}

export interface RoundTripReport {
  database: string;
  /** Every reversible step round-trips, and no step failed. */
  passed: boolean;
  steps: RoundTripStep[];
  notes: string[];
  /** The notes as messages, index for index. */
  note_msgs?: MessageRef[];
}

/** What the app shows beside the pending external files: their lint and the round trip. */
export interface MigrationsReview {
  lint: MigrationFileLint[];
  roundtrip: Omit<RoundTripReport, 'database'>;
}

// ---- Issue 14 part A: state in words, guarded force, plan fingerprints, the audit log ----

/**
 * What the headline says: the applied set ("5 of 5 steps applied", "4 of 5 — reality_target
 * pending", "recorded at 9: newer than this PanelDB"). Step 1 on a file whose panel tables exist is
 * a baseline (`baseline`), counted as applied and never shown as "version 0".
 */
export interface Headline {
  kind: 'complete' | 'pending' | 'dirty' | 'newer';
  applied: number;
  total: number;
  pending: Array<{ version: number; name: string }>;
  /** The version schema_migrations records, when it records one. */
  recorded: number | null;
  baseline: boolean;
}

/** Forcing one version: whether it may run as is, needs the explicit acknowledgement, or is refused. */
export interface ForceOption {
  version: number;
  /** The plan fingerprint a confirm dialog sends back (`expect`). */
  fingerprint: string;
  /** A clean, consistent file: the force runs only with `acknowledgeSkipped`. */
  needs_acknowledgement: boolean;
  /** Why this version can never be forced here (below a newer panel's version); null when allowed. */
  refused: string | null;
  /** Steps that will count as applied without having run. */
  marks_without_running: Array<{ version: number; name: string }>;
}

/** One line of the durable audit log (`paneldb-audit.jsonl` in the backup folder). */
export interface AuditEntry {
  time: string;
  operation: string;
  database: string;
  /** sha256 of the database file before and after (null when it did not exist or could not be read). */
  before: string | null;
  after: string | null;
  /** The backup taken by the operation, by id. */
  backup: string | null;
  outcome: 'ok' | 'error';
  error_code?: string;
  /** One line: what ran (steps, check id, version). */
  summary: string;
}

/** "Set the admin password…": the user by name, the new password (stored as bcrypt, cost 10). */
export interface SetPasswordRequest {
  username: string;
  password: string;
  expect?: string;
}
