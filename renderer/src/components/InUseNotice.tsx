// Every write dialog says when another program (a running panel) has the file open: PanelDB will
// refuse the write, and the person should know why before pressing the button. The status report
// names the processes; the remedy is words, never a shell command.
import type { AppError } from '../../../electron/shared/result';
import type { Translate } from '../i18n';
import { useApp, useT } from '../store/react';

const NO_HOLDERS: never[] = [];

export const holderNames = (holders: Array<{ pid: number; name: string | null }>, t: Translate) =>
  holders.map((holder) => `${holder.name ?? t('confirm.inUseUnknown')} (${holder.pid})`).join(', ');

export function InUseNotice() {
  const t = useT();
  // One stable empty list: a selector must not return a new array on every call (zustand).
  const holders = useApp((state) => state.status?.in_use_by ?? NO_HOLDERS);
  if (holders.length === 0) return null;
  return (
    <p className="text-danger" role="note" data-testid="confirm-in-use">
      {t('confirm.inUse', { holders: holderNames(holders, t) })}
    </p>
  );
}

/** The structured remedy of a DATABASE_IN_USE / DATABASE_LOCKED refusal, in the reader's language. */
export function ErrorHintText({ error }: { error: AppError }) {
  const t = useT();
  const hint = error.hint;
  // The other hints (restore a backup, open a tab, …) are buttons (restore/HintButton.tsx).
  if (hint === undefined || (hint.action !== 'stop-panel' && hint.action !== 'wait-for-writer')) return null;
  const text =
    hint.action === 'stop-panel'
      ? t('errorBanner.inUseRemedy', { holders: holderNames(hint.holders, t) || t('confirm.inUseUnknown') })
      : t('errorBanner.lockedBy', {
          command: hint.holder.command,
          pid: hint.holder.pid,
          since: hint.holder.since,
        });
  return (
    <p className="error-hint" data-testid="error-hint">
      {text}
    </p>
  );
}
