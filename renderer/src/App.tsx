// The window: header, messages, progress, then either the start screen or the tabs, the activity
// log at the bottom and the confirm dialog above everything.
import { useEffect } from 'react';
import { ActivityLog } from './components/ActivityLog';
import { ConfirmDialog } from './components/ConfirmDialog';
import { ErrorBanner } from './components/ErrorBanner';
import { HeaderBar } from './components/HeaderBar';
import { ProgressBar } from './components/ProgressBar';
import { RunReport } from './components/RunReport';
import { StartScreen } from './components/StartScreen';
import { Tabs } from './components/Tabs';
import { RecoveryPanel } from './components/RecoveryPanel';
import { LimitedMode } from './components/restore/LimitedMode';
import type { AppStore } from './store';
import { AppStoreContext, useApp, useLanguage, useT } from './store/react';

export function App({ store }: { store: AppStore }) {
  return (
    <AppStoreContext.Provider value={store}>
      <Shell />
    </AppStoreContext.Provider>
  );
}

function Shell() {
  const hasDatabase = useApp((state) => state.session?.database != null);
  const limited = useApp((state) => state.session?.database?.limited != null);
  const recoveryApi = useApp((state) => state.recoveryApi);
  const openRecovered = useApp((state) => state.openRecovered);
  const language = useLanguage();
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  return (
    <div className="app">
      <HeaderBar />
      <ErrorBanner />
      <ProgressBar />
      {hasDatabase && limited ? (
        <LimitedMode
          recoveryPanel={<RecoveryPanel api={recoveryApi} onOpenRecovered={() => void openRecovered()} />}
        />
      ) : hasDatabase ? (
        <main className="workspace">
          <RunReport />
          <Tabs />
        </main>
      ) : (
        <StartScreen />
      )}
      <ActivityLog />
      <ConfirmDialog />
    </div>
  );
}
