// Everything done in this session, newest first, kept visible at the bottom of the window.
import { memo } from 'react';
import { errorKey } from '../i18n';
import { useMessage } from '../i18n/use-message';
import { formatDate } from '../i18n/format';
import type { ActivityEntry } from '../store/activity-slice';
import { useApp, useLanguage, useT } from '../store/react';
import './ActivityLog.css';

const OUTCOME_CLASS: Record<ActivityEntry['outcome'], string> = {
  ok: 'chip chip-ok',
  info: 'chip chip-info',
  error: 'chip chip-danger',
};

/**
 * The engine's specifics of an error: from their key, else English only where English is chosen
 * (never half and half); null when there is nothing to show in this language.
 */
function specifics(
  error: NonNullable<ActivityEntry['error']>,
  language: string,
  m: ReturnType<typeof useMessage>,
): string | null {
  return error.msg !== undefined || language === 'en' ? m(error.msg, error.message) : null;
}

const Entry = memo(function Entry({ entry }: { entry: ActivityEntry }) {
  const t = useT();
  const m = useMessage();
  const language = useLanguage();
  const engineText = entry.error === null ? null : specifics(entry.error, language, m);
  return (
    <li className="activity-entry" data-testid="activity-entry" data-outcome={entry.outcome}>
      <time className="mono muted" dateTime={entry.at}>
        {formatDate(language, entry.at)}
      </time>
      <span className={OUTCOME_CLASS[entry.outcome]}>{t(`outcome.${entry.outcome}`)}</span>
      <span className="activity-op">{t(`operation.${entry.operation}`)}</span>
      {entry.message !== null && <span>{t(entry.message.key, entry.message.params)}</span>}
      {entry.error !== null && (
        <span title={entry.error.message}>
          <code className="error-code">{entry.error.code}</code> {t(errorKey(entry.error.code))}
          {engineText !== null && <span className="muted activity-engine">{engineText}</span>}
        </span>
      )}
    </li>
  );
});

export function ActivityLog() {
  const t = useT();
  const m = useMessage();
  const activity = useApp((state) => state.activity);
  const audit = useApp((state) => state.audit);
  const language = useLanguage();
  const latest = activity[0];
  return (
    <section className="activity" aria-labelledby="activity-heading" data-testid="activity-log">
      <h2 id="activity-heading">{t('activity.title')}</h2>
      {/* Results are announced to screen readers as they arrive (a migrate, a restore, an error). */}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
        {latest === undefined
          ? ''
          : latest.message !== null
            ? t(latest.message.key, latest.message.params)
            : latest.error !== null
              ? `${t(errorKey(latest.error.code))} ${specifics(latest.error, language, m) ?? ''}`.trim()
              : ''}
      </p>
      {activity.length === 0 ? (
        <p className="muted">{t('activity.empty')}</p>
      ) : (
        <ol className="activity-list">
          {activity.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
      {audit.length > 0 && (
        // Earlier sessions' writes too, from the durable audit log: it survives a reload and a restore.
        <details data-testid="activity-audit">
          <summary>
            {t('audit.title')} ({audit.length})
          </summary>
          <ol className="activity-list">
            {audit.slice(0, 50).map((entry, index) => (
              <li
                key={`${entry.time}-${index}`}
                className="activity-entry"
                data-testid="activity-audit-entry"
              >
                <time className="mono muted" dateTime={entry.time}>
                  {formatDate(language, entry.time)}
                </time>
                <span className={OUTCOME_CLASS[entry.outcome]}>{t(`outcome.${entry.outcome}`)}</span>
                <span className="mono">{entry.summary}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
