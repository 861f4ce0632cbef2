// The tab strip (arrow keys, Home and End move between tabs) and the open tab's panel.
import { useRef, type ComponentType, type KeyboardEvent } from 'react';
import type { MessageKey } from '../i18n';
import { TABS, type TabId } from '../store/dialogs-slice';
import { useApp, useT } from '../store/react';
import { BackupsTab } from './BackupsTab';
import { ChecksTab } from './ChecksTab';
import { HistoryTab } from './HistoryTab';
import { OverviewTab } from './OverviewTab';
import { PendingTab } from './PendingTab';
import './Tabs.css';

const LABELS: Record<TabId, MessageKey> = {
  overview: 'tab.overview',
  history: 'tab.history',
  pending: 'tab.pending',
  backups: 'tab.backups',
  checks: 'tab.checks',
};

const PANELS: Record<TabId, ComponentType> = {
  overview: OverviewTab,
  history: HistoryTab,
  pending: PendingTab,
  backups: BackupsTab,
  checks: ChecksTab,
};

function useCounts(): Record<TabId, number | null> {
  const pending = useApp((state) => state.status?.pending_count ?? null);
  const history = useApp((state) => state.history.length);
  const backups = useApp((state) => state.backups.length);
  // Errors and warnings of the health checks (what `check` reports), plus a dirty flag: the same
  // count the Checks tab's summary shows, not only the repair evidence.
  const problems = useApp((state) => {
    if (state.status === null) return null;
    const summary = (state.healthChecks ?? state.status.checks)?.summary;
    return (summary?.error ?? 0) + (summary?.warning ?? 0) + (state.status.dirty ? 1 : 0);
  });
  return { overview: null, history, pending, backups, checks: problems };
}

export function Tabs() {
  const t = useT();
  const tab = useApp((state) => state.tab);
  const setTab = useApp((state) => state.setTab);
  const counts = useCounts();
  const buttons = useRef(new Map<TabId, HTMLButtonElement>());

  const move = (target: TabId) => {
    setTab(target);
    buttons.current.get(target)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.indexOf(tab);
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    const target = next === null ? undefined : TABS[next];
    if (target === undefined) return;
    event.preventDefault();
    move(target);
  };

  const Panel = PANELS[tab];
  return (
    <div className="tabs-area">
      <div className="tablist" role="tablist" aria-label={t('tab.label')}>
        {TABS.map((id) => {
          const count = counts[id];
          return (
            <button
              key={id}
              ref={(element) => {
                if (element === null) buttons.current.delete(id);
                else buttons.current.set(id, element);
              }}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              data-testid={`tab-${id}`}
              className="tab"
              onClick={() => setTab(id)}
              onKeyDown={onKeyDown}
            >
              {t(LABELS[id])}
              {count !== null && count > 0 && <span className="tab-count">{count}</span>}
            </button>
          );
        })}
      </div>
      <div
        className="tabpanel"
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        tabIndex={0}
        data-testid={`panel-${tab}`}
      >
        <Panel />
      </div>
    </div>
  );
}
