// Human-readable renderings of engine results for the terminal.
import type { BackupEntry, VerifyReport } from '../core/backups';
import { formatBytes } from '../core/database';
import type { StatusReport } from '../core/status';
import { TEXT, type Lang } from './messages';

export function formatStatus(status: StatusReport, lang: Lang): string {
  const t = TEXT[lang];
  const lines: string[] = [];
  const label = (name: string) => padDisplay(`${name}:`, 16);
  lines.push(`${label(t.database)}${status.database}`);
  lines.push(`${label(t.panel)}${status.panel.kind}`);
  lines.push(`${label(t.generation)}${t.generations[status.panel.generation]} (${status.panel.generation})`);
  if (status.panel.traits.length > 0) lines.push(`${' '.repeat(16)}${status.panel.traits.join(', ')}`);
  const dirty = status.dirty ? `  [${t.dirty}] ${t.dirtyAt(status.dirty_version)}` : '';
  lines.push(`${label(t.version)}${t.versionValue(status.current_version, status.latest_version)}${dirty}`);
  if (status.newer_version !== null) lines.push(`${' '.repeat(16)}${t.newer(status.newer_version)}`);
  lines.push(`${label(t.applied)}${status.applied.length === 0 ? t.none : ''}`);
  for (const step of status.applied) {
    const at = step.applied_at === null ? '' : `  ${step.applied_at}`;
    lines.push(
      `  ${String(step.version).padStart(3)}  ${step.name.padEnd(20)} ${t.source}: ${step.source}${at}`,
    );
  }
  lines.push(`${label(t.pending)}${status.pending.length === 0 ? t.none : ''}`);
  for (const step of status.pending) lines.push(`  ${String(step.version).padStart(3)}  ${step.name}`);
  lines.push(`${label(t.journal)}${status.journal.mode}; ${describeWal(status, lang)}`);
  const integrity = status.integrity === 'ok' ? 'ok' : status.integrity.slice(0, 5).join('; ');
  lines.push(`${label(t.integrity)}${integrity}`);
  lines.push(`${label(t.lastBackup)}${status.last_backup ?? t.none}`);
  lines.push(`${t.tables}:`);
  for (const [table, count] of Object.entries(status.tables)) lines.push(`  ${table.padEnd(24)} ${count}`);
  if (status.warnings.length > 0) {
    lines.push(`${t.warnings}:`);
    for (const warning of status.warnings) lines.push(`  ! ${warning.message}`);
  }
  return lines.join('\n');
}

function describeWal(status: StatusReport, lang: Lang): string {
  const t = TEXT[lang];
  const { journal } = status;
  if (!journal.wal_present) return t.walNone;
  if (journal.wal_transactions_applied === 0) return journal.wal_note ?? t.walEmpty;
  return t.walMerged(journal.wal_frames_applied, journal.wal_transactions_applied);
}

export function formatBackups(backups: BackupEntry[], lang: Lang): string {
  const t = TEXT[lang];
  if (backups.length === 0) return t.noBackups;
  const rows = backups.map((entry) => [
    entry.created,
    entry.origin === 'panel' ? t.originPanel : t.originOwn,
    entry.reason ?? '-',
    entry.metadata === null
      ? '-'
      : `v${entry.metadata.version_state.current_version}${entry.metadata.version_state.dirty ? ' dirty' : ''}`,
    formatBytes(entry.size),
    entry.path,
  ]);
  return table([t.backupsHeader, ...rows]);
}

export function formatBackupCreated(entry: BackupEntry, lang: Lang): string {
  return `${TEXT[lang].backupCreated}: ${entry.path} (${formatBytes(entry.size)}, sha256 ${entry.metadata?.sha256 ?? '?'})`;
}

export function formatVerify(report: VerifyReport, lang: Lang): string {
  const t = TEXT[lang];
  const lines = [`${report.ok ? t.verifyOk : t.verifyBad}: ${report.path}`];
  for (const check of report.checks)
    lines.push(`  ${check.ok ? 'ok ' : 'BAD'}  ${check.id.padEnd(13)} ${check.detail}`);
  return lines.join('\n');
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? '')))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => padDisplay(cell, widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Terminal columns: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
