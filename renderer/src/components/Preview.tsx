// The dry run, step by step: each row that would change with its JSON diff, the rows skipped and
// why, and the step's notes.
import { memo } from 'react';
import type { RunReport, StepReport } from '../../../electron/shared/reports';
import { useT } from '../store/react';
import { ChangeView } from './ChangeView';
import { TriggerNotice } from './TriggerNotice';
import { VirtualList } from './VirtualList';
import { useMessage } from '../i18n/use-message';

const StepPreview = memo(function StepPreview({ step }: { step: StepReport }) {
  const t = useT();
  const m = useMessage();
  return (
    <section className="card step-preview" data-testid="preview-step" data-version={step.version}>
      <div className="card-head">
        <h3 className="mono">{t('common.versionName', { version: step.version, name: step.name })}</h3>
        <span className="chip">{t('preview.rowsChanged', { rows: step.rows_changed })}</span>
        {step.skipped.length > 0 && (
          <span className="chip chip-warn">{t('preview.rowsSkipped', { rows: step.skipped.length })}</span>
        )}
        {step.status === 'failed' && <span className="chip chip-danger">{t('stepStatus.failed')}</span>}
      </div>
      {step.error !== undefined && <p className="text-danger">{step.error}</p>}
      <TriggerNotice triggers={step.triggers} effects={step.trigger_effects} />
      {step.notes.length > 0 && (
        <ul className="notes-list" aria-label={t('col.notes')}>
          {step.notes.map((note, index) => (
            <li key={index}>{m(step.note_msgs?.[index], note)}</li>
          ))}
        </ul>
      )}
      {step.changes.length === 0 && step.rows_changed === 0 && (
        <p className="muted">{t('preview.noChanges')}</p>
      )}
      <VirtualList
        items={step.changes}
        itemKey={(change) => `${change.table}-${change.rowid}-${change.column}`}
        render={(change) => <ChangeView change={change} />}
        estimateSize={110}
        label={t('preview.rowsChanged', { rows: step.rows_changed })}
        testId="preview-changes"
      />
      {step.skipped.length > 0 && (
        <div className="skipped" aria-label={t('preview.skippedTitle')}>
          <h4>{t('preview.skippedTitle')}</h4>
          <VirtualList
            items={step.skipped}
            itemKey={(row) => `${row.table}-${row.rowid}`}
            render={(row) => (
              <div className="skipped-row" data-testid="skipped-row">
                <span className="mono">{t('common.row', { table: row.table, rowid: row.rowid })}</span>
                <span>{m(row.msg, row.reason)}</span>
              </div>
            )}
            estimateSize={28}
            label={t('preview.skippedTitle')}
          />
        </div>
      )}
    </section>
  );
});

export function Preview({ report }: { report: RunReport }) {
  const t = useT();
  const rows = report.steps.reduce((sum, step) => sum + step.rows_changed, 0);
  return (
    <div className="preview stack" data-testid="preview">
      <h2>
        {t('preview.title', {
          from: report.from_version,
          to: report.to_version,
          steps: report.steps.length,
          rows,
        })}
      </h2>
      {report.steps.map((step) => (
        <StepPreview key={step.version} step={step} />
      ))}
    </div>
  );
}
