// "Revert this fix" as a button (Checks and History), for every fix still standing in the file's
// log, and the durable audit log (History): every write PanelDB made, read from the backup folder.
import { useMemo } from 'react';
import type { HistoryEntry } from '../../../electron/shared/reports';
import { matchNote } from '../../../electron/shared/i18n/match-text';
import { formatDate } from '../i18n/format';
import { useMessage } from '../i18n/use-message';
import { useApp, useLanguage, useT } from '../store/react';
import './decisions.css';

/** The latest `fix` of each name with no later `fix-revert` of it: what a revert would undo. */
export function standingFixes(history: HistoryEntry[]): HistoryEntry[] {
  const latest = new Map<string, HistoryEntry>();
  for (const entry of [...history].sort((a, b) => a.id - b.id)) {
    if (entry.version !== 0) continue;
    if (entry.direction === 'fix') latest.set(entry.name, entry);
    if (entry.direction === 'fix-revert') latest.delete(entry.name);
  }
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

export function AppliedFixes() {
  const t = useT();
  const language = useLanguage();
  const history = useApp((state) => state.history);
  const busy = useApp((state) => state.busy !== null);
  const askRevertFix = useApp((state) => state.askRevertFix);
  const fixes = useMemo(() => standingFixes(history), [history]);
  if (fixes.length === 0) return null;
  return (
    <section className="card" aria-labelledby="fixes-heading" data-testid="applied-fixes">
      <h2 id="fixes-heading">{t('run.fixTitle')}</h2>
      <ul className="plain-list">
        {fixes.map((entry) => (
          <li key={entry.id} data-testid="applied-fix" data-check={entry.name}>
            <code className="mono">{entry.name}</code>{' '}
            <span className="muted">{formatDate(language, entry.finished_at)}</span>{' '}
            <button
              type="button"
              data-testid="revert-fix-button"
              data-check={entry.name}
              disabled={busy}
              onClick={() => askRevertFix(entry.name)}
            >
              {t('action.revertFix')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AuditLog() {
  const t = useT();
  const m = useMessage();
  const language = useLanguage();
  const audit = useApp((state) => state.audit);
  return (
    <section aria-labelledby="audit-heading" data-testid="audit-log">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      <p className="muted">{t('audit.intro')}</p>
      {audit.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid compact audit-log">
            <thead>
              <tr>
                <th>{t('audit.time')}</th>
                <th>{t('audit.operation')}</th>
                <th>{t('audit.summary')}</th>
                <th>{t('audit.backup')}</th>
                <th>{t('audit.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((entry, index) => (
                <tr key={`${entry.time}-${index}`} data-testid="audit-row" data-operation={entry.operation}>
                  <td>{formatDate(language, entry.time)}</td>
                  <td className="mono">{entry.operation}</td>
                  <td className="mono">
                    {language === 'en' ? entry.summary : m(matchNote(entry.summary), entry.summary)}
                  </td>
                  <td className="mono">{entry.backup ?? ''}</td>
                  <td>
                    <span className={entry.outcome === 'ok' ? 'chip chip-ok' : 'chip chip-danger'}>
                      {t(`outcome.${entry.outcome}`)}
                    </span>
                    {entry.error_code !== undefined && <code className="error-code">{entry.error_code}</code>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
