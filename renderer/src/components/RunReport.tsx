// What the last migrate or roll back did: per step its status, duration and rows changed, and for
// a roll back whether the touched tables are back to the content they had before the step.
import type { StepReport } from '../../../electron/shared/reports';
import type { MessageKey } from '../i18n';
import { useApp, useT } from '../store/react';
import './RunReport.css';
import { TriggerNotice } from './TriggerNotice';
import { useMessage } from '../i18n/use-message';

const STATUS_CLASS: Record<StepReport['status'], string> = {
  applied: 'chip chip-ok',
  reverted: 'chip chip-ok',
  failed: 'chip chip-danger',
};

const hashKey = (restored: boolean | undefined): MessageKey =>
  restored === undefined ? 'common.none' : restored ? 'run.hashMatches' : 'run.hashDiffers';

export function RunReport() {
  const t = useT();
  const m = useMessage();
  const report = useApp((state) => state.lastRun);
  const dismiss = useApp((state) => state.dismissRunReport);
  if (report === null) return null;
  const rollback = report.operation === 'rollback';
  // A fix never moves the version: no "v5 → v5", no version 0 and no direction "up" for it.
  const fixLike = report.operation !== 'migrate' && report.operation !== 'rollback';

  return (
    <section className="run-report card" data-testid="run-report" aria-labelledby="run-report-heading">
      <div className="card-head">
        <h2 id="run-report-heading">
          {report.operation === 'fix'
            ? t('run.fixTitle')
            : report.operation === 'revert-fix'
              ? t('run.fixRevertedTitle')
              : report.operation === 'set-password'
                ? t('run.passwordTitle')
                : t(rollback ? 'run.rollBackTitle' : 'run.migrateTitle', {
                    from: report.from_version,
                    to: report.to_version,
                  })}
        </h2>
        <span className={report.saved ? 'chip chip-ok' : 'chip chip-info'}>
          {t(report.saved ? 'run.saved' : 'run.notSaved')}
        </span>
        <span className="spacer" />
        <button type="button" className="link" data-testid="run-report-dismiss" onClick={dismiss}>
          {t('common.dismiss')}
        </button>
      </div>
      {report.backup !== null && (
        <p className="muted">
          {t('run.backupTaken')} <code className="mono">{report.backup.id}</code>
        </p>
      )}
      {report.safety_notes !== undefined && report.safety_notes.length > 0 && (
        <div className="muted" data-testid="run-safety-notes">
          {t('run.safetyNotes')}
          <ul className="notes-list">
            {report.safety_notes.map((note, index) => (
              <li key={index}>{m(report.safety_note_msgs?.[index], note)}</li>
            ))}
          </ul>
        </div>
      )}
      {report.moved_aside.length > 0 && (
        <p className="muted">
          {t('run.movedAside')} <code className="mono">{report.moved_aside.join(', ')}</code>
        </p>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th>{t('col.version')}</th>
            <th>{t('col.name')}</th>
            <th>{t('col.direction')}</th>
            <th>{t('col.status')}</th>
            <th className="num">{t('col.duration')}</th>
            <th className="num">{t('col.rowsChanged')}</th>
            {rollback && <th>{t('col.contentHash')}</th>}
            <th>{t('col.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {report.steps.map((step) => (
            <tr key={`${step.direction}-${step.version}`} data-testid="run-step" data-status={step.status}>
              <td className="num mono">{fixLike ? '' : step.version}</td>
              <td className="mono">{step.name}</td>
              <td>
                {fixLike
                  ? t(report.operation === 'revert-fix' ? 'direction.fix-revert' : 'direction.fix')
                  : t(`direction.${step.direction}`)}
              </td>
              <td>
                <span className={STATUS_CLASS[step.status]}>{t(`stepStatus.${step.status}`)}</span>
              </td>
              <td className="num">{t('unit.ms', { value: step.duration_ms })}</td>
              <td className="num">{step.rows_changed}</td>
              {rollback && (
                <td data-testid="content-hash">
                  <span
                    className={
                      step.content_hash_restored === false
                        ? 'chip chip-danger'
                        : step.content_hash_restored
                          ? 'chip chip-ok'
                          : ''
                    }
                  >
                    {t(hashKey(step.content_hash_restored))}
                  </span>
                </td>
              )}
              <td className="notes">
                {step.error !== undefined && <div className="text-danger">{step.error}</div>}
                <TriggerNotice triggers={step.triggers} effects={step.trigger_effects} />
                {step.notes.map((note, index) => (
                  <div key={index}>{m(step.note_msgs?.[index], note)}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
