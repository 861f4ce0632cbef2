// An engine refusal's hint as a button (issue 14B, point 8): "Restore the backup taken before it",
// "Open Backups", "Choose step 3's mode" — never a command line to copy.
import type { ErrorHint } from '../../../../electron/shared/result';
import { useApp, useT } from '../../store/react';

export function HintButton({ hint }: { hint: ErrorHint | undefined }) {
  const t = useT();
  const follow = useApp((state) => state.followHint);
  // A confirmation is a checkbox in its dialog; a lock or a running panel is a line of text (InUseNotice).
  if (
    hint === undefined ||
    hint.action === 'accept-risk' ||
    hint.action === 'wait-for-writer' ||
    hint.action === 'stop-panel'
  )
    return null;
  const label =
    hint.action === 'restore-backup'
      ? hint.backupId === null
        ? t('hint.openBackups')
        : t('hint.restoreBackup')
      : hint.action === 'open-tab'
        ? t('hint.openTab', { tab: t(`tab.${hint.tab}`) })
        : hint.action === 'choose-step-mode'
          ? t('hint.chooseStepMode', { step: hint.step })
          : t('hint.repair');
  return (
    <button
      type="button"
      className="small primary"
      data-testid="hint-button"
      data-action={hint.action}
      onClick={() => void follow(hint)}
    >
      {label}
    </button>
  );
}
