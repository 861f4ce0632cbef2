// Every write is confirmed here first. The dialog repeats exactly what will happen (the steps, the
// backup concerned) and that a verified backup is taken before anything changes. Esc cancels,
// focus stays inside, and Cancel has the initial focus.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { InUseNotice } from './InUseNotice';
import type { Translate } from '../i18n';
import { confirmable, type ConfirmAction } from '../store/dialogs-slice';
import { useApp, useT } from '../store/react';
import { BackupSummary } from './BackupSummary';
import './ConfirmDialog.css';
import { TriggerNotice } from './TriggerNotice';
import { UnverifiedRestore } from './UnverifiedRestore';
import { FixDiff, ForceGuard, MigrateTarget } from './DecisionParts';
import { onDialogKeyDown } from './dialog-keys';
import { returnFocus } from './focus-return';
import { RestoreCompare, useRestoreAllowed } from './restore/RestoreCompare';

/** Migration 3's mode (issue 8): safe by default; panel reproduces the panel's seeder. */
function XhttpFlowChoice() {
  const t = useT();
  const mode = useApp((state) => state.xhttpFlow);
  const busy = useApp((state) => state.busy !== null);
  const setMode = useApp((state) => state.setXhttpFlow);
  return (
    <fieldset className="xhttp-flow-choice" data-testid="xhttp-flow-choice">
      <legend>{t('confirm.xhttpFlow')}</legend>
      {(['safe', 'panel'] as const).map((value) => (
        <label key={value} className="inline-field">
          <input
            type="radio"
            name="xhttp-flow"
            value={value}
            data-testid={`xhttp-flow-${value}`}
            checked={mode === value}
            disabled={busy}
            onChange={() => void setMode(value)}
          />
          <span>{t(value === 'safe' ? 'confirm.xhttpFlowSafe' : 'confirm.xhttpFlowPanel')}</span>
        </label>
      ))}
    </fieldset>
  );
}

function describe(action: ConfirmAction, t: Translate): { title: string; ok: string; body: ReactNode } {
  switch (action.kind) {
    case 'migrate':
      return {
        title: t('confirm.migrateTitle', { from: action.from, to: action.to }),
        ok: t('confirm.migrateOk', { to: action.to }),
        body: (
          <>
            <MigrateTarget />
            <p>{t('confirm.migrateIntro', { count: action.steps.length })}</p>
            <ol className="confirm-steps" data-testid="confirm-steps">
              {action.steps.map((step) => (
                <li key={step.version}>
                  <code className="mono">
                    {t('common.versionName', { version: step.version, name: step.name })}
                  </code>
                  <span className="muted">{t('confirm.rowsWouldChange', { rows: step.rows })}</span>
                  <TriggerNotice triggers={step.triggers} effects={step.trigger_effects} />
                </li>
              ))}
            </ol>
            {action.steps.some((step) => step.version === 3) && <XhttpFlowChoice />}
            <p>{t('confirm.backupFirst')}</p>
            <p className="muted">{t('confirm.allOrNothing')}</p>
          </>
        ),
      };
    case 'rollback':
      return {
        title: t('confirm.rollBackTitle', { from: action.from }),
        ok: t('confirm.rollBackOk'),
        body: (
          <>
            <p>{t('confirm.rollBackIntro', { count: action.steps.length })}</p>
            <ol className="confirm-steps" data-testid="confirm-steps">
              {action.steps.map((step) => (
                <li key={step.version}>
                  <code className="mono">
                    {t('common.versionName', { version: step.version, name: step.name })}
                  </code>
                </li>
              ))}
            </ol>
            <p>{t('confirm.backupFirst')}</p>
            <p className="muted">{t('confirm.rollBackNote')}</p>
          </>
        ),
      };
    case 'restore':
      return {
        title: t('confirm.restoreTitle'),
        ok: t('confirm.restoreOk'),
        body: (
          <>
            <BackupSummary backup={action.backup} />
            <UnverifiedRestore action={action} />
            <RestoreCompare backupId={action.backup.id} />
            <p>{t('confirm.restoreVerify')}</p>
            <p>{t('confirm.restoreSafety')}</p>
          </>
        ),
      };
    case 'delete-backup':
      return {
        title: t('confirm.deleteTitle'),
        ok: t('confirm.deleteOk'),
        body: (
          <>
            <BackupSummary backup={action.backup} />
            <p className="text-danger">{t('confirm.deleteWarning')}</p>
          </>
        ),
      };
    case 'force-version':
      return {
        title: t('confirm.forceTitle', { version: action.version }),
        ok: t('confirm.forceOk', { version: action.version }),
        body: (
          <>
            <p>
              {action.dirtyVersion === null
                ? t('confirm.forceFromClean', { current: action.current, version: action.version })
                : t('confirm.forceFromDirty', { dirty: action.dirtyVersion, version: action.version })}
            </p>
            <p>{t('confirm.forceNoRows')}</p>
            {action.option !== undefined && (
              <ForceGuard option={action.option} acknowledged={action.acknowledged === true} />
            )}
            <p>{t('confirm.backupFirst')}</p>
          </>
        ),
      };
    case 'fix':
      return {
        title: t('confirm.fixTitle', { check: action.checkId }),
        ok: t('confirm.fixOk'),
        body: (
          <>
            <p>{action.title}</p>
            <p>{t('confirm.fixIntro', { count: action.rows.length })}</p>
            <ul className="confirm-steps mono" data-testid="confirm-fix-rows">
              {action.rows.map((row, index) => (
                <li key={index}>
                  {row.table} #{row.rowid}
                  {row.label === null ? '' : ` (${row.label})`}
                </li>
              ))}
            </ul>
            <FixDiff changes={action.changes ?? []} />
            <p>{t('confirm.backupFirst')}</p>
            <p className="muted">{t('confirm.fixLogged', { check: action.checkId })}</p>
          </>
        ),
      };
    case 'revert-fix':
      return {
        title: t('confirm.revertFixTitle', { check: action.checkId }),
        ok: t('confirm.revertFixOk'),
        body: (
          <>
            <p>{t('confirm.revertFixIntro')}</p>
            <p>{t('confirm.backupFirst')}</p>
          </>
        ),
      };
  }
}

