// The version a backup holds, from its metadata: "v3 · applied 1, 2, 3", dirty marked in red.
import type { BackupEntry } from '../../../electron/shared/reports';
import { useApp, useT } from '../store/react';

export function VersionState({ backup }: { backup: BackupEntry }) {
  const t = useT();
  // The panel's own backups carry no metadata: their version state comes from reading them (issue 14B).
  const read = useApp((store) => store.inspections[backup.id]?.backup.version_state ?? undefined);
  const state = backup.metadata?.version_state ?? read;
  if (state === undefined) return <span className="muted">{t('common.unknown')}</span>;
  return (
    <span>
      {t('backups.versionState', {
        version: state.current_version,
        applied: state.applied.length === 0 ? t('common.none') : state.applied.join(', '),
      })}
      {state.dirty && <span className="badge badge-danger">{t('header.dirty')}</span>}
    </span>
  );
}
