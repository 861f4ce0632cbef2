// Shown while no database is open: choose a file (desktop), reopen a recent one, or try the demo.
import { useApp, useT } from '../store/react';
import './StartScreen.css';

export function StartScreen() {
  const t = useT();
  const session = useApp((state) => state.session);
  const busy = useApp((state) => state.busy);
  const openDemo = useApp((state) => state.openDemo);
  const openDatabase = useApp((state) => state.openDatabase);
  const openRecent = useApp((state) => state.openRecent);
  const canChoose = session?.canChooseFile === true;
  const recent = session?.recent ?? [];

  return (
    <main className="start" data-testid="start-screen">
      <h1>{t('start.title')}</h1>
      <p className="start-intro">{t('start.intro')}</p>
      <div className="start-actions">
        {canChoose && (
          <button
            type="button"
            className="primary"
            data-testid="open-file"
            disabled={busy !== null}
            onClick={openDatabase}
          >
            {t('start.open')}
          </button>
        )}
        <button
          type="button"
          className={canChoose ? undefined : 'primary'}
          data-testid="open-demo"
          disabled={busy !== null}
          onClick={openDemo}
        >
          {t('start.openDemo')}
        </button>
      </div>
      {session !== null && !canChoose && recent.length === 0 && (
        <p className="muted">{t('start.browserHint')}</p>
      )}
      <p className="muted">{t('start.demoHint')}</p>
      {recent.length > 0 && (
        <section className="recent" aria-labelledby="recent-heading">
          <h2 id="recent-heading">
            {session?.filesFolder != null
              ? t('start.folderFiles', { folder: session.filesFolder })
              : t('start.recent')}
          </h2>
          <ul>
            {recent.map((file) => (
              <li key={file.id}>
                <button
                  type="button"
                  className="recent-file"
                  data-testid="recent-file"
                  disabled={busy !== null}
                  onClick={() => void openRecent(file.id)}
                >
                  <span className="file-name">{file.name}</span>
                  <span className="file-folder">{file.folder}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
