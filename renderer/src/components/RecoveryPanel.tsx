// "Recover into a new file…" for a damaged database: the WAL commit timeline to pick a state from,
// the recovery report with per-table counts against what the damaged file claims, and what went to
// lost_and_found. Standalone: the limited-mode screen mounts it with the two API calls it needs.
// The page never names a path: the desktop save dialog (or the engine, in the browser) does.
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/shared/contract';
import type { RecoverReport, WalTimeline } from '../../../electron/shared/recover-reports';
import type { AppError } from '../../../electron/shared/result';
import { errorKey } from '../i18n';
import { useMessage } from '../i18n/use-message';
import { useApp, useT } from '../store/react';
import { commitLines } from './recovery-view';
import { RecoveryReport } from './RecoveryReport';
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
      <li data-testid="recovery-commit-0">
        <span className="recovery-commit-head">
          <span className="recovery-commit-title">{t('recovery.commitZero')}</span>
        </span>
        <span className="recovery-changes" />
        <button type="button" data-testid="recovery-pick" disabled={busy} onClick={() => onPick(0)}>
          {t('recovery.pickCommit')}
        </button>
      </li>
      {commitLines(timeline).map((c) => (
        <li key={c.index} data-testid={`recovery-commit-${c.index}`}>
          <span className="recovery-commit-head">
            <span className="recovery-commit-title">
              {t('recovery.commit', { index: c.index, frames: c.frames, pages: c.pages })}
            </span>
            {c.schemaChanged && <span className="chip chip-warn">{t('recovery.schemaChanged')}</span>}
          </span>
          <span className="recovery-changes">
            {c.changes.length === 0
              ? t('recovery.noRowChanges')
              : c.changes.map((d) => t('recovery.change', { ...d })).join(' · ')}
          </span>
          <button
            type="button"
            data-testid="recovery-pick"
            data-commit={c.index}
            disabled={busy}
            onClick={() => onPick(c.index)}
          >
            {t('recovery.pickCommit')}
          </button>
        </li>
      ))}
    </ol>
  );
}

export function RecoveryPanel({ api, onOpenRecovered }: RecoveryPanelProps) {
  const t = useT();
  const m = useMessage();
  // An open or restore elsewhere in the window holds the session: no recovery meanwhile.
  const appBusy = useApp((state) => state.busy !== null);
  const [timeline, setTimeline] = useState<WalTimeline | null>(null);
  const [report, setReport] = useState<{ report: RecoverReport; commit?: number } | null>(null);
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
    else if (result.value !== null) setReport({ report: result.value, commit: walCommit });
  };

  return (
    <div className="recovery-panel" data-testid="recovery-panel">
      <h2>{t('recovery.title')}</h2>
      <p className="recovery-muted">{t('recovery.intro')}</p>
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          data-testid="recovery-recover"
          disabled={busy || appBusy}
          onClick={() => void recover()}
        >
          {busy ? t('recovery.working') : t('recovery.recover')}
        </button>
      </div>
      {error !== null && (
        <p className="recovery-error" role="alert" data-testid="recovery-error">
          <code className="error-code">{error.code}</code> <strong>{t(errorKey(error.code))}</strong>{' '}
          {m(error.msg, error.message)}
        </p>
      )}
      {report !== null && (
        <RecoveryReport
          report={report.report}
          commit={report.commit}
          busy={busy || appBusy}
          onOpen={onOpenRecovered}
        />
      )}
      {timeline !== null && timeline.wal_present && (
        <section>
          <h3>{t('recovery.timelineTitle')}</h3>
          <p className="recovery-muted">
            {t('recovery.timelineIntro')} {t('recovery.changeLegend')}
          </p>
          <Timeline timeline={timeline} busy={busy || appBusy} onPick={(n) => void recover(n)} />
        </section>
      )}
    </div>
  );
}
