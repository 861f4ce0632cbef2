// What a backup holds, read lazily (issue 14, point 4): its version state, how many inbounds,
// clients and users it carries, and whether the panel can start on it — and how that compares
// with the open file, so a restore that would replace 26 inbounds with 0 is never one blind click.
import type { ChangePreview, GenerationId } from './reports';

/** Why the panel would not start on a file (each is shown translated, never as free text). */
export type StartProblem =
  | 'unreadable'
  | 'integrity'
  | 'empty'
  | 'not-panel'
  | 'upstream-v3'
  | 'tables-dropped'
  | 'sql-first-schema'
  | 'missing-tables';

export interface FileInspection {
  /** The backup id, or null for the open database. */
  id: string | null;
  /** False when SQLite cannot open the file at all; the counts and version state are then null. */
  readable: boolean;
  generation: GenerationId | null;
  version_state: { current_version: number; applied: number[]; dirty: boolean } | null;
  /**
   * Rows an admin counts: inbounds, clients (entries of the `clients` arrays in the inbounds'
   * settings JSON — what the panel lists, whether or not a client_traffics row exists) and users.
   */
  counts: { inbounds: number; clients: number; users: number } | null;
  panel_can_start: boolean;
  problems: StartProblem[];
  /** Core panel tables the file lacks. */
  missing_tables: string[];
}

/** Why a restore needs an explicit "I accept" (checkbox in the app, `--accept-risk` in the CLI). */
export type RestoreRisk = 'panel-cannot-start' | 'far-fewer-inbounds';

export interface RestoreComparison {
  backup: FileInspection;
  /** The open file as it is on disk now (may itself be unreadable). */
  current: FileInspection;
  risks: RestoreRisk[];
}

/** `compareBackup`: every row that differs between the backup and the open file, as the Preview shows it. */
export interface BackupDiff {
  backup_id: string;
  /** before = the open file now, after = the backup (what a restore would make it). */
  changes: ChangePreview[];
  /** Rows only one side has, per table. */
  only_current: Record<string, number>;
  only_backup: Record<string, number>;
  /** Stopped after this many changed rows. */
  truncated: boolean;
}
