// The steps not yet applied, the dry-run preview of what each would change, and Migrate.
import { useApp, useT } from '../store/react';
import { Preview } from './Preview';

export function PendingTab() {
  const t = useT();
  const status = useApp((state) => state.status);
  const preview = useApp((state) => state.preview);
  const busy = useApp((state) => state.busy);
  const loadPreview = useApp((state) => state.loadPreview);
  const askMigrate = useApp((state) => state.askMigrate);
  if (status === null) return <p className="muted">{t('common.loading')}</p>;
  const blocked = status.dirty || status.newer_version !== null;
  const nothing = status.pending_count === 0;

  return (
    <div className="stack">
      <div className="toolbar">
        <button
          type="button"
          data-testid="preview-button"
          disabled={busy !== null || blocked || nothing}
          onClick={() => void loadPreview()}
        >
          {preview === null ? t('action.preview') : t('action.previewAgain')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="migrate-button"
          disabled={busy !== null || blocked || nothing}
          onClick={() => void askMigrate()}
        >
          {t('action.migrateTo', { version: status.latest_version })}
        </button>
        {status.dirty && <span className="text-danger">{t('pending.dirtyNotice')}</span>}
        {status.newer_version !== null && (
          <span className="text-danger">{t('pending.newerNotice', { version: status.newer_version })}</span>
        )}
      </div>
      {nothing ? (
        <p className="muted" data-testid="pending-none">
          {t('pending.none')}
        </p>
      ) : (
        <table className="grid compact" data-testid="pending-table">
          <thead>
            <tr>
              <th className="num">{t('col.version')}</th>
              <th>{t('col.name')}</th>
            </tr>
          </thead>
          <tbody>
            {status.pending.map((step) => (
              <tr key={step.version} data-testid="pending-row">
                <td className="num mono">{step.version}</td>
                <td className="mono">{step.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview !== null && <Preview report={preview} />}
      {preview === null && !nothing && !blocked && <p className="muted">{t('pending.previewHint')}</p>}
    </div>
  );
}
