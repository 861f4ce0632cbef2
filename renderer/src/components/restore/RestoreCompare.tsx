// The restore dialog's comparison (issue 14B): the backup beside the file now ("26 inbounds now →
// 0 in the backup"), and for a risky restore the explicit checkbox without which OK stays disabled.
import { useApp, useT } from '../../store/react';
import { InspectionFacts } from './InspectionFacts';
import './restore.css';
import { AcknowledgeBox } from '../AcknowledgeBox';

export function RestoreCompare({ backupId }: { backupId: string }) {
  const t = useT();
  const comparison = useApp((state) => state.inspections[backupId]);
  const accepted = useApp((state) => state.riskAccepted);
  const setAccepted = useApp((state) => state.setRiskAccepted);
  if (comparison === undefined) {
    return (
      <p className="muted" data-testid="restore-compare-loading">
        {t('inspect.reading')}
      </p>
    );
  }
  const { backup, current, risks } = comparison;
  const row = (label: string, now: number | undefined, then: number | undefined) => (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{now ?? t('common.unknown')}</td>
      <td className="num">{then ?? t('common.unknown')}</td>
    </tr>
  );
  return (
    <div className="restore-compare" data-testid="restore-compare" data-risks={risks.join(' ')}>
      <p data-testid="restore-compare-line">
        {t('inspect.inboundsLine', {
          now: current.counts?.inbounds ?? t('common.unknown'),
          then: backup.counts?.inbounds ?? t('common.unknown'),
        })}
      </p>
      <table className="grid compact">
        <thead>
          <tr>
            <th />
            <th className="num">{t('inspect.now')}</th>
            <th className="num">{t('inspect.inBackup')}</th>
          </tr>
        </thead>
        <tbody>
          {row(t('inspect.inbounds'), current.counts?.inbounds, backup.counts?.inbounds)}
          {row(t('inspect.clients'), current.counts?.clients, backup.counts?.clients)}
          {row(t('inspect.users'), current.counts?.users, backup.counts?.users)}
        </tbody>
      </table>
      <p>
        <InspectionFacts inspection={backup} />
      </p>
      {risks.length > 0 && (
        <div className="restore-risk" role="alert">
          <ul>
            {risks.map((risk) => (
              <li key={risk} className="text-danger" data-testid="restore-risk">
                {t(`restoreRisk.${risk}`, {
                  now: current.counts?.inbounds ?? 0,
                  then: backup.counts?.inbounds ?? 0,
                })}
              </li>
            ))}
          </ul>
          <AcknowledgeBox
            testId="accept-risk"
            checked={accepted}
            onChange={setAccepted}
            label={t('inspect.acceptRisk')}
          />
        </div>
      )}
    </div>
  );
}

/** Whether the restore dialog's OK may be pressed: the comparison is read, and any risk accepted. */
export function useRestoreAllowed(backupId: string | null): boolean {
  const comparison = useApp((state) => (backupId === null ? undefined : state.inspections[backupId]));
  const accepted = useApp((state) => state.riskAccepted);
  if (backupId === null) return true;
  if (comparison === undefined) return false;
  return comparison.risks.length === 0 || accepted;
}
