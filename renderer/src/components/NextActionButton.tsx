// The one recommended next action as a button: migrate, repair, restore, look at the checks, or
// nothing to do.
import type { Translate } from '../i18n';
import type { NextAction } from '../store/plans';
import { useApp, useAppStore, useT } from '../store/react';

function label(action: NextAction, t: Translate): string {
  switch (action.kind) {
    case 'migrate':
      return t('action.migrateTo', { version: action.to });
    case 'repair':
      return action.version === null ? t('action.repair') : t('action.repairTo', { version: action.version });
    case 'restore':
      return t('action.restoreRecommended');
    case 'checks':
      return t('action.seeChecks');
    case 'fix':
      return t('action.fixRecommended', { check: action.checkId });
    case 'newer':
      return t('action.newer', { version: action.version });
    case 'none':
      return t('action.nothing');
  }
}

export function NextActionButton({ action }: { action: NextAction }) {
  const t = useT();
  const busy = useApp((state) => state.busy);
  const store = useAppStore();
  const disabled = busy !== null || action.kind === 'none' || action.kind === 'newer';
  const run = () => {
    const state = store.getState();
    switch (action.kind) {
      case 'migrate':
        return void state.askMigrate();
      case 'repair':
        if (state.repairReport === null) return state.setTab('checks');
        return void state.askRepair();
      case 'restore':
        return state.askRestore(action.backupId);
      case 'checks':
        return state.setTab('checks');
      case 'fix':
        return void state.askFix(action.checkId);
      default:
        return;
    }
  };
  return (
    <button
      type="button"
      className={disabled ? undefined : 'primary'}
      data-testid="recommended-action"
      data-action={action.kind}
      disabled={disabled}
      onClick={run}
    >
      {label(action, t)}
    </button>
  );
}
