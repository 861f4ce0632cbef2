// While an operation runs: what it is, the current step (from ProgressEvents) and how far it got.
import { useApp, useT } from '../store/react';
import './ProgressBar.css';

export function ProgressBar() {
  const t = useT();
  const progress = useApp((state) => state.progress);
  if (progress === null) return null;
  const { step, rows } = progress;
  const rowFraction =
    rows !== null && rows.total > 0 && rows.version === step?.version ? rows.done / rows.total : 0;
  const fraction =
    step === null || step.total === 0 ? null : Math.min(1, (step.index + rowFraction) / step.total);
  const percent = fraction === null ? null : Math.round(fraction * 100);

  return (
    <div className="progress" data-testid="progress">
      <div className="progress-text">
        <strong>{t(`operation.${progress.operation}`)}</strong>
        {step !== null && (
          <span data-testid="progress-step">
            {t('progress.step', {
              index: step.index + 1,
              total: step.total,
              direction: t(`direction.${step.direction}`),
              version: step.version,
              name: step.name,
            })}
          </span>
        )}
        {rows !== null && (
          <span className="muted">{t('progress.rows', { done: rows.done, total: rows.total })}</span>
        )}
      </div>
      <div
        className={percent === null ? 'progress-track indeterminate' : 'progress-track'}
        role="progressbar"
        aria-label={t(`operation.${progress.operation}`)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        data-testid="progress-bar"
      >
        <div className="progress-fill" style={{ width: percent === null ? undefined : `${percent}%` }} />
      </div>
    </div>
  );
}
