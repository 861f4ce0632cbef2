// The status report: the panel plan's MigrationStatus fields (current_version, dirty, pending_count,
// last_backup) at top level, and beside them everything an admin needs to decide what to do next.
import type { Database } from 'sql.js';
import type {
  JournalInfo,
  GenerationId,
  HistoryEntry,
  BackupEntry,
  StatusReport,
  ChecksSection,
} from '../shared/reports';
import type { Detection } from './detect';
import type { PanelMigration } from './step-types';
import { findDrift } from './external-migrations';
import type { FileHolder } from './file-holders';
import { lastUpOf } from './history-log';
import { queryValue, quoteIdentifier } from './sql';
import { integrityOf, type IntegrityKind } from './integrity';
import { message, ref, type KeyedText } from '../shared/i18n';

export const GENERATION_LABELS: Record<GenerationId, string> = {
  empty: 'Empty SQLite file (no tables yet)',
  'not-panel': 'Not a panel database',
  'upstream-v3': 'Upstream 3x-ui v3.1 or later (normalized client tables): a different product',
  'tables-dropped': "Panel tables dropped by golang-migrate's Down(): restore a backup",
  'sql-first-schema': "Tables made by the branch's 000001_init_schema.up.sql: the panel cannot start on it",
  'golang-migrate-branch': 'X-Panel 7.8.4 golang-migrate branch build (schema_migrations present)',
  'pre-v2.6.0': 'Written before v2.6.0 (no seeder history; passwords probably plaintext)',
  'no-seeders-recorded': 'v2.6.0 or later, no seeder recorded yet',
  'v2.6.0-to-v7.5.8': 'v2.6.0 to X-Panel v7.5.8 (only UserPasswordHash recorded)',
  'v7.5.9-or-later': 'X-Panel v7.5.9 or later (TLS/XHTTP seeders recorded)',
};

export function rowCounts(db: Database, tables: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of tables)
    counts[table] = Number(queryValue(db, `SELECT count(*) FROM ${quoteIdentifier(table)}`));
  return counts;
}

export interface StatusInputs {
  path: string;
  db: Database;
  detection: Detection;
  journal: JournalInfo;
  backups: BackupEntry[];
  history: HistoryEntry[];
  /** An interrupted save found (read-only: described, not acted on). */
  recovery?: KeyedText | null;
  /** Other processes that have the file open (a running panel). */
  holders?: FileHolder[];
  /** The integrity check already run on this open, if any (see OpenedPanel.integrity). */
  integrity?: 'ok' | string[];
  /** Which check `integrity` is; `quick` when not given. */
  integrityKind?: IntegrityKind;
  /** The health checks, when the caller asked for them (they read every JSON column). */
  checks?: ChecksSection | null;
  /** The steps this run knows (built-in and external): tells pending external files and drift. */
  migrations?: readonly PanelMigration[];
  /** The applied set in words (headline.ts). */
  headline?: StatusReport['headline'];
  /** The file state's key (LoadedImage.stateKey): changes with every write to the file or its -wal. */
  fileFingerprint?: string;
}

export function buildStatus({
  path,
  db,
  detection,
  journal,
  backups,
  history,
  recovery,
  holders = [],
  integrity,
  integrityKind = 'quick',
  checks = null,
  migrations = [],
  headline,
  fileFingerprint,
}: StatusInputs): StatusReport {
  const stepOf = (version: number) => migrations.find((migration) => migration.version === version);
  const applied = detection.versions
    .filter((state) => state.applied)
    .map((state) => {
      const run = lastUpOf(history, state.version);
      return {
        version: state.version,
        name: state.name,
        source: state.sources.join('+'),
        applied_at: run?.finished_at ?? null,
        duration_ms: run?.duration_ms ?? null,
      };
    });
  const pending = detection.versions
    .filter((state) => !state.applied)
    .map((state) => {
      const step = stepOf(state.version);
      return {
        version: state.version,
        name: state.name,
        source: step?.source ?? 'built-in',
        ...(step?.upFile === undefined ? {} : { file: step.upFile }),
      };
    });
  const warnings = [...detection.warnings];
  if (recovery) warnings.push({ code: 'INTERRUPTED_SAVE', message: recovery.text, msg: ref(recovery) });
  if (holders.length > 0) {
    // A plain sentence: the app offers the actions as buttons, it never asks for a shell command.
    const inUse = message('warning.inUse', {}, { holders: holders.map(holderPart) });
    warnings.push({ code: 'DATABASE_IN_USE', message: inUse.text, msg: ref(inUse) });
  }
  for (const drift of findDrift(migrations, detection, history)) {
    const changed = message('warning.drift', {
      file: drift.file,
      version: drift.version,
      recorded: drift.recorded.slice(0, 12),
      current: drift.current.slice(0, 12),
    });
    warnings.push({ code: 'MIGRATION_FILE_DRIFT', message: changed.text, msg: ref(changed) });
  }
  if (journal.wal_note !== null)
    warnings.push({
      code: 'WAL',
      message: journal.wal_note,
      ...(journal.wal_note_msg ? { msg: journal.wal_note_msg } : {}),
    });
  return {
    database: path,
    current_version: detection.currentVersion,
    dirty: detection.dirty,
    pending_count: pending.length,
    last_backup: backups[0]?.path ?? null,
    latest_version: detection.latestVersion,
    dirty_version: detection.dirtyVersion,
    newer_version: detection.newerVersion,
    applied,
    pending,
    journal,
    panel: {
      kind: detection.kind,
      generation: detection.generation,
      generation_label: GENERATION_LABELS[detection.generation],
      traits: detection.traits,
    },
    schema_migrations: detection.schemaMigrations,
    seeder_markers: detection.seederMarkers,
    tables: rowCounts(db, detection.tables),
    integrity: integrity ?? integrityOf(db, integrityKind),
    integrity_check: integrityKind,
    warnings,
    in_use_by: holders,
    backups_count: backups.length,
    checks,
    ...(headline === undefined ? {} : { headline }),
    ...(fileFingerprint === undefined ? {} : { file_fingerprint: fileFingerprint }),
  };
}

/** One process holding the file, as a part of the in-use warning. */
function holderPart(holder: FileHolder): { key: string; params: Record<string, string | number> } {
  return holder.name === null
    ? { key: 'warning.holderUnknown', params: { pid: holder.pid } }
    : { key: 'warning.holder', params: { name: holder.name, pid: holder.pid } };
}
