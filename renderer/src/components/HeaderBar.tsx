// The header: which file, what kind of panel made it, where its version stands, and the facts an
// admin checks first (dirty, WAL merged, integrity, last backup).
import { formatAge } from '../i18n/format';
import { useApp, useLanguage, useT } from '../store/react';
import { LanguageSwitch } from './LanguageSwitch';
import { useNow } from './useNow';
import { headlineBadge } from './headline-text';

export function HeaderBar() {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  const session = useApp((state) => state.session);
  const status = useApp((state) => state.status);
  const backups = useApp((state) => state.backups);
  const busy = useApp((state) => state.busy);
  const openDatabase = useApp((state) => state.openDatabase);
  const closeDatabase = useApp((state) => state.closeDatabase);
  const database = session?.database ?? null;
  const lastBackup = backups.find((backup) => backup.path === status?.last_backup) ?? backups[0];
  const walTransactions = status?.journal.wal_transactions_applied ?? 0;
  const fullIntegrity = useApp((state) => state.fullIntegrity);
  const integrityLoading = useApp((state) => state.integrityLoading);
  // The quick check (status) until the full one, run afterwards, has its answer.
  const integrity = fullIntegrity ?? status?.integrity ?? 'ok';

  return (
    <header className="header">
      <span className="brand">{t('app.title')}</span>
      {database !== null && (
        <div className="file" title={database.folder}>
          <span className="file-name" data-testid="db-name">
            {database.name}
          </span>
          <span className="file-folder" data-testid="db-folder">
            {database.folder}
          </span>
          {database.demo && <span className="chip chip-info">{t('header.demo')}</span>}
        </div>
      )}
      {database !== null && status !== null && (
        <div className="facts">
          <span className="chip" data-testid="panel-kind" title={t(`generation.${status.panel.generation}`)}>
            {t(`panelKind.${status.panel.kind}`)}
            <span className="chip-sub">{t(`generation.${status.panel.generation}`)}</span>
          </span>
          <span className="badge badge-version" data-testid="version-badge">
            {status.headline === undefined
              ? t('header.version', { current: status.current_version, latest: status.latest_version })
              : headlineBadge(status.headline, t)}
          </span>
          {status.dirty && (
            <span className="badge badge-danger" data-testid="dirty-badge">
              {t('header.dirty')}
            </span>
          )}
          {walTransactions > 0 && (
            <span className="chip chip-info" data-testid="wal-chip">
              {t('header.walMerged', { count: walTransactions })}
            </span>
          )}
          <span
            className={integrity === 'ok' ? 'chip chip-ok' : 'chip chip-danger'}
            data-testid="integrity-chip"
          >
            {integrity === 'ok'
              ? t('header.integrityOk')
              : t('header.integrityBad', { count: integrity.length })}
          </span>
          {fullIntegrity === null && integrityLoading && status.integrity_check === 'quick' && (
            <span className="muted" data-testid="integrity-checking">
              {t('header.integrityChecking')}
            </span>
          )}
          <span className="muted" data-testid="last-backup">
            {lastBackup === undefined
              ? t('header.noBackup')
              : t('header.lastBackup', { age: formatAge(language, lastBackup.created, now) })}
          </span>
        </div>
      )}
      <span className="spacer" />
      {database !== null && (
        <button
          type="button"
          data-testid="back-to-start"
          disabled={busy !== null}
          onClick={() => void closeDatabase()}
        >
          {t('start.back')}
        </button>
      )}
      {database !== null && session?.canChooseFile === true && (
        <button type="button" data-testid="open-file-header" disabled={busy !== null} onClick={openDatabase}>
          {t('start.open')}
        </button>
      )}
      <LanguageSwitch />
    </header>
  );
}
