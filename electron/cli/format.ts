// Human-readable renderings of engine results for the terminal.
import { formatBytes } from '../core/index';
import type {
  BackupEntry,
  ChangePreview,
  HistoryEntry,
  MessageRef,
  RepairReport,
  RestoreReport,
  RoundTripReport,
  RunReport,
  StatusReport,
  VerifyReport,
} from '../shared/reports';
import { DECISION_TEXT } from './decision-messages';
import { renderMessage, translate, type MessageKey } from '../shared/i18n';
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
  if (status.headline !== undefined)
    lines.push(`${label(DECISION_TEXT[lang].headlineLabel)}${DECISION_TEXT[lang].headline(status.headline)}`);
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
  lines.push(`${label(t.integrity)}${integrity}  (${t.integrityKind[status.integrity_check]})`);
  if (status.checks !== null)
    lines.push(
      `${label(t.healthChecks)}${t.healthSummary(status.checks.summary.error, status.checks.summary.warning, status.checks.summary.info)}`,
    );
  lines.push(`${label(t.lastBackup)}${status.last_backup ?? t.none}`);
  lines.push(`${t.tables}:`);
  for (const [table, count] of Object.entries(status.tables)) lines.push(`  ${table.padEnd(24)} ${count}`);
  if (status.warnings.length > 0) {
    lines.push(`${t.warnings}:`);
    for (const warning of status.warnings)
      lines.push(`  ! ${renderMessage(lang, warning.msg, warning.message)}`);
  }
  return lines.join('\n');
}

function describeWal(status: StatusReport, lang: Lang): string {
  const t = TEXT[lang];
  const { journal } = status;
  if (!journal.wal_present) return t.walNone;
  if (journal.wal_transactions_applied === 0)
    return journal.wal_note === null
      ? t.walEmpty
      : renderMessage(lang, journal.wal_note_msg, journal.wal_note);
  return t.walMerged(journal.wal_frames_applied, journal.wal_transactions_applied);
}

