// A file the app cannot open still opens (issue 14B): what is wrong with it, in words and with its
// code, and its backups — PanelDB's and the panel's own — to restore, each with what it holds.
import type { ReactNode } from 'react';
import { errorKey } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { useMessage } from '../../i18n/use-message';
import { useApp, useLanguage, useT } from '../../store/react';
import { InspectionFacts } from './InspectionFacts';
import './restore.css';

export interface LimitedModeProps {
  /**
   * SLOT for issue 17's "Recover into a new file…" panel (RecoveryPanel, built by another helper;
   * the lead mounts it here): rendered below the backups, inside the limited-mode screen.
   */
  recoveryPanel?: ReactNode;
}

export function LimitedMode({ recoveryPanel }: LimitedModeProps) {
  const t = useT();
  const m = useMessage();
  const language = useLanguage();
  const database = useApp((state) => state.session?.database ?? null);
  const backups = useApp((state) => state.backups);
  const inspections = useApp((state) => state.inspections);
  const busy = useApp((state) => state.busy !== null);
  const askRestore = useApp((state) => state.askRestore);
  const closeDatabase = useApp((state) => state.closeDatabase);
  const problem = database?.limited ?? null;
  if (database === null || problem === null) return null;
  return (
    <main className="workspace limited-mode" data-testid="limited-mode" data-code={problem.code}>
      <section className="limited-problem" role="alert">
        <h2>{t('limited.title', { name: database.name })}</h2>
        <p>
          <code className="error-code" data-testid="limited-code">
            {problem.code}
          </code>{' '}
          <strong>{t(errorKey(problem.code))}</strong>
        </p>
        <p className="muted" data-testid="limited-message">
          {m(problem.msg, problem.message)}
        </p>
        <p>{t(problem.code === 'FILE_NOT_FOUND' ? 'limited.gone' : 'limited.explain')}</p>
      </section>
      <section aria-labelledby="limited-backups">
        <h3 id="limited-backups">{t('limited.backups')}</h3>
        {backups.length === 0 ? (
          <p className="muted" data-testid="limited-no-backups">
            {t('limited.noBackups')}
          </p>
        ) : (
          <ul className="limited-backup-list">
            {backups.map((backup) => (
              <li key={backup.id} data-testid="limited-backup" data-backup-id={backup.id}>
                <div className="limited-backup-name mono">{backup.id}</div>
                <div className="muted">
                  {formatDate(language, backup.created)} · {t(`origin.${backup.origin}`)}
                </div>
                <InspectionFacts inspection={inspections[backup.id]?.backup} />
                <button
                  type="button"
                  className="small"
                  data-testid="limited-restore"
                  disabled={busy || problem.code === 'FILE_NOT_FOUND'}
                  title={problem.code === 'FILE_NOT_FOUND' ? t('limited.goneRestore') : undefined}
                  onClick={() => askRestore(backup.id)}
                >
                  {t('action.restore')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {/* Issue 17 slot: "Recover into a new file…" (RecoveryPanel) goes here. */}
      {recoveryPanel !== undefined && (
        <section className="limited-recovery" data-testid="limited-recovery-slot">
          {recoveryPanel}
        </section>
      )}
      <div className="toolbar">
        <button
          type="button"
          data-testid="limited-close"
          disabled={busy}
          onClick={() => void closeDatabase()}
        >
          {t('start.back')}
        </button>
      </div>
    </main>
  );
}