/** The plan fingerprint this question was computed for (sent back on accept). */
function fingerprintOf(action: ConfirmAction): string | undefined {
  if (action.kind === 'force-version') return action.option?.fingerprint;
  return action.kind === 'migrate' || action.kind === 'rollback' || action.kind === 'fix'
    ? action.fingerprint
    : undefined;
}

/** A force the guard refuses, or one still waiting for its explicit acknowledgement, cannot be confirmed. */
function blocked(action: ConfirmAction): boolean {
  if (action.kind !== 'force-version' || action.option === undefined) return false;
  return (
    action.option.refused !== null || (action.option.needs_acknowledgement && action.acknowledged !== true)
  );
}

export function ConfirmDialog() {
  const t = useT();
  const action = useApp((state) => state.confirm);
  const cancel = useApp((state) => state.cancelConfirm);
  const accept = useApp((state) => state.acceptConfirm);
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const allowed = useRestoreAllowed(action?.kind === 'restore' ? action.backup.id : null);

  // Keyed on open/closed, not on the question: ticking the force acknowledgement must not move focus.
  const open = action !== null;
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => returnFocus(previous);
  }, [open]);

  if (action === null) return null;
  const { title, ok, body } = describe(action, t);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) =>
    onDialogKeyDown(event, dialogRef.current, cancel);

  const destructive = action.kind !== 'migrate' && action.kind !== 'fix' && action.kind !== 'revert-fix';
  return (
    <div className="backdrop" onMouseDown={(event) => event.target === event.currentTarget && cancel()}>
      <div
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        data-testid="confirm-dialog"
        data-kind={action.kind}
        onKeyDown={onKeyDown}
      >
        <h2 id="confirm-title">{title}</h2>
        <div className="dialog-body" id="confirm-body">
          {body}
          {fingerprintOf(action) !== undefined && (
            <p className="muted" data-testid="plan-fingerprint">
              {t('confirm.fingerprint', { fingerprint: fingerprintOf(action) ?? '' })}
            </p>
          )}
          <InUseNotice />
        </div>
        <div className="dialog-actions">
          <button type="button" ref={cancelRef} data-testid="confirm-cancel" onClick={cancel}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={destructive ? 'danger' : 'primary'}
            data-testid="confirm-ok"
            disabled={!allowed || !confirmable(action) || blocked(action)}
            onClick={() => void accept()}
          >
            {ok}
          </button>
        </div>
      </div>
    </div>
  );
}
