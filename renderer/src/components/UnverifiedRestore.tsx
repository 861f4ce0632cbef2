// In the restore dialog: a backup without PanelDB metadata (the panel's own, or one whose metadata
// was lost) cannot be proven to hold what was backed up, so restoring it takes a ticked box; an
// invalid one (a -wal beside it, a linked sidecar) is not restored at all.
import type { ConfirmAction } from '../store/dialogs-slice';
import { useApp, useT } from '../store/react';
import { AcknowledgeBox } from './AcknowledgeBox';

export function UnverifiedRestore({ action }: { action: Extract<ConfirmAction, { kind: 'restore' }> }) {
  const t = useT();
  const setAccept = useApp((state) => state.setAcceptUnverified);
  const { standing } = action.backup;
  if (standing === 'ok') return null;
  if (standing === 'invalid')
    return (
      <p className="text-danger" data-testid="restore-invalid">
        {t('confirm.restoreInvalid')}
      </p>
    );
  return (
    <div data-testid="restore-unverified">
      <p className="text-danger">{t('confirm.restoreUnverified')}</p>
      <AcknowledgeBox
        testId="accept-unverified"
        checked={action.acceptUnverified}
        onChange={setAccept}
        label={t('confirm.restoreUnverifiedAccept')}
      />
    </div>
  );
}
