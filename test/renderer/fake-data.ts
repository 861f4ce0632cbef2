// Small, typed stand-ins for what the engine reports about the demo database (shapes taken from
// `paneldb status --demo --json` and `paneldb migrate --demo --dry-run --json`).
import type { SessionInfo } from '../../electron/shared/contract';
import type {
  BackupEntry,
  CheckFinding,
  CheckReport,
  ChecksSection,
  HistoryEntry,
  MigrationsReview,
  RepairReport,
  RunReport,
  StatusReport,
  StepReport,
} from '../../electron/shared/reports';

export const noDatabase: SessionInfo = {
  mode: 'browser',
  database: null,
  recent: [],
  canChooseFile: false,
  migrationsFolder: null,
  canChooseMigrationsFolder: false,
  filesFolder: null,
};

export const demoSession = (folder = '/tmp/paneldb-demo-1'): SessionInfo => ({
  mode: 'browser',
  database: { name: 'x-ui.db', folder, demo: true, limited: null },
  recent: [],
  canChooseFile: false,
  migrationsFolder: null,
  canChooseMigrationsFolder: false,
  filesFolder: null,
});

export const status = (overrides: Partial<StatusReport> = {}): StatusReport => ({
  database: '/tmp/paneldb-demo-1/x-ui.db',
  current_version: 0,
  dirty: false,
  pending_count: 4,
  last_backup: null,
  latest_version: 5,
  dirty_version: null,
  newer_version: null,
  applied: [
    {
      version: 5,
      name: 'user_password_hash',
      source: 'history_of_seeders',
      applied_at: null,
      duration_ms: null,
    },
  ],
  pending: [
    { version: 1, name: 'init_schema' },
    { version: 2, name: 'tls_config' },
    { version: 3, name: 'xhttp_flow' },
    { version: 4, name: 'reality_target' },
  ],
  journal: {
    mode: 'rollback',
    wal_present: false,
    wal_frames_applied: 0,
    wal_transactions_applied: 0,
    wal_frames_ignored: 0,
    wal_note: null,
  },
  panel: {
    kind: 'x-panel',
    generation: 'v2.6.0-to-v7.5.8',
    generation_label: 'v2.6.0 to X-Panel v7.5.8 (only UserPasswordHash recorded)',
    traits: ['x-panel-lineage'],
  },
  schema_migrations: null,
  seeder_markers: ['UserPasswordHash'],
  tables: { inbounds: 4, settings: 5, users: 1 },
  integrity: 'ok',
  integrity_check: 'quick',
  warnings: [],
  backups_count: 0,
  checks: checksSection(),
  ...overrides,
});

/** What the demo file's checks find: Vision-less bot row is fine, one client without a traffic row. */
export function checksSection(checks: CheckFinding[] = [trafficFinding()]): ChecksSection {
  const count = (severity: CheckFinding['severity']) => checks.filter((c) => c.severity === severity).length;
  return {
    checks,
    summary: { error: count('error'), warning: count('warning'), info: count('info'), rules: 17 },
  };
}

export const trafficFinding = (overrides: Partial<CheckFinding> = {}): CheckFinding => ({
  id: 'traffic.missing-row',
  severity: 'warning',
  title: 'Clients without a client_traffics row',
  reason: 'The panel shows no traffic for them and cannot enforce their quota or expiry.',
  reference: 'README: health checks',
  rows: ['inbounds #2 (bot xhttp reality): client x7Kp2QaZ'],
  fixable: true,
  ...overrides,
});

export const checkReport = (checks?: CheckFinding[]): CheckReport => ({
  database: '/tmp/paneldb-demo-1/x-ui.db',
  ...checksSection(checks),
});

const step = (
  version: number,
  name: string,
  rows: number,
  overrides: Partial<StepReport> = {},
): StepReport => ({
  version,
  name,
  direction: 'up',
  status: 'applied',
  duration_ms: 3,
  rows_changed: rows,
  changes: [],
  skipped: [],
  notes: [],
  hash_before: {},
  hash_after: {},
  ...overrides,
});

