// What a backup (or the open file) holds, in one line an admin reads before restoring: the version
// state, how many inbounds, clients and users, and whether the panel can start on it.
import type { FileInspection } from '../../../../electron/shared/inspect';
import { useT } from '../../store/react';
import './restore.css';

export function InspectionFacts({ inspection }: { inspection: FileInspection | undefined }) {
  const t = useT();
  if (inspection === undefined) return <span className="muted">{t('inspect.reading')}</span>;
  const { counts, version_state: version } = inspection;
  return (
    <span className="inspection" data-testid="inspection" data-can-start={inspection.panel_can_start}>
      {version !== null && (
        <span className="inspection-version">
          {t('inspect.version', {
            version: version.current_version,
            applied: version.applied.length === 0 ? t('common.none') : version.applied.join(', '),
          })}
        </span>
      )}
      {counts !== null && (
        <span className="inspection-counts" data-testid="inspection-counts">
          {t('inspect.counts', { inbounds: counts.inbounds, clients: counts.clients, users: counts.users })}
        </span>
      )}
      <span
        className={inspection.panel_can_start ? 'chip chip-ok' : 'chip chip-danger'}
        data-testid="panel-can-start"
        title={inspection.problems.map((problem) => t(`startProblem.${problem}`)).join('\n')}
      >
        {inspection.panel_can_start
          ? t('inspect.canStart')
          : t('inspect.cannotStart', {
              why: inspection.problems.map((problem) => t(`startProblem.${problem}`)).join('; '),
            })}
      </span>
    </span>
  );
}