export function formatBackups(backups: BackupEntry[], lang: Lang): string {
  const t = TEXT[lang];
  if (backups.length === 0) return t.noBackups;
  const rows = backups.map((entry) => [
    entry.created,
    entry.origin === 'panel' ? t.originPanel : t.originOwn,
    entry.reason === null ? '-' : translate(lang, `reason.${entry.reason}`),
    entry.metadata === null
      ? '-'
      : `v${entry.metadata.version_state.current_version}${entry.metadata.version_state.dirty ? ' dirty' : ''}`,
    entry.problem === null
      ? t.standing[entry.standing]
      : `${t.standing[entry.standing]}: ${renderMessage(lang, entry.problem_msg, entry.problem)}`,
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
  const headline =
    report.status === 'verified'
      ? t.verifyOk
      : report.status === 'unverified'
        ? t.verifyUnverified
        : t.verifyBad;
  const lines = [`${headline}: ${report.path}`];
  const width = Math.max(displayWidth(t.checkOk), displayWidth(t.checkBad));
  for (const check of report.checks)
    lines.push(
      `  ${padDisplay(check.ok ? t.checkOk : t.checkBad, width)}  ${check.id.padEnd(13)} ${renderMessage(lang, check.msg, check.detail)}`,
    );
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

function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describeChange(change: ChangePreview, lang: Lang): string[] {
  const where = `${change.table} #${change.rowid} ${change.column}`;
  if (change.json_changes === null) {
    if (change.before === null && change.after === null)
      return [`    ${where}: ${translate(lang, 'term.valueHidden')}`];
    return [`    ${where}: ${describeValue(change.before)} → ${describeValue(change.after)}`];
  }
  return [
    `    ${where}:`,
    ...change.json_changes.map((entry) => {
      const path = entry.path === '' ? translate(lang, 'term.wholeText') : entry.path;
      if (entry.kind === 'added') return `      + ${path} = ${describeValue(entry.after)}`;
      if (entry.kind === 'removed')
        return `      - ${path} (${translate(lang, 'term.was')} ${describeValue(entry.before)})`;
      return `      ~ ${path}: ${describeValue(entry.before)} → ${describeValue(entry.after)}`;
    }),
  ];
}

export function formatRunReport(report: RunReport, lang: Lang): string {
  const t = TEXT[lang];
  const d = DECISION_TEXT[lang];
  const lines: string[] = [];
  const isFix = report.operation !== 'migrate' && report.operation !== 'rollback';
  if (report.steps.length === 0) return t.nothingToDo(report.from_version);
  if (report.backup !== null) lines.push(`${t.backupCreated}: ${report.backup.path}`);
  for (const step of report.steps) {
    // A dry run changed nothing yet: its steps read "would change N rows", not "?".
    const mark = report.dry_run ? '·' : step.direction === 'up' ? '✓' : '↩';
    const hash =
      step.content_hash_restored === undefined
        ? ''
        : step.content_hash_restored
          ? `  ${t.hashRestored}`
          : `  ${t.hashDiffers}`;
    const rows = translate(lang, report.dry_run ? 'term.rowsWouldChange' : 'term.rowsChanged', {
      count: step.rows_changed,
    });
    lines.push(
      `  ${mark} ${String(step.version).padStart(3)} ${step.name.padEnd(20)} ${rows}  ${step.duration_ms} ms${hash}`,
    );
    for (const change of step.changes) lines.push(...describeChange(change, lang));
    for (const skipped of step.skipped)
      lines.push(
        `    = ${skipped.table} #${skipped.rowid}: ${renderMessage(lang, skipped.msg, skipped.reason)}`,
      );
    step.notes.forEach((note, index) =>
      lines.push(`    · ${renderMessage(lang, step.note_msgs?.[index], note)}`),
    );
    for (const trigger of step.triggers ?? [])
      lines.push(`    ! ${t.triggerFires(trigger.name, trigger.table)}`);
    for (const effect of step.trigger_effects ?? [])
      lines.push(`    ! ${t.triggerEffect(effect.table, effect.rows_before, effect.rows_after)}`);
  }
  // A fix never moves the version: its report says "Fix applied", not "v5 → v5".
  lines.push(
    report.dry_run
      ? t.dryRunDone(report.to_version)
      : isFix
        ? `${report.operation === 'revert-fix' ? d.fixReverted : d.fixApplied}: ${report.database}`
        : t.runDone(report.from_version, report.to_version, report.database),
  );
  for (const moved of report.moved_aside) lines.push(`${t.movedAside}: ${moved}`);
  if (report.dry_run && report.plan_fingerprint !== undefined)
    lines.push(d.fingerprint(report.plan_fingerprint));
  return lines.join('\n');
}

export function formatHistory(entries: HistoryEntry[], lang: Lang): string {
  const t = TEXT[lang];
  if (entries.length === 0) return t.noHistory;
  return table([
    t.historyHeader,
    ...entries.map((entry) => [
      String(entry.id),
      String(entry.version),
      entry.name,
      entry.direction,
      entry.finished_at,
      `${entry.duration_ms} ms`,
      String(entry.rows_changed),
      entry.outcome,
    ]),
  ]);
}

export function formatRestore(report: RestoreReport, lang: Lang): string {
  const t = TEXT[lang];
  return [
    `${t.restored}: ${report.restored_from} → ${report.database}`,
    `${t.safetyBackup}: ${report.safety_backup || t.none}`,
    ...report.moved_aside.map((moved) => `${t.movedAside}: ${moved}`),
  ].join('\n');
}

export function formatRepair(report: RepairReport, lang: Lang): string {
  const t = TEXT[lang];
  const lines = [
    `${t.version}: v${report.current_version}${report.dirty ? ` [${t.dirty} ${report.dirty_version}]` : ''}`,
  ];
  if (report.evidence.length === 0) lines.push(`${t.evidence}: ${t.none}`);
  for (const item of report.evidence) {
    lines.push(`  [${t.severity[item.severity]}] ${item.id}: ${renderMessage(lang, item.msg, item.message)}`);
    for (const row of item.rows.slice(0, 10)) lines.push(`      ${row}`);
    if (item.rows.length > 10) lines.push(`      ${t.moreRows(item.rows.length - 10)}`);
  }
  if (report.data_version !== null) lines.push(`${t.dataVersion}: v${report.data_version}`);
  lines.push(
    `${t.recommendation}: ${renderMessage(lang, report.recommendation.msg, report.recommendation.reason)}`,
  );
  if (report.recommendation.backup !== null) lines.push(`  ${report.recommendation.backup}`);
  if (report.forced !== null)
    lines.push(`${t.forced(report.forced.version)} ${t.backupCreated}: ${report.forced.backup.path}`);
  return lines.join('\n');
}

/** `check-roundtrip`: one line per step, the changed rows under a failing one. */
export function formatRoundTrip(report: RoundTripReport, lang: Lang): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const lines = [
    t(report.passed ? 'cli.roundTrip.passed' : 'cli.roundTrip.failed', { database: report.database }),
  ];
  for (const step of report.steps) {
    const label = `${step.version} ${step.name} (${step.source})`;
    if (step.error !== undefined) lines.push(`  ✗ ${label}: ${step.error}`);
    else if (step.irreversible === true)
      lines.push(`  - ${t('cli.roundTrip.irreversible', { step: label })}`);
    else {
      const ok = step.down_restores && step.second_up_same;
      const result = t('cli.roundTrip.result', {
        step: label,
        restores: t(step.down_restores ? 'cli.roundTrip.restores' : 'cli.roundTrip.doesNotRestore'),
        second: t(step.second_up_same ? 'cli.roundTrip.same' : 'cli.roundTrip.differs'),
      });
      lines.push(`  ${ok ? '✓' : '✗'} ${result}`);
      if (step.changed_rows.length > 0) {
        const rows = `${step.changed_rows.slice(0, 20).join(', ')}${step.changed_rows.length > 20 ? ', …' : ''}`;
        lines.push(`      ${t('cli.roundTrip.changedRows', { rows })}`);
      }
    }
  }
  report.notes.forEach((note, index) =>
    lines.push(`  ${renderMessage(lang, report.note_msgs?.[index], note)}`),
  );
  return lines.join('\n');
}

/** A write's safety notes, one `  - ` line each, in the chosen language (the English text without a key). */
export function safetyNoteLines(value: unknown, lang: Lang): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const { safety_notes: notes, safety_note_msgs: msgs } = value as {
    safety_notes?: unknown;
    safety_note_msgs?: Array<MessageRef | null>;
  };
  if (!Array.isArray(notes)) return [];
  return notes.map((note, index) => `  - ${renderMessage(lang, msgs?.[index], String(note))}`);
}
