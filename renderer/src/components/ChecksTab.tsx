// The health checks (what Xray and the panel will accept) with a Fix… button where a safe fix exists,
// integrity and panel invariants, the repair evidence for a dirty or half-applied file, which
// version the data is at, the recommendation, and forcing the recorded version.
import { useState } from 'react';
import type { ChecksSection, Evidence } from '../../../electron/shared/reports';
import { matchNote } from '../../../electron/shared/i18n/match-text';
import { checkTextZhCN } from '../../../electron/shared/i18n/checks-zh-CN';
import { useApp, useLanguage, useT } from '../store/react';
import { AppliedFixes } from './AppliedFixes';
import { SetPasswordButton } from './SetPasswordDialog';
import { useMessage } from '../i18n/use-message';

const SEVERITY_CLASS: Record<Evidence['severity'], string> = {
  error: 'chip chip-danger',
  warning: 'chip chip-warn',
  info: 'chip chip-info',
};

function ForceVersion({ latest, suggested }: { latest: number; suggested: number }) {
  const t = useT();
  const busy = useApp((state) => state.busy !== null);
  const askForceVersion = useApp((state) => state.askForceVersion);
  const [version, setVersion] = useState<number | null>(null);
  const chosen = version ?? suggested;
  return (
    <div className="toolbar force-version">
      <label className="inline-field">
        <span>{t('checks.forceLabel')}</span>
        <select
          data-testid="force-version-select"
          value={chosen}
          disabled={busy}
          onChange={(event) => setVersion(Number(event.target.value))}
        >
          {Array.from({ length: latest + 1 }, (_, index) => (
            <option key={index} value={index}>
              {t('common.version', { version: index })}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="force-version-button"
        disabled={busy}
        onClick={() => askForceVersion(chosen)}
      >
        {t('action.forceVersion')}
      </button>
      <span className="muted">{t('checks.forceHint')}</span>
    </div>
  );
}

/** Every finding of the health checks. Database text and references are shown as text, never as links. */
function HealthChecks({ section }: { section: ChecksSection | null }) {
  const t = useT();
  if (section === null)
    return (
      <section className="card" aria-labelledby="health-heading" data-testid="health-checks">
        <h2 id="health-heading">{t('checks.health')}</h2>
        <p className="muted" data-testid="health-checking">
          {t('checks.healthChecking')}
        </p>
      </section>
    );
  return <HealthFindings section={section} />;
}

function HealthFindings({ section }: { section: ChecksSection }) {
  const t = useT();
  const m = useMessage();
  const language = useLanguage();
  const busy = useApp((state) => state.busy !== null);
  const askFix = useApp((state) => state.askFix);
  const { summary } = section;
  return (
    <section className="card" aria-labelledby="health-heading" data-testid="health-checks">
      <div className="card-head">
        <h2 id="health-heading">{t('checks.health')}</h2>
        <span className="chip" data-testid="health-summary">
          {t('checks.healthSummary', { error: summary.error, warning: summary.warning, info: summary.info })}
        </span>
      </div>
      <p className="muted">{t('checks.healthIntro')}</p>
      {section.checks.length === 0 ? (
        <p className="muted" data-testid="health-none">
          {t('checks.healthNone', { rules: summary.rules })}
        </p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('col.severity')}</th>
              <th>{t('col.check')}</th>
              <th>{t('col.title')}</th>
              <th>{t('col.rowsAffected')}</th>
              <th>{t('col.reference')}</th>
              <th>{t('col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {section.checks.map((check) => (
              <tr key={check.id} data-testid="check-row" data-check={check.id} data-severity={check.severity}>
                <td>
                  <span className={SEVERITY_CLASS[check.severity]}>{t(`severity.${check.severity}`)}</span>
                </td>
                <td className="mono">{check.id}</td>
                <td>
                  <strong>
                    {m(
                      check.title_msg,
                      (language === 'zh-CN' && checkTextZhCN(check.id)?.title) || check.title,
                    )}
                  </strong>
                  <div className="muted">
                    {m(
                      check.reason_msg,
                      (language === 'zh-CN' && checkTextZhCN(check.id)?.reason) || check.reason,
                    )}
                  </div>
                </td>
                <td className="mono">
                  {check.rows.map((row, index) => (
                    <div key={index}>{language === 'en' ? row : m(matchNote(row), row)}</div>
                  ))}
                </td>
                <td className="muted">{m(check.reference_msg, check.reference ?? '')}</td>
                <td>
                  {check.fixable && (
                    <button
                      type="button"
                      data-testid="fix-button"
                      title={t('checks.fixable')}
                      disabled={busy}
                      onClick={() => void askFix(check.id)}
                    >
                      {t('action.fix')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One integrity result: ok, its problems, or "checking…" while it runs. */
function IntegrityResult({ result, testId }: { result: 'ok' | string[] | null; testId: string }) {
  const t = useT();
  if (result === null)
    return (
      <span className="muted" data-testid={testId}>
        {t('checks.checking')}
      </span>
    );
  if (result === 'ok')
    return (
      <span className="chip chip-ok" data-testid={testId}>
        {t('header.integrityOk')}
      </span>
    );
  return (
    <ul className="plain-list mono" data-testid={testId}>
      {result.map((problem, index) => (
        <li key={index}>{problem}</li>
      ))}
    </ul>
  );
}

export function ChecksTab() {
  const t = useT();
  const m = useMessage();
  const status = useApp((state) => state.status);
  const healthChecks = useApp((state) => state.healthChecks);
  const fullIntegrity = useApp((state) => state.fullIntegrity);
  const report = useApp((state) => state.repairReport);
  const busy = useApp((state) => state.busy !== null);
  const askRepair = useApp((state) => state.askRepair);
  if (status === null || report === null) return <p className="muted">{t('common.loading')}</p>;
  const { recommendation } = report;

  // One button per recommendation that has one; each opens the repair dialog for it.
  const recommended =
    recommendation.action === 'force-version' && recommendation.version !== null
      ? { testId: 'repair-button', label: t('action.repairTo', { version: recommendation.version }) }
      : recommendation.action === 'restore-backup'
        ? {
            testId: 'repair-restore-button',
            label: recommendation.backup === null ? t('hint.openBackups') : t('hint.restoreRecommended'),
          }
        : recommendation.action === 'fix' && recommendation.check !== undefined
          ? { testId: 'repair-button', label: t('action.fixRecommended', { check: recommendation.check }) }
          : null;

  return (
    <div className="stack">
      <HealthChecks section={healthChecks ?? status.checks} />
      <AppliedFixes />
      <section className="card" aria-labelledby="recommendation-heading">
        <div className="card-head">
          <h2 id="recommendation-heading">{t('checks.recommendation')}</h2>
          <span className="chip" data-testid="recommendation">
            {t(`recommendation.${recommendation.action}`)}
          </span>
        </div>
        <p data-testid="recommendation-reason">{m(recommendation.msg, recommendation.reason)}</p>
        {/* "Repair" has one meaning (issue 14B): fixing the migration state of a dirty or half-applied
            file. A clean file has no Repair button; a file only a backup can save gets a Restore one. */}
        {recommended !== null && (
          <button
            type="button"
            className="primary"
            data-testid={recommended.testId}
            disabled={busy}
            onClick={() => void askRepair()}
          >
            {recommended.label}
          </button>
        )}
        <SetPasswordButton />
        <ForceVersion
          latest={status.latest_version}
          suggested={report.data_version ?? report.current_version}
        />
      </section>
      <section className="card" aria-labelledby="state-heading">
        <h2 id="state-heading">{t('checks.state')}</h2>
        <dl className="facts-list">
          <dt>{t('checks.recorded')}</dt>
          <dd>
            {report.dirty
              ? t('checks.recordedDirty', { version: report.dirty_version ?? report.current_version })
              : t('common.version', { version: report.current_version })}
          </dd>
          <dt>{t('checks.dataVersion')}</dt>
          <dd data-testid="data-version">
            {report.data_version === null
              ? t('checks.dataUnjudged')
              : t('common.version', { version: report.data_version })}
          </dd>
          <dt>{t('checks.integrity')}</dt>
          <dd>
            <div>
              {t(status.integrity_check === 'full' ? 'checks.integrityFull' : 'checks.integrityQuick')}:{' '}
              <IntegrityResult result={status.integrity} testId="integrity-quick" />
            </div>
            {status.integrity_check === 'quick' && (
              <div>
                {t('checks.integrityFull')}:{' '}
                <IntegrityResult result={fullIntegrity} testId="integrity-full" />
              </div>
            )}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t('checks.evidence')}</h2>
        {report.evidence.length === 0 ? (
          <p className="muted">{t('checks.noEvidence')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('col.severity')}</th>
                <th>{t('col.check')}</th>
                <th>{t('col.message')}</th>
                <th>{t('col.rowsAffected')}</th>
              </tr>
            </thead>
            <tbody>
              {report.evidence.map((evidence, index) => (
                <tr
                  key={`${evidence.id}-${index}`}
                  data-testid="evidence-row"
                  data-severity={evidence.severity}
                >
                  <td>
                    <span className={SEVERITY_CLASS[evidence.severity]}>
                      {t(`severity.${evidence.severity}`)}
                    </span>
                  </td>
                  <td className="mono">{evidence.id}</td>
                  <td>{m(evidence.msg, evidence.message)}</td>
                  <td className="mono">
                    {evidence.rows.map((row, rowIndex) => (
                      <div key={rowIndex}>{row}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
