// Parts of the confirm dialog for issue 14: the guard of a force on a clean file (the steps that
// will count as applied without running, and what that leaves undone), the key-level diff of a
// fix before it is applied, and the version a migrate stops at.
import type { ChangePreview, ForceOption } from '../../../electron/shared/reports';
import type { MessageKey } from '../i18n';
import { useApp, useT } from '../store/react';
import { ChangeView } from './ChangeView';
import './decisions.css';
import { AcknowledgeBox } from './AcknowledgeBox';

const CONSEQUENCES: Record<string, MessageKey> = {
  init_schema: 'consequence.init_schema',
  tls_config: 'consequence.tls_config',
  xhttp_flow: 'consequence.xhttp_flow',
  reality_target: 'consequence.reality_target',
  user_password_hash: 'consequence.user_password_hash',
};

export function ForceGuard({ option, acknowledged }: { option: ForceOption; acknowledged: boolean }) {
  const t = useT();
  const setAcknowledged = useApp((state) => state.setForceAcknowledged);
  const recorded = useApp((state) => state.status?.headline?.recorded ?? state.status?.newer_version ?? null);
  if (option.refused !== null) {
    return (
      <p className="text-danger" data-testid="force-refused">
        {t('confirm.forceRefusedNewer', { version: recorded ?? '?' })}
      </p>
    );
  }
  if (!option.needs_acknowledgement) return null;
  const steps = option.marks_without_running;
  return (
    <div className="force-guard" data-testid="force-guard">
      <p className="text-danger">
        {steps.length === 0 ? t('confirm.forceNoSkip') : t('confirm.forceNeedsAck', { count: steps.length })}
      </p>
      <ul className="confirm-steps" data-testid="force-skipped-steps">
        {steps.map((step) => (
          <li key={step.version}>
            <code className="mono">
              {t('common.versionName', { version: step.version, name: step.name })}
            </code>{' '}
            <span>{t(CONSEQUENCES[step.name] ?? 'consequence.other')}</span>
          </li>
        ))}
      </ul>
      <AcknowledgeBox
        testId="force-acknowledge"
        checked={acknowledged}
        onChange={setAcknowledged}
        label={t('confirm.forceAck')}
      />
    </div>
  );
}

export function FixDiff({ changes }: { changes: ChangePreview[] }) {
  const t = useT();
  if (changes.length === 0) return null;
  return (
    <div className="fix-diff" data-testid="fix-diff">
      <p>{t('confirm.fixDiff')}</p>
      {changes.slice(0, 50).map((change, index) => (
        <ChangeView key={`${change.table}-${change.rowid}-${change.column}-${index}`} change={change} />
      ))}
    </div>
  );
}

/** "Migrate up to": every version above the file's own; changing it previews that plan again. */
export function MigrateTarget() {
  const t = useT();
  const status = useApp((state) => state.status);
  const migrateTo = useApp((state) => state.migrateTo);
  const busy = useApp((state) => state.busy !== null);
  const setMigrateTo = useApp((state) => state.setMigrateTo);
  if (status === null || status.pending.length < 2) return null;
  return (
    <label className="inline-field">
      <span>{t('migrate.target')}</span>
      <select
        data-testid="migrate-target"
        value={migrateTo ?? status.latest_version}
        disabled={busy}
        onChange={(event) => {
          const version = Number(event.target.value);
          void setMigrateTo(version === status.latest_version ? null : version);
        }}
      >
        {status.pending.map((step) => (
          <option key={step.version} value={step.version}>
            {t('migrate.targetOption', { version: step.version, name: step.name })}
          </option>
        ))}
      </select>
    </label>
  );
}