export const preview = (overrides: Partial<RunReport> = {}): RunReport => ({
  database: '/tmp/paneldb-demo-1/x-ui.db',
  operation: 'migrate',
  dry_run: true,
  from_version: 0,
  to_version: 5,
  backup: null,
  saved: false,
  moved_aside: [],
  steps: [
    step(1, 'init_schema', 0, { notes: ['Baseline: the panel tables already exist.'] }),
    step(2, 'tls_config', 1, {
      changes: [
        {
          table: 'inbounds',
          rowid: 1,
          label: '香港 TLS',
          column: 'stream_settings',
          before: '{"tlsSettings":{"verifyPeerCertInNames":["dns.google"]}}',
          after: '{"tlsSettings":{"verifyPeerCertByName":"dns.google"}}',
          json_changes: [
            { path: 'tlsSettings.verifyPeerCertInNames', kind: 'removed', before: ['dns.google'] },
            { path: 'tlsSettings.verifyPeerCertByName', kind: 'added', after: 'dns.google' },
          ],
        },
      ],
    }),
    step(3, 'xhttp_flow', 1),
    step(4, 'reality_target', 1, {
      skipped: [{ table: 'inbounds', rowid: 2, reason: 'target already has a port' }],
    }),
  ],
  ...overrides,
});

export const backup = (id: string, overrides: Partial<BackupEntry> = {}): BackupEntry => ({
  id,
  path: `/tmp/paneldb-demo-1/x-ui.db.backups/${id}`,
  origin: 'paneldb',
  created: '2026-01-02T03:04:05.000Z',
  size: 69632,
  reason: 'before-migrate',
  metadata: {
    format: 'paneldb-backup/1',
    created: '2026-01-02T03:04:05.000Z',
    reason: 'before-migrate',
    source_path: '/tmp/paneldb-demo-1/x-ui.db',
    sha256: 'ab'.repeat(32),
    size: 69632,
    version_state: { current_version: 0, applied: [5], dirty: false },
    wal_transactions_merged: 0,
    tool_version: '0.1.0',
  },
  standing: 'ok',
  problem: null,
  ...overrides,
});

export const migrated = (): RunReport => ({
  ...preview(),
  dry_run: false,
  saved: true,
  backup: backup('x-ui.db.20260102T030405-000Z.before-migrate.db'),
});

export const historyEntry = (
  id: number,
  version: number,
  direction: HistoryEntry['direction'] = 'up',
): HistoryEntry => ({
  id,
  version,
  name:
    ['', 'init_schema', 'tls_config', 'xhttp_flow', 'reality_target', 'user_password_hash'][version] ??
    'step',
  direction,
  started_at: '2026-01-02T03:04:05.000Z',
  finished_at: '2026-01-02T03:04:05.010Z',
  duration_ms: 10,
  checksum: '',
  rows_changed: 1,
  changes: [],
  skipped: [],
  notes: [],
  hash_before: {},
  hash_after: {},
  tool_version: '0.1.0',
  outcome: direction === 'up' ? 'applied' : direction === 'down' ? 'reverted' : 'forced',
});

export const repairReport = (overrides: Partial<RepairReport> = {}): RepairReport => ({
  database: '/tmp/paneldb-demo-1/x-ui.db',
  current_version: 0,
  dirty: false,
  dirty_version: null,
  evidence: [],
  data_version: null,
  recommendation: {
    action: 'migrate',
    version: null,
    backup: null,
    reason: 'The file is clean; migrate to apply the pending steps.',
  },
  forced: null,
  ...overrides,
});

export const review = (overrides: Partial<MigrationsReview> = {}): MigrationsReview => ({
  lint: [
    {
      file: '000006_sniffing_route_only.up.sql',
      errors: 1,
      warnings: 1,
      findings: [
        { line: 3, rule: 'json-string-edit', severity: 'error', message: 'REPLACE on settings' },
        {
          line: 7,
          rule: 'missing-json-valid',
          severity: 'warning',
          message: 'json_extract without json_valid',
        },
      ],
    },
  ],
  roundtrip: {
    passed: false,
    notes: [],
    steps: [
      {
        version: 6,
        name: 'sniffing_route_only',
        source: 'external',
        down_restores: false,
        changed_rows: ['inbounds#1'],
        second_up_same: true,
      },
    ],
  },
  ...overrides,
});
