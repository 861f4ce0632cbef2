// "Recover into a new file…" for a damaged database: the WAL commit timeline to pick a state from,
// the recovery report with per-table counts against what the damaged file claims, and what went to
// lost_and_found. Standalone: the limited-mode screen mounts it with the two API calls it needs.
// The page never names a path: the desktop save dialog (or the engine, in the browser) does.
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/shared/contract';
import type { RecoverReport, WalTimeline } from '../../../electron/shared/recover-reports';
import type { AppError } from '../../../electron/shared/result';
import { errorKey } from '../i18n';
import { formatNumber } from '../i18n/format';
import { useLanguage, useT } from '../store/react';
import { commitLines, tableLines } from './recovery-view';
import './RecoveryPanel.css';

export interface RecoveryPanelProps {
  api: Pick<Api, 'listWalCommits' | 'recoverDatabase'>;
  /** Offered after a successful recovery ("Open the recovered file"); hidden when absent. */
  onOpenRecovered?: (report: RecoverReport) => void;
}

function Timeline({
  timeline,
  busy,
  onPick,
}: {
  timeline: WalTimeline;
  busy: boolean;
  onPick: (n: number) => void;
}) {
  const t = useT();
  if (timeline.commits.length === 0) return <p className="recovery-muted">{t('recovery.noCommits')}</p>;
  return (
    <ol className="recovery-timeline" data-testid="recovery-timeline">
      <li>
        <span className="recovery-commit-title">{t('recovery.commitZero')}</span>
        <button type="button" disabled={busy} onClick={() => onPick(0)}>
          {t('recovery.pickCommit')}
        </button>
      </li>
      {commitLines(timeline).map((c) => (
        <li key={c.index} data-testid={`recovery-commit-${c.index}`}>
          <span className="recovery-commit-title">
            {t('recovery.commit', { index: c.index, frames: c.frames, pages: c.pages })}
          </span>
          {c.schemaChanged && <span className="chip chip-warn">{t('recovery.schemaChanged')}</span>}
          <span className="recovery-changes">
            {c.changes.length === 0
              ? t('recovery.noRowChanges')
              : c.changes.map((d) => `${d.table} +${d.inserted} ~${d.updated} −${d.deleted}`).join(' · ')}
          </span>
          <button type="button" disabled={busy} onClick={() => onPick(c.index)}>
            {t('recovery.pickCommit')}
          </button>
        </li>
      ))}
    </ol>
  );
}

function Report({ report, onOpen }: { report: RecoverReport; onOpen?: (report: RecoverReport) => void }) {
  const t = useT();
  const language = useLanguage();
  const n = (value: number) => formatNumber(language, value);
  return (
    <section className="recovery-report" data-testid="recovery-report">
      <p>
        {t(report.mode === 'wal-commit' ? 'recovery.writtenCommit' : 'recovery.written', {
          name: report.output,
        })}
      </p>
      {report.source_schema === 'sql-first' && <p className="chip chip-info">{t('recovery.sqlFirst')}</p>}
      <table className="recovery-table">
        <thead>
          <tr>
            <th>{t('recovery.col.table')}</th>
            <th>{t('recovery.col.recovered')}</th>
            <th>{t('recovery.col.claimed')}</th>
            <th>{t('recovery.col.rescued')}</th>
            <th>{t('recovery.col.newIds')}</th>
            <th>{t('recovery.col.lost')}</th>
          </tr>
        </thead>
        <tbody>
          {tableLines(report).map((line) => (
            <tr key={line.table} className={line.short ? 'recovery-short' : undefined}>
              <td>{line.table}</td>
              <td>{n(line.recovered)}</td>
              <td>{line.claimed === null ? '—' : n(line.claimed)}</td>
              <td>{n(line.rescued)}</td>
              <td>{n(line.newIds)}</td>
              <td>{n(line.lost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('recovery.lostSummary', { count: report.lost_and_found.rows })}</p>
      {report.unreadable_pages.length > 0 && (
        <p className="recovery-muted">
          {t('recovery.unreadable', { count: report.unreadable_pages.length })}
        </p>
      )}
      <p>
        {report.checks.integrity === 'ok'
          ? t('recovery.integrityOk')
          : t('recovery.integrityBad', { count: report.checks.integrity.length })}{' '}
        {t('recovery.checks', { errors: report.checks.errors, warnings: report.checks.warnings })}
      </p>
      {onOpen !== undefined && (
        <button type="button" className="primary" onClick={() => onOpen(report)}>
          {t('recovery.openRecovered')}
        </button>
      )}
    </section>
  );
}

export function RecoveryPanel({ api, onOpenRecovered }: RecoveryPanelProps) {
  const t = useT();
  const [timeline, setTimeline] = useState<WalTimeline | null>(null);
  const [report, setReport] = useState<RecoverReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.listWalCommits({}).then((result) => {
      if (live && result.ok) setTimeline(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const recover = async (walCommit?: number) => {
    setBusy(true);
    setError(null);
    const result = await api.recoverDatabase(walCommit === undefined ? {} : { walCommit });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else if (result.value !== null) setReport(result.value);
  };

  return (
    <div className="recovery-panel" data-testid="recovery-panel">
      <h2>{t('recovery.title')}</h2>
      <p className="recovery-muted">{t('recovery.intro')}</p>
      <button type="button" className="primary" disabled={busy} onClick={() => void recover()}>
        {busy ? t('recovery.working') : t('recovery.recover')}
      </button>
      {error !== null && (
        <p className="recovery-error" role="alert">
          {t(errorKey(error.code))} {error.message}
        </p>
      )}
      {report !== null && <Report report={report} onOpen={onOpenRecovered} />}
      {timeline !== null && timeline.wal_present && (
        <section>
          <h3>{t('recovery.timelineTitle')}</h3>
          <p className="recovery-muted">{t('recovery.timelineIntro')}</p>
          <Timeline timeline={timeline} busy={busy} onPick={(n) => void recover(n)} />
        </section>
      )}
    </div>
  );
}
