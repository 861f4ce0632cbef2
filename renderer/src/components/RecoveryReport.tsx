// The report of one recovery: where it went, per table the rows recovered beside the highest id the
// damaged file claims (its sqlite_sequence), what went to lost_and_found and why, the new file's
// checks, and "Open the recovered file".
import { useEffect, useRef } from 'react';
import type { RecoverReport } from '../../../electron/shared/recover-reports';
import { formatNumber } from '../i18n/format';
import { useLanguage, useT } from '../store/react';
import { lostLines, tableLines } from './recovery-view';

export function RecoveryReport({
  report,
  commit,
  busy,
  onOpen,
}: {
  report: RecoverReport;
  /** The WAL commit picked from the timeline, if one was. */
  commit: number | undefined;
  busy: boolean;
  onOpen?: (report: RecoverReport) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const n = (value: number) => formatNumber(language, value);
  const lost = lostLines(report);
  // A new report takes the focus (and scrolls into view): the timeline's button may be far below it.
  const section = useRef<HTMLElement>(null);
  useEffect(() => section.current?.focus(), [report]);
  return (
    <section
      ref={section}
      tabIndex={-1}
      className="recovery-report"
      data-testid="recovery-report"
      data-mode={report.mode}
      data-commit={commit}
    >
      <p>
        <strong>
          {commit === undefined ? t('recovery.written') : t('recovery.writtenCommit', { index: commit })}
        </strong>{' '}
        <code className="recovery-output" data-testid="recovery-output">
          {report.output}
        </code>
      </p>
      {report.source_schema === 'sql-first' && <p className="chip chip-info">{t('recovery.sqlFirst')}</p>}
      <div className="recovery-table-wrap">
        <table className="recovery-table">
          <thead>
            <tr>
              <th scope="col">{t('recovery.col.table')}</th>
              <th scope="col">{t('recovery.col.recovered')}</th>
              <th scope="col">{t('recovery.col.claimed')}</th>
              <th scope="col">{t('recovery.col.short')}</th>
              <th scope="col">{t('recovery.col.rescued')}</th>
              <th scope="col">{t('recovery.col.newIds')}</th>
              <th scope="col">{t('recovery.col.lost')}</th>
            </tr>
          </thead>
          <tbody>
            {tableLines(report).map((line) => (
              <tr
                key={line.table}
                className={line.short > 0 ? 'recovery-short' : undefined}
                data-testid="recovery-row"
                data-table={line.table}
              >
                <th scope="row">{line.table}</th>
                <td data-testid="recovery-recovered">{n(line.recovered)}</td>
                <td data-testid="recovery-claimed">{line.claimed === null ? '—' : n(line.claimed)}</td>
                <td data-testid="recovery-short">{line.short > 0 ? n(line.short) : '—'}</td>
                <td>{n(line.rescued)}</td>
                <td>{n(line.newIds)}</td>
                <td data-testid="recovery-lost-count">{n(line.lost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="recovery-muted">{t('recovery.claimedNote')}</p>
      <p data-testid="recovery-lost" data-rows={report.lost_and_found.rows}>
        {report.lost_and_found.rows === 0
          ? t('recovery.lostNone')
          : t('recovery.lostSummary', { count: report.lost_and_found.rows })}
      </p>
      {lost.length > 0 && (
        <ul className="recovery-lost-list" aria-label={t('recovery.lostReasons')}>
          {lost.map((line) => (
            <li key={line.table} data-testid="recovery-lost-guess" data-table={line.table}>
              {line.table === null
                ? t('recovery.lostUnknown', { count: line.rows })
                : t('recovery.lostGuess', { count: line.rows, table: line.table })}
            </li>
          ))}
        </ul>
      )}
      {report.unreadable_pages.length > 0 && (
        <p className="recovery-muted">
          {t('recovery.unreadable', { count: report.unreadable_pages.length })}
        </p>
      )}
      <p data-testid="recovery-checks">
        {report.checks.integrity === 'ok'
          ? t('recovery.integrityOk')
          : t('recovery.integrityBad', { count: report.checks.integrity.length })}{' '}
        {t('recovery.checks', { errors: report.checks.errors, warnings: report.checks.warnings })}
      </p>
      {onOpen !== undefined && (
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            data-testid="recovery-open"
            disabled={busy}
            onClick={() => onOpen(report)}
          >
            {t('recovery.openRecovered')}
          </button>
        </div>
      )}
    </section>
  );
}
