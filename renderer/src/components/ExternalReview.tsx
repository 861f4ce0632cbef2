// Beside a pending external step: its files' lint findings and its up → down → up round trip.
import type { MigrationsReview } from '../../../electron/shared/reports';
import { useMessage } from '../i18n/use-message';
import { useT } from '../store/react';

const versionOf = (file: string): number | null => {
  const match = /^([0-9]+)_/.exec(file);
  return match?.[1] === undefined ? null : Number(match[1]);
};

export function ExternalLint({ version, review }: { version: number; review: MigrationsReview | null }) {
  const t = useT();
  const m = useMessage();
  if (review === null) return <span className="muted">{t('pending.notChecked')}</span>;
  const files = review.lint.filter((entry) => versionOf(entry.file) === version);
  const errors = files.reduce((sum, entry) => sum + entry.errors, 0);
  const warnings = files.reduce((sum, entry) => sum + entry.warnings, 0);
  const findings = files.flatMap((entry) => entry.findings.map((item) => ({ ...item, file: entry.file })));
  if (findings.length === 0) return <span>✓ {t('pending.lintClean')}</span>;
  return (
    <details>
      <summary className={errors > 0 ? 'text-danger' : undefined}>
        {t('pending.lintCounts', { errors, warnings })}
      </summary>
      <ul className="mono">
        {findings.map((item, index) => (
          <li key={index}>
            {item.file}:{item.line} {item.rule}{' '}
            {item.msg === undefined
              ? item.message
              : [
                  m(item.msg, item.message),
                  ...(item.refs?.length ? [t('lint.refs', { refs: item.refs.join('/') })] : []),
                ].join(' ')}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ExternalRoundTrip({ version, review }: { version: number; review: MigrationsReview | null }) {
  const t = useT();
  const step = review?.roundtrip.steps.find((candidate) => candidate.version === version);
  if (step === undefined) return <span className="muted">{t('pending.notChecked')}</span>;
  if (step.error !== undefined) {
    return <span className="text-danger">{t('pending.roundtripError', { error: step.error })}</span>;
  }
  if (step.irreversible === true) return <span>{t('pending.irreversible')}</span>;
  return (
    <span>
      <span className={step.down_restores ? undefined : 'text-danger'}>
        {step.down_restores ? `✓ ${t('pending.downRestores')}` : `✗ ${t('pending.downLoses')}`}
      </span>
      {step.changed_rows.length > 0 && (
        <span className="mono"> · {t('pending.changedRows', { rows: step.changed_rows.join(', ') })}</span>
      )}
      {' · '}
      <span className={step.second_up_same ? undefined : 'text-danger'}>
        {step.second_up_same ? `✓ ${t('pending.secondUpSame')}` : `✗ ${t('pending.secondUpDiffers')}`}
      </span>
    </span>
  );
}
