// The steps not yet applied, the dry-run preview of what each would change, and Migrate.
import { useApp, useT } from '../store/react';
import { ExternalLint, ExternalRoundTrip } from './ExternalReview';
import { Preview } from './Preview';

export function PendingTab() {
  const t = useT();
  const status = useApp((state) => state.status);
  const preview = useApp((state) => state.preview);
  const busy = useApp((state) => state.busy);
  const loadPreview = useApp((state) => state.loadPreview);
  const askMigrate = useApp((state) => state.askMigrate);
  const session = useApp((state) => state.session);
  const review = useApp((state) => state.review);
  const reviewLoading = useApp((state) => state.reviewLoading);
  const addMigrationsFolder = useApp((state) => state.addMigrationsFolder);
  const removeMigrationsFolder = useApp((state) => state.removeMigrationsFolder);
  if (status === null) return <p className="muted">{t('common.loading')}</p>;
  const blocked = status.dirty || status.newer_version !== null;
  const nothing = status.pending_count === 0;
  const folder = session?.migrationsFolder ?? null;
  const external = status.pending.some((step) => step.source === 'external');

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
      {(folder !== null || session?.canChooseMigrationsFolder === true) && (
        <div className="toolbar">
          {folder !== null && (
            <>
              <span data-testid="migrations-folder" title={folder.folder}>
                {t('pending.folder', { name: folder.name })}
              </span>
              <button
                type="button"
                data-testid="remove-migrations-folder"
                disabled={busy !== null}
                onClick={() => void removeMigrationsFolder()}
              >
                {t('pending.removeFolder')}
              </button>
            </>
          )}
          {session?.canChooseMigrationsFolder === true && (
            <button
              type="button"
              data-testid="add-migrations-folder"
              disabled={busy !== null}
              onClick={() => void addMigrationsFolder()}
            >
              {t('pending.addFolder')}
            </button>
          )}
          {reviewLoading && <span className="muted">{t('pending.reviewLoading')}</span>}
        </div>
      )}
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
              {external && (
                <>
                  <th>{t('pending.file')}</th>
                  <th>{t('pending.lint')}</th>
                  <th>{t('pending.roundtrip')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {status.pending.map((step) => (
              <tr key={step.version} data-testid="pending-row">
                <td className="num mono">{step.version}</td>
                <td className="mono">{step.name}</td>
                {external &&
                  (step.source === 'external' ? (
                    <>
                      <td className="mono">{step.file ?? ''}</td>
                      <td data-testid="external-lint">
                        <ExternalLint version={step.version} review={review} />
                      </td>
                      <td data-testid="external-roundtrip">
                        <ExternalRoundTrip version={step.version} review={review} />
                      </td>
                    </>
                  ) : (
                    <td colSpan={3} />
                  ))}
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
